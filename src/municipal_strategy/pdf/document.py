"""The report as a PDF: the renderer of a `Document`.

The cover has its own first page; the contents, the introduction, the method, the
summary, each axis and the conclusion start a new page; the other parts (groups, actions,
the comparison with last year, the sign-off) flow; the annex is set on landscape pages.
Headings go into the outline at their level. Every text, figure and colour is the
document's; the renderer adds only the page numbers (at the foot of each page and in the
contents).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import urlsplit

from fpdf.enums import Align

from ..document import (
    Bars,
    Block,
    Breakdown,
    Contents,
    Document,
    Heading,
    Image,
    Items,
    Link,
    Paragraph,
    Quote,
    RateBox,
    Section,
    Status,
    Table,
    Words,
)
from . import charts, cover
from .contents import TableOfContents
from .flow import Drawn, Flow
from .fonts import FontSet
from .page import ACCENT, BODY, H1, H2, H3, INK, MUTED, TRACK, WHITE, ReportPDF, rgb
from .tables import draw_table
from .text import Style, Text

#: Each paragraph role's style and the space after it.
ROLES: dict[str, tuple[Style, float]] = {
    "body": (BODY, 1.5),
    "lead": (Style(11, bold=True), 2.5),
    "muted": (Style(9.5, colour=MUTED), 2.0),
    "small": (Style(8.5, colour=MUTED), 1.0),
    "meta": (Style(9.5, colour=MUTED), 0.8),
    **cover.ROLES,
}
#: The parts that start a new page (the cover, the annex and a part the document puts
#: first have their own).
NEW_PAGE = frozenset({"contents", "introduction", "method", "summary", "axis", "conclusion"})
IMAGE_HEIGHT = 20.0
#: Section headings by kind (headings inside a section are set in H3).
HEADINGS = {"group": Style(13.5, bold=True, colour=ACCENT, leading=1.35), "action": H2}
QUOTE = Style(9, colour=INK)
CITATION = Style(7.5, colour=MUTED)
LINK = Style(9, colour=ACCENT)
BADGE = Style(9, bold=True, colour=WHITE, leading=1.5)
LINKABLE = frozenset({"http", "https", "mailto"})


class Renderer:
    """Lays a document out, section by section."""

    def __init__(self, document: Document, fonts: FontSet) -> None:
        self.document = document
        self.rtl = document.direction == "rtl"
        self.side = "R" if self.rtl else "L"
        self.pdf = ReportPDF(fonts, document.lang, self.rtl)
        self.flow = Flow(self.pdf)
        self.contents = TableOfContents(self.flow, self.rtl)

    def render(self) -> bytes:
        document, pdf = self.document, self.pdf
        self.metadata()
        pdf.running_title = Text.of([Words(document.running_title, document.lang)], self.rtl)
        for section in document.sections:
            self.section(section)
        if pdf.page == 0:
            pdf.add_page()
        self.contents.finish()
        pdf.number_pages()
        return bytes(pdf.output())

    def metadata(self) -> None:
        pdf, meta = self.pdf, self.document.metadata
        pdf.set_title(meta.title)
        pdf.set_author(meta.author)
        pdf.set_subject(meta.subject)
        pdf.set_keywords(meta.keywords)
        pdf.set_creator("municipal-strategy")
        pdf.set_lang(self.document.lang)
        pdf.set_creation_date(dt.datetime.fromtimestamp(meta.created, dt.timezone.utc))

    # -- sections ----------------------------------------------------------------------

    def section(self, section: Section) -> None:
        pdf, flow = self.pdf, self.flow
        if section.kind == "cover":
            cover.draw_cover(flow, section, self.rtl, self.block)
            return
        if section.kind == "annex":
            pdf.add_page(orientation="L")
        elif section.kind in NEW_PAGE or pdf.page == 0:
            pdf.add_page(orientation="P")
        elif section.kind == "action":
            flow.ensure(H2.line_height * 2 + 12)
            pdf.set_draw_color(*TRACK)
            pdf.set_line_width(0.3)
            pdf.line(pdf.l_margin, flow.y, pdf.w - pdf.r_margin, flow.y)
            flow.move(2)
        else:
            flow.move(3)
        if section.heading is not None:
            style = HEADINGS.get(section.kind, H1)
            self.heading(section.heading, style, after=3 if style is H1 else 1, anchor=section.id)
        else:
            self.contents.reached(section.id)
        for block in section.blocks:
            self.block(block)
        if section.kind == "action":
            flow.move(2)

    # -- blocks ------------------------------------------------------------------------

    def block(self, block: Block) -> None:
        if isinstance(block, Section):
            self.section(block)
        elif isinstance(block, Heading):
            self.heading(block, H3, after=0.8)
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Items):
            self.items(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Quote):
            self.quote(block)
        elif isinstance(block, Link):
            self.link(block)
        elif isinstance(block, Status):
            self.badge(block)
        elif isinstance(block, Image):
            self.image(block)
        elif isinstance(block, Contents):
            self.contents.draw(block, H1)
        elif isinstance(block, RateBox):
            charts.rate_box(self.flow, block, self.rtl)
        elif isinstance(block, Bars):
            charts.bars(self.flow, block, self.rtl)
        elif isinstance(block, Breakdown):
            charts.breakdown(self.flow, block, self.rtl)

    def heading(
        self, heading: Heading, style: Style, *, after: float, anchor: str | None = None
    ) -> None:
        """A heading kept with two lines of what follows it, its outline entry, and where
        the contents' entry `anchor` leads."""
        pdf, flow = self.pdf, self.flow
        text = Text.of([heading.words])
        flow.ensure(flow.height(text, style, pdf.epw) + 2 * BODY.line_height)
        if anchor is not None:
            self.contents.reached(anchor)
        pdf.start_section(heading.words.text, level=max(heading.level - 1, 0), strict=False)
        flow.paragraph(text, style, pdf.l_margin, pdf.epw, after=after)

    def paragraph(self, paragraph: Paragraph) -> None:
        pdf = self.pdf
        style, after = ROLES.get(paragraph.role, ROLES["body"])
        text = Text.of(paragraph.runs, paragraph.direction == "rtl")
        # The cover's lines stand on the report's reading side, whatever their language.
        align = self.side if paragraph.role in cover.ROLES else None
        self.flow.paragraph(text, style, pdf.l_margin, pdf.epw, align=align, after=after)

    def items(self, items: Items) -> None:
        pdf, flow = self.pdf, self.flow
        title = Text.of([items.title])
        flow.ensure(H3.line_height + BODY.line_height * 2)
        flow.paragraph(title, H3, pdf.l_margin, pdf.epw, after=0.5)
        flow.bullets([Text.of([item]) for item in items.items], BODY, pdf.l_margin, pdf.epw)

    def table(self, table: Table) -> None:
        pdf, flow = self.pdf, self.flow
        style = H3
        if table.caption is not None:
            flow.ensure(style.line_height + BODY.line_height * 3 + 6)
            flow.paragraph(Text.of([table.caption]), style, pdf.l_margin, pdf.epw, after=0.8)
        draw_table(flow, table, pdf.l_margin, pdf.epw, self.rtl)

    def quote(self, quote: Quote) -> None:
        """The quoted words, a rule on their reading side, and where they come from."""
        pdf, flow = self.pdf, self.flow
        text = Text.of([quote.words])
        indent = 3.5
        rule_x = pdf.w - pdf.r_margin - 0.8 if text.rtl else pdf.l_margin
        x = pdf.l_margin if text.rtl else pdf.l_margin + indent

        citation = Text.of([quote.citation]) if quote.citation is not None else None
        height = flow.height(text, QUOTE, pdf.epw - indent)
        if citation is not None:
            height += flow.height(citation, CITATION, pdf.epw - indent)
        if height < (flow.bottom - pdf.t_margin) / 3:
            flow.ensure(height)  # a short quote is not parted from its source

        def rule(line: Drawn) -> None:
            pdf.set_fill_color(*TRACK)
            pdf.rect(rule_x, line.y, 0.8, line.h, style="F")

        flow.paragraph(text, QUOTE, x, pdf.epw - indent, after=0.3, each=rule)
        if citation is not None:
            side = "R" if text.rtl else "L"
            flow.paragraph(citation, CITATION, x, pdf.epw - indent, align=side, after=1.5)
        else:
            flow.move(1.2)

    def link(self, link: Link) -> None:
        """A reference as its text; a web or mail address also as a link to follow."""
        pdf = self.pdf
        url = link.url if link.url and urlsplit(link.url).scheme.lower() in LINKABLE else None
        each: Callable[[Drawn], None] | None = None
        if url is not None:

            def each(line: Drawn) -> None:
                pdf.link(line.x, line.y, line.w, line.h, url)
                pdf.set_draw_color(*ACCENT)
                pdf.set_line_width(0.15)
                under = line.y + line.h * 0.85
                pdf.line(line.x, under, line.x + line.w, under)

        text = Text.of([link.words])
        self.flow.paragraph(text, LINK, pdf.l_margin, pdf.epw, after=1.2, each=each)

    def image(self, image: Image) -> None:
        """A picture on the reading side, at the cursor."""
        pdf, flow = self.pdf, self.flow
        flow.ensure(IMAGE_HEIGHT + 2)
        shown = pdf.image(image.path, x=Align.R if self.rtl else Align.L, y=flow.y, h=IMAGE_HEIGHT,
                          alt_text=image.alt.text)  # fmt: skip
        pdf.set_y(flow.y + float(shown.rendered_height) + 2)

    def badge(self, status: Status) -> None:
        """The status in its colour, on the report's reading side."""
        pdf, flow, setter = self.pdf, self.flow, self.flow.setter
        text = Text.of([status.words])
        lines = setter.wrap(text, BADGE, pdf.epw - 8)
        width = max(setter.line_width(line, BADGE, text.rtl) for line in lines) + 8
        height = len(lines) * BADGE.line_height + 1.2
        flow.ensure(height + 2)
        top = flow.y
        x = pdf.w - pdf.r_margin - width if self.rtl else pdf.l_margin
        pdf.set_fill_color(*rgb(status.colour))
        pdf.rect(x, top, width, height, style="F", round_corners=True, corner_radius=3)
        for n, line in enumerate(lines):
            setter.draw(line, BADGE, text.rtl, x, top + 0.6 + n * BADGE.line_height, width, "C")
        pdf.set_y(top + height + 2)


def render(document: Document, fonts: FontSet) -> bytes:
    """The PDF of `document`, set in `fonts`."""
    return Renderer(document, fonts).render()
