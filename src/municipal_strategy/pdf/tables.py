"""Tables: columns in the document's reading order (mirrored right to left), numbers
aligned right, rows that run over pages with the header repeated."""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

from ..document import Table, Words
from .flow import Flow
from .page import ANNEX, ANNEX_HEAD, HEAD_FILL, RULE, TABLE, TABLE_HEAD
from .text import Line, Style, Text

PADDING = 1.2
#: The smallest size a cell's text is shrunk to so that its longest word fits.
SMALLEST = 6.5


@attrs.frozen
class Cell:
    """A cell laid out: its lines, their style, direction and alignment."""

    lines: tuple[Line, ...]
    style: Style
    rtl: bool
    align: str


class TableLayout:
    """One table's columns on the page."""

    def __init__(self, flow: Flow, table: Table, x: float, width: float, rtl: bool) -> None:
        self.flow = flow
        self.matrix = table.role == "matrix"
        self.style, self.head_style = (ANNEX, ANNEX_HEAD) if self.matrix else (TABLE, TABLE_HEAD)
        total = sum(table.shares) or 1.0
        self.widths = [width * share / total for share in table.shares]
        order = range(len(self.widths))
        self.lefts: dict[int, float] = {}
        left = x
        for column in reversed(order) if rtl else order:
            self.lefts[column] = left
            left += self.widths[column]
        self.numeric = table.numeric

    def cells(self, row: Sequence[Words], style: Style) -> list[Cell]:
        laid = []
        for column, words in enumerate(row):
            text = Text.of([words])
            align = "R" if self.numeric[column] or text.rtl else "L"
            width = self.widths[column] - 2 * PADDING
            fitted = self.fit(text, style, width)
            lines = self.flow.setter.wrap(text, fitted, width)
            laid.append(Cell(tuple(lines), fitted, text.rtl, align))
        return laid

    def fit(self, text: Text, style: Style, width: float) -> Style:
        """`style`, smaller if a word of `text` is wider than the column (down to a
        smallest size, below which the word is cut)."""
        setter = self.flow.setter
        widest = max((setter.width(w, style, text.rtl) for w in text.words if w), default=0.0)
        if widest <= width:
            return style
        return attrs.evolve(style, size=max(SMALLEST, style.size * width / widest * 0.98))

    def draw(self, table: Table) -> None:
        head = self.cells(table.header, self.head_style)
        self.row(head, HEAD_FILL, None)
        for row in table.rows:
            self.row(self.cells(row, self.style), None, head)
        self.flow.move(2.0)

    def row(
        self,
        cells: list[Cell],
        fill: tuple[int, int, int] | None,
        head: list[Cell] | None,
    ) -> None:
        """A row; one that does not fit goes to the next page whole if it is short, and is
        split over pages (its header repeated) if it is tall."""
        flow, pdf = self.flow, self.flow.pdf
        height = max(cell.style.line_height for cell in cells)
        remaining = [list(cell.lines) for cell in cells]
        full = max(1, *(len(lines) for lines in remaining)) * height + 2 * PADDING
        page = flow.bottom - pdf.t_margin
        if flow.y + full > flow.bottom and flow.y > pdf.t_margin + 1 and full < page / 3:
            self.new_page(head)
        while True:
            room = math.floor((flow.bottom - flow.y - 2 * PADDING) / height)
            if room < 1:
                self.new_page(head)
                continue
            take = min(max(1, *(len(lines) for lines in remaining)), room)
            top, row_height = flow.y, take * height + 2 * PADDING
            pdf.set_draw_color(*RULE)
            pdf.set_line_width(0.2)
            if fill is not None:
                pdf.set_fill_color(*fill)
            for column, cell in enumerate(cells):
                left, width = self.lefts[column], self.widths[column]
                pdf.rect(left, top, width, row_height, style="DF" if fill is not None else "D")
                for i, line in enumerate(remaining[column][:take]):
                    flow.setter.draw(
                        line,
                        cell.style,
                        cell.rtl,
                        left + PADDING,
                        top + PADDING + i * height,
                        width - 2 * PADDING,
                        cell.align,
                    )
            remaining = [lines[take:] for lines in remaining]
            pdf.set_y(top + row_height)
            if not any(remaining):
                return
            self.new_page(head)

    def new_page(self, head: list[Cell] | None) -> None:
        self.flow.pdf.add_page()
        if head is not None:
            self.row(head, HEAD_FILL, None)


def draw_table(flow: Flow, table: Table, x: float, width: float, rtl: bool) -> None:
    """Draw `table` at the cursor, `width` wide from `x`."""
    TableLayout(flow, table, x, width, rtl).draw(table)
