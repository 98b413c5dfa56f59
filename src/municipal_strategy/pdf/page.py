"""The page: colours, type styles, and the FPDF that keeps each page's size, draws the
running header and, once every page is made, each page's number."""

from __future__ import annotations

from typing import Any

from fpdf import FPDF
from fpdf.enums import PDFResourceType
from fpdf.fonts import TTFFont

from ..document import Words
from ..i18n import label
from .fonts import FontSet
from .shaping import Face, Shaper
from .text import Style, Text, Typesetter

ACCENT = (27, 127, 95)
MUTED = (95, 107, 118)
INK = (31, 41, 51)
WHITE = (255, 255, 255)
TRACK = (232, 236, 239)
RULE = (200, 206, 212)
HEAD_FILL = (236, 241, 244)

BODY = Style(10)
SMALL = Style(8.5, colour=MUTED)
H1 = Style(17, bold=True, colour=ACCENT, leading=1.35)
H2 = Style(12.5, bold=True, leading=1.35)
H3 = Style(10.5, bold=True, colour=ACCENT)
TABLE = Style(8.5, leading=1.35)
TABLE_HEAD = Style(8.5, bold=True, leading=1.35)
ANNEX = Style(8, leading=1.3)
ANNEX_HEAD = Style(8, bold=True, leading=1.3)
FOOTER = Style(8, colour=MUTED)

#: Where the running header and the page number stand, from the page's top and bottom.
HEADER_TOP, HEADER_RULE, FOOTER_FROM_BOTTOM = 9.0, 15.0, 12.0


def rgb(colour: str) -> tuple[int, int, int]:
    """(r, g, b) of '#rrggbb'."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


class ReportPDF(FPDF):
    """An A4 FPDF in millimetres whose pages keep their orientation, with the bundled faces,
    the running header from the second page on, and the page numbers."""

    def __init__(self, fonts: FontSet, lang: str, rtl: bool) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.lang, self.rtl = lang, rtl
        self.set_auto_page_break(False)
        self.set_margins(18, 22, 18)
        self.b_margin = 18
        fonts.register(self)
        keys = fonts.keys()
        made = {name: Face(self._face(name)) for name in dict.fromkeys(keys.values())}
        faces = {key: made[name] for key, name in keys.items()}
        self.setter = Typesetter(self, Shaper(faces))
        self.running_title: Text | None = None
        self.sizes: dict[int, tuple[float, float]] = {}
        self._fonts_used: set[tuple[int, int]] = set()

    def _face(self, name: str) -> TTFFont:
        font = self.fonts[name]
        assert isinstance(font, TTFFont)  # added from a file, never a core font
        return font

    # -- what the text setter needs ------------------------------------------------------

    @property
    def page_height(self) -> float:
        """The height of the page being drawn on (which may not be the last one made)."""
        return self.sizes[self.page][1]

    def out(self, operators: str) -> None:
        """Write operators to the page being drawn on."""
        self._out(operators)

    def uses_font(self, index: int) -> None:
        """Say that the page being drawn on shows the font `index`."""
        key = (index, self.page)
        if key not in self._fonts_used:
            self._fonts_used.add(key)
            self._resource_catalog.add(PDFResourceType.FONT, index, self.page)

    # -- pages -------------------------------------------------------------------------

    def add_page(self, orientation: str = "", *args: Any, **kwargs: Any) -> None:
        """A new page, in the orientation of the current one unless told otherwise."""
        super().add_page(orientation or str(self.cur_orientation.value), *args, **kwargs)

    def header(self) -> None:
        self.sizes[self.page] = (self.w, self.h)
        if self.page == 1 or self.running_title is None:
            self.set_y(self.t_margin)
            return
        setter, title = self.setter, self.running_title
        for line in setter.wrap(title, SMALL, self.epw)[:1]:
            setter.draw(
                line,
                SMALL,
                title.rtl,
                self.l_margin,
                HEADER_TOP,
                self.epw,
                "R" if self.rtl else "L",
            )
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.3)
        self.line(self.l_margin, HEADER_RULE, self.w - self.r_margin, HEADER_RULE)
        self.set_y(self.t_margin)

    def number_pages(self) -> None:
        """'Page N of total' (the catalogue's label in the report's language) centred at the
        foot of every page after the cover, in one style, on each page's own width."""
        last, total = self.page, self.page
        setter = self.setter
        for number in range(2, total + 1):
            self.page = number
            width, height = self.sizes[number]
            text = Text.of([Words(label("page", self.lang, n=number, total=total), self.lang)])
            for line in setter.wrap(text, FOOTER, width)[:1]:
                top = height - FOOTER_FROM_BOTTOM - FOOTER.line_height / 2
                setter.draw(line, FOOTER, text.rtl, 0, top, width, "C")
        self.page = last
