"""The cover, on its own first page: the administrative header on the reading side and the
logo across from it, then the coloured band (kicker, the commune's name, its name in
Tifinagh), then the strategy's title, the year and the dates."""

from __future__ import annotations

from collections.abc import Callable

from fpdf.enums import Align

from ..document import Block, Image, Paragraph, Section
from .flow import Flow
from .page import ACCENT, INK, WHITE
from .text import Style, Text

#: Each role's style and the space after it.
ROLES: dict[str, tuple[Style, float]] = {
    "header": (Style(9.5, bold=True, colour=INK, leading=1.4), 0.4),
    "kicker": (Style(14, colour=WHITE), 4.0),
    "display": (Style(26, bold=True, colour=WHITE, leading=1.3), 2.0),
    "alternate": (Style(15, colour=WHITE), 2.0),
    "subtitle": (Style(18, bold=True, colour=INK, leading=1.35), 4.0),
    "year": (Style(30, bold=True, colour=ACCENT), 4.0),
}
#: The roles set on the coloured band.
BAND = frozenset({"kicker", "display", "alternate"})
TOP, LOGO_HEIGHT, BAND_PADDING, BAND_MINIMUM = 14.0, 26.0, 12.0, 92.0


def in_band(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.role in BAND


def draw_cover(flow: Flow, section: Section, rtl: bool, block: Callable[[Block], None]) -> None:
    """Lay the cover out; `block` draws any block (a paragraph in its role's style)."""
    pdf = flow.pdf
    pdf.add_page(orientation="P")
    top = [b for b in section.blocks if _above(b)]
    band = [b for b in section.blocks if in_band(b)]
    rest = [b for b in section.blocks if b not in top and b not in band]
    bottom = 0.0
    pdf.set_y(TOP)
    for item in top:
        if isinstance(item, Image):
            # Across from the header, at the top of the page.
            shown = pdf.image(item.path, x=Align.L if rtl else Align.R, y=TOP - 2, h=LOGO_HEIGHT,
                              alt_text=item.alt.text)  # fmt: skip
            bottom = max(bottom, TOP - 2 + float(shown.rendered_height))
        else:
            block(item)
            bottom = max(bottom, flow.y)
    band_top = bottom + 6 if top else 0.0
    inner = BAND_PADDING if top else 24.0
    height = inner + BAND_PADDING + sum(_height(flow, b) for b in band)
    height = max(height, BAND_MINIMUM if not top else 0.0)
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, band_top, pdf.w, height, style="F")
    pdf.set_y(band_top + inner)
    for part in band:
        block(part)
    pdf.set_y(band_top + height + 12)
    for part in rest:
        block(part)


def _above(block: Block) -> bool:
    """Set above the band: the logo and the administrative header."""
    return isinstance(block, Image) or (isinstance(block, Paragraph) and block.role == "header")


def _height(flow: Flow, block: Block) -> float:
    assert isinstance(block, Paragraph)
    style, after = ROLES[block.role]
    text = Text.of(block.runs, block.direction == "rtl")
    return flow.height(text, style, flow.pdf.epw) + after
