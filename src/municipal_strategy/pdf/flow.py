"""Fast text layout on fpdf2: each word is measured once, each line shaped and drawn once.

fpdf2's ``multi_cell`` with text shaping shapes the growing line again at every character
it adds. Arabic joining never crosses a space, so a line's width is the sum of its words'
widths and its spaces: words are measured once (cached per font), lines are broken from
those widths in logical order, and each finished line is drawn with one ``cell`` call,
which shapes it and puts it in visual order (bidi) once. The direction is chosen per
block of text, never once for the whole document.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

import attrs
from fpdf import FPDF

from .fonts import FALLBACKS

LRI, PDI, LRM = "\u2066", "\u2069", "\u200e"
PT = 25.4 / 72  # millimetres per point

_LATIN = "0-9A-Za-z\u00c0-\u024f"
_INNER = re.escape(" \u00a0.,:;/%@#&+'’_()-–—")
#: A left-to-right run inside right-to-left text: Latin words, numbers, URLs, dates,
#: percentages and ranges such as 2021–2027, spaces included between Latin words.
LTR_RUN = re.compile(rf"[{_LATIN}](?:[{_LATIN}{_INNER}]*[{_LATIN}%])?")
TIFINAGH = re.compile("[\u2d30-\u2d7f]")


def isolate_ltr(line: str) -> str:
    """Wrap each left-to-right run in Unicode isolates, so that it keeps its reading order
    inside a right-to-left line (2021–2027 must not become 2027–2021).

    The marks inside the isolate give its numbers a strong left-to-right neighbour, which
    fpdf2's bidi algorithm needs to keep a run such as ``09/05/2022 – 13/05/2022`` whole.
    """
    return LTR_RUN.sub(lambda m: LRI + LRM + m[0] + LRM + PDI, line)


def direction_of(text: str) -> str:
    """'rtl' when the first strong character is Arabic or Hebrew, else 'ltr'."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@attrs.frozen
class Style:
    """Size, weight and colour of a block of text."""

    size: float = 10.0
    bold: bool = False
    colour: tuple[int, int, int] = (31, 41, 51)
    leading: float = 1.45

    @property
    def line_height(self) -> float:
        return self.size * self.leading * PT


@attrs.frozen
class Block:
    """How to set one piece of text: its font family, direction and style."""

    family: str
    direction: str
    style: Style

    @classmethod
    def of(cls, text: str, style: Style, lang: str | None = None) -> Block:
        """The block for `text` in `lang` (None or '' when unknown): Tifinagh for Amazigh,
        right to left for Arabic, else by the text's own direction."""
        if lang == "zgh" or (not lang and TIFINAGH.search(text) and not LTR_RUN.search(text)):
            return cls("tifinagh", "ltr", style)
        direction = "rtl" if lang == "ar" else direction_of(text) if not lang else "ltr"
        return cls("arabic" if direction == "rtl" else "latin", direction, style)

    @property
    def align(self) -> str:
        return "R" if self.direction == "rtl" else "L"


class Flow:
    """Paragraphs, lists and tables on an FPDF whose automatic page break is off."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self._widths: dict[tuple[str, bool, float, str], float] = {}
        self._current: Block | None = None

    @property
    def bottom(self) -> float:
        """The lowest y text may reach on the current page."""
        return float(self.pdf.h - self.pdf.b_margin)

    # -- fonts and measures ------------------------------------------------------------

    def use(self, block: Block) -> None:
        if block == self._current:
            return
        pdf, style = self.pdf, block.style
        pdf.set_font(block.family, "B" if style.bold else "", style.size)
        pdf.set_fallback_fonts(FALLBACKS[block.family], exact_match=False)
        pdf.set_text_shaping(use_shaping_engine=True, direction=block.direction)
        pdf.set_text_color(*style.colour)
        self._current = block

    def forget_font(self) -> None:
        """Say that something else changed the font (a page header did)."""
        self._current = None

    def width(self, word: str, block: Block) -> float:
        """The shaped width of `word` (no space in it), measured once per font."""
        key = (block.family, block.style.bold, block.style.size, word)
        found = self._widths.get(key)
        if found is None:
            self.use(block)
            found = self._widths[key] = self._measure(word)
        return found

    def _measure(self, word: str) -> float:
        # A word needs no bidi reordering to be measured: split it by fallback font and
        # shape each piece, skipping the bidi pass that get_string_width runs first.
        split = getattr(self.pdf, "_preload_font_styles", None)
        if split is None:  # pragma: no cover - another fpdf2 than the one tested
            return float(self.pdf.get_string_width(word))
        return float(sum(fragment.get_width() for fragment in split(word, False)))

    def wrap(self, text: str, block: Block, width: float) -> list[str]:
        """Break `text` into lines no wider than `width`, in logical order."""
        lines: list[str] = []
        space = self.width(" ", block)
        for paragraph in text.split("\n"):
            line: list[str] = []
            used = 0.0
            for word in filter(None, re.split("[ \t]+", paragraph)):  # not at no-break spaces
                size = self.width(word, block)
                if size > width:
                    pieces = self._split(word, block, width)
                    word, size = pieces[-1], self.width(pieces[-1], block)
                    if line:
                        lines.append(" ".join(line))
                    lines += pieces[:-1]
                    line, used = [], 0.0
                if line and used + space + size > width:
                    lines.append(" ".join(line))
                    line, used = [word], size
                else:
                    used += size + (space if line else 0.0)
                    line.append(word)
            if line:
                lines.append(" ".join(line))
        return lines

    def _split(self, word: str, block: Block, width: float) -> list[str]:
        """A word wider than a line, cut where it fits (a long URL in a narrow cell)."""
        pieces = []
        while word:
            low, high = 1, len(word)
            while low < high:  # the longest prefix that fits, at least one character
                middle = (low + high + 1) // 2
                if self.width(word[:middle], block) <= width:
                    low = middle
                else:
                    high = middle - 1
            pieces.append(word[:low])
            word = word[low:]
        return pieces

    # -- drawing ---------------------------------------------------------------------

    def line(
        self, text: str, block: Block, x: float, y: float, width: float, align: str | None = None
    ) -> None:
        """Draw one line that fits `width`, shaped and ordered once."""
        self.use(block)
        shown = isolate_ltr(text) if block.direction == "rtl" else text
        self.pdf.set_xy(x, y)
        self.pdf.cell(width, block.style.line_height, shown, align=align or block.align)

    def ensure(self, height: float) -> bool:
        """Start a new page unless `height` fits below the cursor; True if it did."""
        if self.pdf.get_y() + height <= self.bottom:
            return False
        self.pdf.add_page()
        self.forget_font()
        return True

    def paragraph(
        self,
        text: str,
        block: Block,
        x: float,
        width: float,
        *,
        align: str | None = None,
        after: float = 0.0,
    ) -> None:
        height = block.style.line_height
        for line in self.wrap(text, block, width):
            self.ensure(height)
            self.line(line, block, x, self.pdf.get_y(), width, align)
            self.pdf.set_y(self.pdf.get_y() + height)
        self.pdf.set_y(self.pdf.get_y() + after)

    def bullets(
        self,
        items: Sequence[tuple[str, Block]],
        x: float,
        width: float,
        direction: str,
        *,
        after: float = 1.5,
    ) -> None:
        """A list, its bullets on the reading side of `direction`."""
        indent = 4.0
        for text, block in items:
            height = block.style.line_height
            self.ensure(height)
            bullet_x = x + width - indent if direction == "rtl" else x
            text_x = x if direction == "rtl" else x + indent
            top = self.pdf.get_y()
            self.line("•", Block("latin", direction, block.style), bullet_x, top, indent, "C")
            self.pdf.set_y(top)
            self.paragraph(text, block, text_x, width - indent, after=0.8)
        self.pdf.set_y(self.pdf.get_y() + after)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        x: float,
        direction: str,
        style: Style,
        header_style: Style,
        lang: str | None = None,
        fill: tuple[int, int, int] = (236, 241, 244),
        padding: float = 1.2,
    ) -> None:
        """A table whose rows may run over pages; its columns mirror for right-to-left.

        Every cell picks its own direction from its text, so an Arabic cell in an English
        report still reads right to left; `lang` is the language of the texts when known.
        """
        order = list(range(len(widths)))[::-1] if direction == "rtl" else list(range(len(widths)))
        lefts, left = {}, x
        for column in order:
            lefts[column] = left
            left += widths[column]

        def cells(row: Sequence[str], cell_style: Style) -> list[tuple[Block, list[str]]]:
            laid = []
            for column, text in enumerate(row):
                block = Block.of(text, cell_style, lang) if text else Block.of("", cell_style, "en")
                laid.append((block, self.wrap(text, block, widths[column] - 2 * padding)))
            return laid

        head = cells(header, header_style)
        self._row(head, lefts, widths, padding, fill, None)
        for row in rows:
            self._row(cells(row, style), lefts, widths, padding, None, head)
        self.pdf.set_y(self.pdf.get_y() + 2.0)

    def _row(
        self,
        laid: list[tuple[Block, list[str]]],
        lefts: dict[int, float],
        widths: Sequence[float],
        padding: float,
        fill: tuple[int, int, int] | None,
        head: list[tuple[Block, list[str]]] | None,
    ) -> None:
        pdf = self.pdf
        height = max(block.style.line_height for block, _ in laid)
        remaining = [lines for _, lines in laid]
        full = max(1, *(len(lines) for lines in remaining)) * height + 2 * padding
        top_of_page = pdf.t_margin
        page = self.bottom - top_of_page
        # A short row that does not fit goes to the next page whole; a tall one is split.
        if pdf.get_y() + full > self.bottom and pdf.get_y() > top_of_page + 1 and full < page / 3:
            self._new_page(lefts, widths, padding, head)
        while True:
            room = math.floor((self.bottom - pdf.get_y() - 2 * padding) / height)
            needed = max(1, *(len(lines) for lines in remaining))
            if room < 1:
                self._new_page(lefts, widths, padding, head)
                continue
            take = min(needed, room)
            top, row_height = pdf.get_y(), take * height + 2 * padding
            pdf.set_draw_color(200, 206, 212)
            pdf.set_line_width(0.2)
            for column, (block, _) in enumerate(laid):
                if fill is not None:
                    pdf.set_fill_color(*fill)
                pdf.rect(
                    lefts[column],
                    top,
                    widths[column],
                    row_height,
                    style="DF" if fill is not None else "D",
                )
                for i, text in enumerate(remaining[column][:take]):
                    self.line(
                        text,
                        block,
                        lefts[column] + padding,
                        top + padding + i * height,
                        widths[column] - 2 * padding,
                    )
            remaining = [lines[take:] for lines in remaining]
            pdf.set_y(top + row_height)
            if not any(remaining):
                return
            self._new_page(lefts, widths, padding, head)

    def _new_page(
        self,
        lefts: dict[int, float],
        widths: Sequence[float],
        padding: float,
        head: list[tuple[Block, list[str]]] | None,
    ) -> None:
        self.pdf.add_page()
        self.forget_font()
        if head is not None:
            self._row(head, lefts, widths, padding, (236, 241, 244), None)
