"""Text flowing down the pages: paragraphs and lists, a new page when the next line does
not fit (automatic page breaks are off: the layout decides)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

from ..document import Words
from .text import Style, Text

if TYPE_CHECKING:
    from .page import ReportPDF


@attrs.frozen
class Drawn:
    """Where a line was drawn: its page, left edge, top, width and height."""

    page: int
    x: float
    y: float
    w: float
    h: float


class Flow:
    """Paragraphs and lists at the cursor of a `ReportPDF`."""

    def __init__(self, pdf: ReportPDF) -> None:
        self.pdf = pdf
        self.setter = pdf.setter

    @property
    def bottom(self) -> float:
        """The lowest y text may reach on the current page."""
        return float(self.pdf.h - self.pdf.b_margin)

    @property
    def y(self) -> float:
        return float(self.pdf.get_y())

    def move(self, height: float) -> None:
        self.pdf.set_y(self.y + height)

    def ensure(self, height: float) -> bool:
        """Start a new page unless `height` fits below the cursor; True if it did."""
        if self.y + height <= self.bottom:
            return False
        self.pdf.add_page()
        return True

    def height(self, text: Text, style: Style, width: float) -> float:
        return len(self.setter.wrap(text, style, width)) * style.line_height

    def paragraph(
        self,
        text: Text,
        style: Style,
        x: float,
        width: float,
        *,
        align: str | None = None,
        after: float = 0.0,
        each: Callable[[Drawn], None] | None = None,
    ) -> list[Drawn]:
        """Set `text` from the cursor down, aligned on its own reading side unless told;
        `each` is called with each line drawn, on its page."""
        side = align or ("R" if text.rtl else "L")
        drawn = []
        for line in self.setter.wrap(text, style, width):
            self.ensure(style.line_height)
            left, used = self.setter.draw(line, style, text.rtl, x, self.y, width, side)
            drawn.append(Drawn(self.pdf.page, left, self.y, used, style.line_height))
            if each is not None:
                each(drawn[-1])
            self.move(style.line_height)
        self.move(after)
        return drawn

    def bullets(
        self, items: Sequence[Text], style: Style, x: float, width: float, *, after: float = 1.5
    ) -> None:
        """A list, each bullet on its item's reading side."""
        indent = 4.0
        for item in items:
            self.ensure(style.line_height)
            top = self.y
            bullet_x = x + width - indent if item.rtl else x
            text_x = x if item.rtl else x + indent
            mark = self.setter.wrap(_BULLET, style, indent)[0]
            self.setter.draw(mark, style, False, bullet_x, top, indent, "C")
            self.paragraph(item, style, text_x, width - indent, after=0.8)
        self.move(after)


_BULLET = Text.of([Words("•")])
