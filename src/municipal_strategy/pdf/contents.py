"""The table of contents: each entry a link to its section, and the page the section starts
on, written in once every page is made."""

from __future__ import annotations

import attrs

from ..document import Contents, Words
from .flow import Drawn, Flow
from .page import INK, MUTED
from .text import Style, Text

ENTRY = {1: Style(11, bold=True, colour=INK, leading=1.6), 2: Style(10, colour=INK)}
DEEPER = Style(9.5, colour=MUTED)
NUMBER_WIDTH, INDENT = 14.0, 6.0


@attrs.frozen
class Slot:
    """Where an entry's page number goes: the page of the contents, the line's top, its
    style, and the section it points to."""

    page: int
    top: float
    style: Style
    anchor: str


class TableOfContents:
    """The contents' entries as they are drawn, and the page each section starts on."""

    def __init__(self, flow: Flow, rtl: bool) -> None:
        self.flow = flow
        self.rtl = rtl
        self.slots: list[Slot] = []
        self.starts: dict[str, int] = {}

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(slot.anchor for slot in self.slots)

    def draw(self, contents: Contents, title_style: Style) -> None:
        flow, pdf = self.flow, self.flow.pdf
        flow.paragraph(Text.of([contents.title]), title_style, pdf.l_margin, pdf.epw, after=4)
        for entry in contents.entries:
            style = ENTRY.get(entry.level, DEEPER)
            indent = INDENT * (entry.level - 1)
            width = pdf.epw - NUMBER_WIDTH - indent
            x = pdf.l_margin + NUMBER_WIDTH if self.rtl else pdf.l_margin + indent
            link = f"#{entry.anchor}"

            def follow(line: Drawn, link: str = link) -> None:
                pdf.link(pdf.l_margin, line.y, pdf.epw, line.h, link)

            side = "R" if self.rtl else "L"  # a column on the report's reading side
            text = Text.of([entry.words])
            drawn = flow.paragraph(text, style, x, width, align=side, each=follow)
            last = drawn[-1]
            self.slots.append(Slot(last.page, last.y, style, entry.anchor))
            flow.move(0.6)

    def reached(self, anchor: str) -> None:
        """Say that the section `anchor` starts at the cursor."""
        pdf = self.flow.pdf
        if anchor in self.anchors and anchor not in self.starts:
            self.starts[anchor] = pdf.page
            pdf.set_link(name=anchor, y=self.flow.y)

    def finish(self) -> None:
        """Write each entry's page number (the cover's for a section never reached)."""
        pdf, setter = self.flow.pdf, self.flow.setter
        last = pdf.page
        for slot in self.slots:
            if slot.anchor not in self.starts:
                pdf.set_link(name=slot.anchor, page=1)
            number = Text.of([Words(str(self.starts.get(slot.anchor, 1)))])
            pdf.page = slot.page
            width, _ = pdf.sizes[slot.page]
            x = pdf.l_margin if self.rtl else width - pdf.r_margin - NUMBER_WIDTH
            for line in setter.wrap(number, slot.style, NUMBER_WIDTH)[:1]:
                side = "L" if self.rtl else "R"
                setter.draw(line, slot.style, False, x, slot.top, NUMBER_WIDTH, side)
        pdf.page = last
