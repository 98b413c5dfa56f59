"""The annual evaluation report as a PDF: cover, summary with charts, one section per axis
and action, the evaluation and monitoring matrix as an annex."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Text
from ..report import ACTIVITY_COLUMNS, INDICATOR_COLUMNS, Report, percent
from ..scoring import ActionResult, NodeResult
from . import charts
from .flow import Block, Style
from .fonts import FontSet
from .page import (
    ACCENT,
    ANNEX,
    ANNEX_HEAD,
    BODY,
    H1,
    H2,
    H3,
    INK,
    MATRIX_WIDTHS,
    MUTED,
    SMALL,
    TABLE,
    TABLE_HEAD,
    TRACK,
    WHITE,
    ReportPDF,
    creation_date,
    rgb,
)


class Writer:
    """Lays the report out, section by section."""

    def __init__(self, report: Report, fonts: FontSet) -> None:
        self.report = report
        self.pdf = ReportPDF(report, fonts)
        self.flow = self.pdf.flow
        self.dir = report.direction

    # -- helpers ---------------------------------------------------------------------

    def text(self, text: Text | None, style: Style, *, after: float = 1.5) -> None:
        """A configuration text, set in its own language's direction and face."""
        if text is None:
            return
        shown = self.report.text(text)
        lang = self.report.text_language(text)
        self.para(shown, style, lang, after=after)

    def para(
        self,
        shown: str,
        style: Style,
        lang: str | None = None,
        *,
        after: float = 1.5,
        align: str | None = None,
    ) -> None:
        pdf = self.pdf
        self.flow.paragraph(
            shown, Block.of(shown, style, lang), pdf.l_margin, pdf.epw, align=align, after=after
        )

    def label(self, key: str, style: Style, *, after: float = 1.5, **values: object) -> None:
        self.para(self.report.label(key, **values), style, self.report.lang, after=after)

    def items(self, key: str, texts: Sequence[Text]) -> None:
        if not texts:
            return
        self.flow.ensure(H3.line_height + BODY.line_height * 2)
        self.label(key, H3, after=0.5)
        items = []
        for text in texts:
            shown = self.report.text(text)
            items.append((shown, Block.of(shown, BODY, self.report.text_language(text))))
        self.flow.bullets(items, self.pdf.l_margin, self.pdf.epw, self.dir)

    def section(self, title: str, level: int) -> None:
        self.pdf.start_section(title, level=level)

    def widths(self, shares: Sequence[float], total: float | None = None) -> list[float]:
        total = self.pdf.epw if total is None else total
        return [total * share / sum(shares) for share in shares]

    def gap(self, height: float) -> None:
        self.pdf.set_y(self.pdf.get_y() + height)

    # -- the parts -------------------------------------------------------------------

    def cover(self) -> None:
        pdf, report, strategy = self.pdf, self.report, self.report.result.strategy
        pdf.add_page()
        pdf.set_fill_color(*ACCENT)
        pdf.rect(0, 0, pdf.w, 92, style="F")
        pdf.set_y(24)
        self.label("evaluation_report", Style(14, colour=WHITE), after=4)
        self.text(strategy.commune, Style(26, bold=True, colour=WHITE, leading=1.3), after=2)
        if "zgh" in strategy.commune.values and report.lang != "zgh":
            tifinagh = strategy.commune.values["zgh"]
            side = (
                "R" if self.dir == "rtl" else "L"
            )  # Tifinagh reads left to right, set on the page's side
            self.para(tifinagh, Style(15, colour=WHITE), "zgh", after=2, align=side)
        pdf.set_y(104)
        self.text(strategy.title, Style(18, bold=True, colour=INK, leading=1.35), after=4)
        self.label(
            "year_label", Style(30, bold=True, colour=ACCENT), year=report.result.year, after=4
        )
        self.para(f"{report.label('period')}{report.colon}{strategy.period}", BODY, report.lang)
        if strategy.adopted is not None:
            adopted = (
                f"{report.label('adopted')}{report.colon}{report.text(strategy.adopted.session)}"
            )
            self.para(adopted, BODY, report.lang)
        presented = report.result.evaluation.presented
        if presented is not None:
            self.label("presented", BODY, session=report.text(presented.session))
        pdf.set_y(pdf.h - 30)
        self.label("generated", SMALL)

    def summary(self) -> None:
        pdf, report, result = self.pdf, self.report, self.report.result
        pdf.add_page()
        self.section(report.label("summary"), 0)
        self.label("summary", H1, after=3)
        charts.rate_box(self)
        if result.excluded:
            self.label("excluded", H3, after=0.5)
            for rule, selected in result.exclusion_groups():
                reason = report.text(rule.reason)
                self.para(
                    f"{report.codes(selected)}{report.colon}{reason}",
                    BODY,
                    report.text_language(rule.reason),
                )
            self.para(report.exclusion_note(), Style(9.5, colour=MUTED), report.lang, after=4)
        self.label("rate_per_axis", H3, after=1)
        charts.axis_bars(self)
        self.gap(3)
        self.label("status_breakdown", H3, after=1)
        charts.status_bars(self)

    def node(self, node: NodeResult) -> None:
        """An axis on a new page, or a group below one: heading, description, actions,
        then the groups below it."""
        report = self.report
        title = report.heading(node)
        if node.depth == 0:
            self.pdf.add_page()
        else:
            self.flow.ensure(H2.line_height * 3 + 12)
            self.gap(3)
        self.section(title, node.depth)
        self.para(
            f"{title} ({percent(node.rate)})",
            H1 if node.depth == 0 else H2,
            report.text_language(node.node.title),
            after=2,
        )
        self.text(node.node.description, BODY, after=3)
        for action in node.actions[: len(node.node.actions)]:
            self.action(action, node.depth + 1)
        for child in node.children:
            self.node(child)

    def action(self, action: ActionResult, level: int = 1) -> None:
        pdf, report, flow = self.pdf, self.report, self.flow
        flow.ensure(H2.line_height * 2 + 12)
        pdf.set_draw_color(*TRACK)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        self.gap(2)
        title = f"{action.action.code}. {report.text(action.action.title)}"
        self.section(title, level)
        self.para(title, H2, report.text_language(action.action.title), after=1)
        self.badge(action)
        if action.exclusion is not None:
            note = f"{report.label('excluded_short')}{report.colon}{report.text(action.exclusion.reason)}"
            self.para(note, Style(9, colour=MUTED), report.text_language(action.exclusion.reason))
        assessment = action.assessment
        if assessment is None:
            return
        if assessment.progress is not None:
            self.para(
                f"{report.label('progress')}{report.colon}{percent(assessment.progress)}",
                BODY,
                report.lang,
            )
        if assessment.justification is not None:
            self.label("justification", H3, after=0.5)
            self.text(assessment.justification, BODY)
        self.items("achievements", assessment.achievements)
        self.items("constraints", assessment.constraints)
        self.items("next_steps", assessment.next_steps)
        indicators = report.indicators_of(action)
        if indicators:
            self.small_table(
                "indicators",
                INDICATOR_COLUMNS,
                [report.indicator_cells(i) for i in indicators],
                (40, 15, 15, 15, 15),
            )
        if assessment.activities:
            rows = [report.activity_cells(a) for a in assessment.activities]
            self.small_table("activities", ACTIVITY_COLUMNS, rows, (25, 35, 20, 20))
        quotes = [e for e in assessment.evidence if e.quote]
        if quotes:
            self.label("evidence", H3, after=0.5)
            for evidence in quotes:
                where = " — ".join(p for p in (evidence.document, evidence.locator) if p)
                assert evidence.quote is not None
                side = "R" if self.dir == "rtl" else "L"
                self.para(f"«{evidence.quote}»", Style(8.5, colour=MUTED), after=0.3, align=side)
                if where:
                    self.para(
                        where,
                        Style(7.5, colour=MUTED),
                        "en",
                        after=1.2,
                        align="R" if self.dir == "rtl" else "L",
                    )
        self.items("notes", assessment.notes)
        self.gap(2)

    def badge(self, action: ActionResult) -> None:
        pdf, report, flow = self.pdf, self.report, self.flow
        label = report.status(action)
        block = Block.of(label, Style(9, bold=True, colour=WHITE, leading=1.5), report.lang)
        width = flow.width(label, block) + 8
        flow.ensure(7)
        top = pdf.get_y()
        x = pdf.w - pdf.r_margin - width if self.dir == "rtl" else pdf.l_margin
        pdf.set_fill_color(*rgb(report.colour(action.status)))
        pdf.rect(x, top, width, 6, style="F", round_corners=True, corner_radius=3)
        flow.line(label, block, x, top + 0.3, width, "C")
        pdf.set_y(top + 8)

    def small_table(
        self, key: str, columns: Sequence[str], rows: list[list[str]], shares: Sequence[float]
    ) -> None:
        self.flow.ensure(H3.line_height + TABLE.line_height * 3 + 6)
        self.label(key, H3, after=0.8)
        header = [self.report.label(c) for c in columns]
        self.flow.table(
            header,
            rows,
            self.widths(shares),
            x=self.pdf.l_margin,
            direction=self.dir,
            style=TABLE,
            header_style=TABLE_HEAD,
        )

    def annex(self) -> None:
        pdf, report = self.pdf, self.report
        pdf.add_page(orientation="L")
        title = f"{report.label('annex')}{report.colon}{report.label('matrix')}"
        self.section(title, 0)
        self.para(title, H1, report.lang, after=3)
        rows = [report.matrix_cells(row) for row in report.matrix()]
        self.flow.table(
            report.matrix_header(),
            rows,
            self.widths(MATRIX_WIDTHS),
            x=pdf.l_margin,
            direction=self.dir,
            style=ANNEX,
            header_style=ANNEX_HEAD,
        )

    def page_numbers(self) -> None:
        pdf, report = self.pdf, self.report
        total = pdf.pages_count
        for number in range(1, total + 1):
            pdf.page = number
            text = report.label("page", n=number, total=total)
            block = Block.of(text, Style(8, colour=MUTED), report.lang)
            self.flow.line(
                text, block, pdf.l_margin, pdf.h - 12, pdf.w - pdf.l_margin - pdf.r_margin, "C"
            )

    def metadata(self) -> None:
        pdf, report = self.pdf, self.report
        strategy = report.result.strategy
        pdf.set_title(
            report.label(
                "report_title", strategy=report.text(strategy.title), year=report.result.year
            )
        )
        pdf.set_author(report.text(strategy.commune))
        pdf.set_subject(report.text(strategy.title))
        pdf.set_creator("municipal-strategy")
        pdf.set_keywords(report.label("evaluation_report"))
        pdf.set_lang(report.lang)
        pdf.set_creation_date(creation_date(report))

    def render(self) -> bytes:
        report = self.report
        self.pdf.running_title = (
            f"{report.text(report.result.strategy.commune)} — "
            f"{report.label('evaluation', year=report.result.year)}"
        )
        self.metadata()
        self.cover()
        self.summary()
        for axis in report.result.axes:
            self.node(axis)
        self.annex()
        self.page_numbers()
        return bytes(self.pdf.output())
