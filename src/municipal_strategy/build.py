"""Build the report once, as a `Document`, from an evaluation result in one language.

Every section, figure and sentence of the human-readable report is decided here; the
renderers (PDF, HTML, Markdown, plugins) only lay out what they are given.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

from .budget import BudgetResult
from .dates import created
from .document import (
    Bar,
    Bars,
    Block,
    Breakdown,
    Contents,
    Document,
    Entry,
    Heading,
    Image,
    Items,
    Kind,
    Link,
    Metadata,
    Paragraph,
    Quote,
    RateBox,
    Role,
    Section,
    Segment,
    Status,
    Table,
    Words,
)
from .history import CHANGES, ActionChange, changes
from .model import Evidence, Text
from .report import ACTIVITY_COLUMNS, INDICATOR_COLUMNS, Report
from .scoring import ActionResult, EvaluationResult, NodeResult

INDICATOR_SHARES = (40, 15, 15, 15, 15)
ACTIVITY_SHARES = (25, 35, 20, 20)


class _Builder:
    """The report's sections, in the report's language."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.lang = report.lang

    # -- texts -------------------------------------------------------------------------

    def words(self, text: Text | None) -> Words:
        """A configuration text in the report's language (or its fallback), with the
        language it is shown in."""
        if text is None:
            return Words("", self.lang)
        return Words(self.report.text(text), self.report.text_language(text))

    def label(self, key: str, **values: object) -> Words:
        return Words(self.report.label(key, **values), self.lang)

    def para(self, *runs: Words | str, role: Role = "body", lang: str | None = None) -> Paragraph:
        """A paragraph of runs; a plain string is in the report's language. Its language is
        `lang`, else its only run's, else the report's: a label followed by a configuration's
        text reads in the report's direction, the text isolated in its own."""
        words = tuple(Words(r, self.lang) if isinstance(r, str) else r for r in runs)
        only = words[0].lang if len(words) == 1 else ""
        main = lang if lang is not None else only or self.lang
        return Paragraph(words, main, role)

    def labelled(self, key: str, value: Words | str, role: Role = "body") -> Paragraph:
        """'Label: value', the label in the report's language."""
        return self.para(self.report.label(key) + self.report.colon, value, role=role)

    # -- the parts ---------------------------------------------------------------------

    def cover(self) -> Section:
        report, result = self.report, self.report.result
        strategy = result.strategy
        blocks: list[Block] = [
            self.para(self.words(line), role="header") for line in strategy.header
        ]
        if strategy.logo is not None:
            alt = self.label("logo", commune=report.text(strategy.commune))
            blocks.append(Image(strategy.logo, alt))
        blocks += [
            self.para(self.label("evaluation_report"), role="kicker"),
            self.para(self.words(strategy.commune), role="display"),
        ]
        tifinagh = strategy.commune.values.get("zgh")
        if tifinagh and self.lang != "zgh":
            blocks.append(self.para(Words(tifinagh, "zgh"), role="alternate"))
        blocks += [
            self.para(self.words(strategy.title), role="subtitle"),
            self.para(self.label("year_label", year=result.year), role="year"),
            self.labelled("period", Words(str(strategy.period), ""), role="meta"),
        ]
        if strategy.adopted is not None:
            blocks.append(self.labelled("adopted", self.words(strategy.adopted.session), "meta"))
        presented = result.evaluation.presented
        if presented is not None:
            session = report.text(presented.session)
            blocks.append(self.para(self.label("presented", session=session), role="meta"))
        return Section("cover", "cover", None, tuple(blocks))

    def contents(self, sections: Sequence[Section]) -> Section:
        """The table of contents: the top sections and the axes' groups."""
        entries = [
            Entry(block.heading.words, block.heading.level, block.id)
            for section in sections
            for block in (section, *section.walk())
            if isinstance(block, Section)
            and block.heading is not None
            and block.kind != "action"
            and block.heading.level <= 2
        ]
        title = self.label("contents")
        return Section("contents", "contents", None, (Contents(title, tuple(entries)),))

    def introduction(self) -> Section | None:
        """The introduction and the legal and strategic frame, where the configuration has
        them."""
        result = self.report.result
        blocks: list[Block] = []
        if result.evaluation.introduction is not None:
            blocks.append(self.para(self.words(result.evaluation.introduction)))
        if result.strategy.frame is not None:
            blocks += [
                Heading(self.label("frame"), 2),
                self.para(self.words(result.strategy.frame)),
            ]
        if not blocks:
            return None
        return Section(
            "introduction", "introduction", Heading(self.label("introduction"), 1), tuple(blocks)
        )

    def method(self) -> Section:
        """How the figures are made, stated from the configuration: the scale and its
        weights (or the progress rule), the roll-up and its figure this year, the
        exclusions and why, what unassessed means, where the evidence comes from."""
        report, result = self.report, self.report.result
        strategy = result.strategy
        blocks: list[Block] = []
        if strategy.scoring == "progress":
            blocks.append(self.para(self.label("method_progress")))
        else:
            blocks.append(self.para(self.label("method_scale")))
            rows = tuple(
                (
                    Words(report.text(level.label), report.text_language(level.label)),
                    Words(
                        report.number(level.weight)
                        if level.scored
                        else report.label("method_not_scored"),
                        self.lang,
                    ),
                    self.words(level.description) if level.description else Words(""),
                )
                for level in strategy.scale
            )
            has_descriptions = any(level.description for level in strategy.scale)
            keep = 3 if has_descriptions else 2
            header = (self.label("status"), self.label("weight"), self.label("description"))
            blocks.append(
                Table(
                    None,
                    header[:keep],
                    tuple(r[:keep] for r in rows),
                    (False, True, False)[:keep],
                    (22, 10, 68)[:keep],
                )
            )
        equal = all(r.plan_weight == 1 for r in result.actions)
        weights = report.label("method_equal_weights" if equal else "method_plan_weights")
        blocks.append(self.para(self.label("method_rollup", weights=weights)))
        scored = [r for r in result.counted if r.score is not None]
        if scored and result.rate is not None:
            blocks.append(
                self.para(
                    self.label(
                        "method_figure",
                        year=result.year,
                        counted=report.count("n_counted", len(result.counted)),
                        score=report.number(
                            round(math.fsum(r.plan_weight * (r.score or 0) for r in scored), 6)
                        ),
                        total=report.number(round(math.fsum(r.plan_weight for r in scored), 6)),
                        rate=report.percent(result.rate),
                    )
                )
            )
        groups = result.exclusion_groups()
        if groups:
            blocks.append(
                Items(
                    self.label("method_exclusions"),
                    tuple(
                        Words(
                            f"{report.codes(selected)}{report.colon}{report.text(rule.reason)}",
                            report.text_language(rule.reason),
                        )
                        for rule, selected in groups
                    ),
                )
            )
        blocks.append(self.para(self.label("method_unassessed")))
        documents = self.cited_documents()
        if documents:
            blocks.append(self.para(self.label("method_evidence", documents=documents)))
        return Section("method", "method", Heading(self.label("method"), 1), tuple(blocks))

    def cited_documents(self) -> str:
        """The documents the year's evidence cites, by their titles, once each."""
        titles = [
            self.document_title(e.document)
            for a in self.report.result.evaluation.assessments
            for e in a.evidence
            if e.document
        ]
        return self.report.label("list_separator").join(dict.fromkeys(titles))

    def document_title(self, document: str) -> str:
        """What a reader calls a document: its title from `documents`, else its name."""
        title = self.report.result.evaluation.documents.get(document)
        return self.report.text(title) if title is not None else document

    def conclusion(self) -> Section | None:
        evaluation = self.report.result.evaluation
        blocks: list[Block] = []
        if evaluation.conclusion is not None:
            blocks.append(self.para(self.words(evaluation.conclusion)))
        if evaluation.recommendations:
            blocks.append(
                Items(
                    self.label("recommendations"),
                    tuple(map(self.words, evaluation.recommendations)),
                )
            )
        if not blocks:
            return None
        return Section(
            "conclusion", "conclusion", Heading(self.label("conclusion"), 1), tuple(blocks)
        )

    def signoff(self) -> Section | None:
        report = self.report
        signoff = report.result.evaluation.signoff
        if signoff is None:
            return None
        blocks: list[Block] = []
        for key, text in (
            ("prepared_by", signoff.prepared_by),
            ("approved_by", signoff.approved_by),
            ("session", signoff.session),
        ):
            if text is not None:
                blocks.append(self.labelled(key, self.words(text), "meta"))
        if signoff.deliberation:
            blocks.append(self.labelled("deliberation", Words(signoff.deliberation), "meta"))
        if signoff.place is not None or signoff.date is not None:
            done = report.label(
                "done_at",
                place=report.text(signoff.place) if signoff.place else "…",
                date=report.date(signoff.date) if signoff.date else "…",
            )
            blocks.append(self.para(done, role="meta"))
        return Section("signoff", "signoff", Heading(self.label("signoff"), 1), tuple(blocks))

    def summary(self) -> Section:
        report, result = self.report, self.report.result
        blocks: list[Block] = [
            RateBox(
                report.percent(result.rate),
                result.rate,
                self.para(report.label("rate") + report.colon + report.headline(), role="lead"),
            )
        ]
        if result.unassessed:
            blocks.append(self.labelled("unassessed_list", Words(report.codes(result.unassessed))))
        if result.excluded:
            blocks.append(Heading(self.label("excluded"), 2))
            for rule, selected in result.exclusion_groups():
                codes = Words(report.codes(selected) + report.colon, self.lang)
                blocks.append(self.para(codes, self.words(rule.reason)))
            blocks.append(self.para(report.exclusion_note(), role="muted"))
        if result.late:
            blocks.append(self.late_table(result.late))
        if result.budget is not None:
            blocks.append(self.labelled("budget", self.budget_line(result.budget)))
        blocks += [
            Heading(self.label("rate_per_axis"), 2),
            Bars(
                tuple(
                    Bar(
                        Words(report.node_title(a.node), report.text_language(a.node.title)),
                        a.rate,
                        report.percent(a.rate),
                    )
                    for a in result.axes
                ),
                self.label("rate_per_axis"),
            ),
            Heading(self.label("status_breakdown"), 2),
            Breakdown(
                tuple(
                    Segment(self.status_name(s), n, report.colour(s))
                    for s, n in result.status_counts.items()
                ),
                self.label("status_breakdown"),
            ),
        ]
        return Section("summary", "summary", Heading(self.label("summary"), 1), tuple(blocks))

    def previous(self) -> Section:
        """Since last year: the rate then and now, the actions whose status changed
        (regressions first), the indicators beside last year's values; or, for a first
        evaluation, that it is the baseline."""
        report, result = self.report, self.report.result
        before = result.previous
        if before is None:
            heading = Heading(self.label("since_last_year"), 1)
            return Section(
                "previous", "previous", heading, (self.para(self.label("first_evaluation")),)
            )
        heading = Heading(self.label("since_year", year=before.year), 1)
        blocks: list[Block] = [
            self.para(
                self.label(
                    "rate_then_now",
                    before=before.year,
                    then=report.percent(before.rate),
                    now=report.percent(result.rate),
                    year=result.year,
                ),
                role="lead",
            ),
            Bars(
                tuple(
                    Bar(Words(str(r.year)), r.rate, report.percent(r.rate))
                    for r in (before, result)
                ),
                self.label("rate"),
            ),
        ]
        moved = [c for change in CHANGES if change != "unchanged" for c in self.changes(change)]
        if moved:
            header = ("code", "title", "status_then", "status_now", "change")
            rows = tuple(
                (
                    Words(c.action.code),
                    Words(report.text(c.action.title), report.text_language(c.action.title)),
                    self.status_words(c.before),
                    self.status_words(c.after),
                    self.label("change_" + c.change),
                )
                for c in moved
            )
            blocks.append(
                Table(
                    self.label("status_changes"),
                    tuple(
                        self.label(key, year=y)
                        for key, y in zip(header, (0, 0, before.year, result.year, 0), strict=True)
                    ),
                    rows,
                    (False,) * 5,
                    (8, 40, 17, 17, 18),
                )
            )
        unchanged = len(self.changes("unchanged"))
        blocks.append(self.labelled("change_unchanged", report.count("n_actions", unchanged)))
        indicators = self.indicator_changes()
        if indicators is not None:
            blocks.append(indicators)
        return Section("previous", "previous", heading, tuple(blocks))

    def changes(self, change: str) -> list[ActionChange]:
        result = self.report.result
        assert result.previous is not None
        return [c for c in changes(result.previous, result) if c.change == change]

    def indicator_changes(self) -> Table | None:
        report, result = self.report, self.report.result
        assert result.previous is not None
        then = {(i.action.id, i.indicator.id): i for i in result.previous.indicators}
        rows = []
        for now in result.indicators:
            before = then.get((now.action.id, now.indicator.id))
            values = (before.measurement if before else None, now.measurement)
            if not any(values):
                continue
            rows.append(
                [
                    Words(
                        report.text(now.indicator.name), report.text_language(now.indicator.name)
                    ),
                    *(Words(report.number(v.value) if v else "—") for v in values),
                    Words(report.number(now.target)),
                ]
            )
        if not rows:
            return None
        years = (result.previous.year, result.year)
        header = [
            self.label("indicator"),
            *(Words(str(y)) for y in years),
            self.label("target"),
        ]
        return Table(
            self.label("indicators"),
            tuple(header),
            tuple(tuple(row) for row in rows),
            (False, True, True, True),
            (46, 18, 18, 18),
        )

    def status_words(self, action: ActionResult) -> Words:
        """An action's status label, with the language it is shown in."""
        level = action.level
        if level is None:
            return self.label("unassessed")
        return Words(self.report.text(level.label), self.report.text_language(level.label))

    def status_name(self, status: str) -> Words:
        level = self.report.result.strategy.level(status)
        if level is None:
            return self.label("unassessed")
        return Words(self.report.text(level.label), self.report.text_language(level.label))

    def late_table(self, late: Sequence[ActionResult]) -> Table:
        """The actions past their planned end: code, action, planned end, status."""
        report = self.report
        rows = tuple(
            (
                Words(r.action.code),
                Words(report.text(r.action.title), report.text_language(r.action.title)),
                Words(report.date(r.action.end), self.lang),
                self.status_words(r),
            )
            for r in late
        )
        header = tuple(self.label(k) for k in ("code", "action", "planned_end", "status"))
        return Table(self.label("late_actions"), header, rows, (False,) * 4, (8, 52, 20, 20))

    def budget_line(self, budget: BudgetResult) -> Words:
        return Words(self.report.budget_line(budget), self.lang)

    def node_rate(self, node: NodeResult) -> Paragraph:
        report = self.report
        if node.rate is not None:
            line = report.label(
                "rate_line",
                rate=report.percent(node.rate),
                counted=report.count("n_counted", len(node.counted)),
                assessed=report.count("n_assessed", len(node.assessed)),
            )
        elif not node.actions:
            line = report.label("node_empty")
        elif not node.counted:
            line = report.label("axis_all_excluded")
        else:
            line = report.label("axis_none_assessed")
        return self.para(report.label("rate") + report.colon + line, role="lead")

    def node(self, node: NodeResult) -> Section:
        report = self.report
        title = Words(report.heading(node), report.text_language(node.node.title))
        blocks: list[Block] = [self.node_rate(node)]
        if node.node.description is not None:
            blocks.append(self.para(self.words(node.node.description)))
        if node.budget is not None:
            blocks.append(self.labelled("budget", self.budget_line(node.budget), "meta"))
        own = node.actions[: len(node.node.actions)]
        blocks += [self.action(action, node.depth + 2) for action in own]
        blocks += [self.node(child) for child in node.children]
        kind: Kind = "axis" if node.depth == 0 else "group"
        return Section(kind, node.node.id, Heading(title, node.depth + 1), tuple(blocks))

    def action(self, action: ActionResult, level: int) -> Section:
        report = self.report
        title = f"{action.action.code}. {report.text(action.action.title)}"
        heading = Heading(Words(title, report.text_language(action.action.title)), level)
        blocks: list[Block] = [Status(self.status_words(action), report.colour(action.status))]
        if action.exclusion is not None:
            blocks.append(
                self.para(
                    report.label("excluded_short") + report.colon,
                    self.words(action.exclusion.reason),
                    role="muted",
                )
            )
        blocks += self.plan(action)
        assessment = action.assessment
        if assessment is not None:
            if assessment.progress is not None:
                blocks.append(self.labelled("progress", report.percent(assessment.progress)))
            if assessment.justification is not None:
                blocks += [
                    Heading(self.label("justification"), level + 1),
                    self.para(self.words(assessment.justification)),
                ]
            for key, texts in (
                ("achievements", assessment.achievements),
                ("constraints", assessment.constraints),
                ("next_steps", assessment.next_steps),
            ):
                if texts:
                    blocks.append(Items(self.label(key), tuple(map(self.words, texts))))
        blocks += self.tables(action)
        if assessment is not None:
            evidence = list(self.evidence(assessment.evidence))
            if evidence:
                blocks += [Heading(self.label("evidence"), level + 1), *evidence]
            if assessment.notes:
                blocks.append(Items(self.label("notes"), tuple(map(self.words, assessment.notes))))
        return Section("action", action.action.id, heading, tuple(blocks))

    def plan(self, action: ActionResult) -> Iterator[Paragraph]:
        """What the plan says of the action: who, with whom, when, how much."""
        report, plan = self.report, action.action
        if plan.responsible is not None:
            yield self.labelled("responsible", self.words(plan.responsible), "meta")
        if plan.partners:
            names = report.label("list_separator").join(report.texts(plan.partners))
            yield self.labelled(
                "partners", Words(names, report.text_language(plan.partners[0])), "meta"
            )
        if plan.start is not None or plan.end is not None:
            when = " – ".join(report.date(d) for d in (plan.start, plan.end) if d is not None)
            if action.late:
                when += f" ({report.label('late')})"
            yield self.labelled("schedule", when, "meta")
        assessment = action.assessment
        if plan.budget is not None:
            currency = plan.budget.currency or report.result.strategy.currency or ""
            amounts = [f"{report.number(plan.budget.amount)} {currency}".strip()]
            for key in ("committed", "spent"):
                amount = getattr(assessment, key) if assessment is not None else None
                if amount is not None:
                    amounts.append(f"{report.label(key)} {report.number(amount)}")
            yield self.labelled("budget", report.label("list_separator").join(amounts), "meta")

    def tables(self, action: ActionResult) -> Iterator[Table]:
        report = self.report
        indicators = report.indicators_of(action)
        if indicators:
            rows = [
                [Words(report.text(i.indicator.name), report.text_language(i.indicator.name))]
                + [Words(cell) for cell in report.indicator_cells(i)[1:]]
                for i in indicators
            ]
            yield self.table("indicators", INDICATOR_COLUMNS, rows, INDICATOR_SHARES, numeric=1)
        assessment = action.assessment
        if assessment is not None and assessment.activities:
            rows = [
                [
                    Words(report.dates(a), self.lang),
                    self.words(a.title),
                    self.words(a.organiser),
                    self.words(a.audience),
                ]
                for a in assessment.activities
            ]
            yield self.table("activities", ACTIVITY_COLUMNS, rows, ACTIVITY_SHARES, numeric=0)

    def table(
        self,
        key: str,
        columns: Sequence[str],
        rows: list[list[Words]],
        shares: Sequence[float],
        *,
        numeric: int,
    ) -> Table:
        """A table of an action's page, keeping only the columns that have a value; the
        columns from `numeric` on hold numbers (0: none)."""
        keep = [0] + [c for c in range(1, len(columns)) if any(row[c].text for row in rows)]
        return Table(
            self.label(key),
            tuple(self.label(columns[c]) for c in keep),
            tuple(tuple(row[c] for c in keep) for row in rows),
            tuple(bool(numeric) and c >= numeric for c in keep),
            tuple(shares[c] for c in keep),
        )

    def evidence(self, evidence: Sequence[Evidence]) -> Iterator[Quote | Link]:
        for item in evidence:
            document = self.document_title(item.document) if item.document else ""
            locator = self.report.text(item.locator) if item.locator is not None else ""
            comma = self.report.label("comma")
            where = comma.join(part for part in (document, locator) if part)
            title = self.report.text(item.title) if item.title is not None else ""
            if item.quote:
                citation = comma.join(part for part in (title, where) if part)
                yield Quote(Words(item.quote), Words(citation) if citation else None)
            if item.url:
                yield Link(Words(title or item.url), item.url)
            elif not item.quote and where:
                yield Link(Words(comma.join(part for part in (title, where) if part)))

    def annex(self) -> Section:
        report = self.report
        title = Words(f"{report.label('annex')}{report.colon}{report.label('matrix')}", self.lang)
        columns = report.matrix_columns()
        rows = tuple(tuple(Words(cell) for cell in row) for row in report.matrix_table(human=True))
        header = tuple(Words(h, self.lang) for h in report.matrix_header())
        numeric = tuple(column.numeric for column in columns)
        shares = tuple(column.share for column in columns)
        table = Table(None, header, rows, numeric, shares, role="matrix")
        return Section("annex", "matrix", Heading(title, 1), (table,))

    def document(self) -> Document:
        report, result = self.report, self.report.result
        strategy = result.strategy
        title = report.label("report_title", strategy=report.text(strategy.title), year=result.year)
        body = [self.introduction(), self.method(), self.summary(), self.previous()]
        body += [self.node(axis) for axis in result.axes]
        body += [self.conclusion(), self.signoff(), self.annex()]
        present = [section for section in body if section is not None]
        sections = [self.cover(), self.contents(present), *present]
        return Document(
            lang=self.lang,
            direction="rtl" if report.direction == "rtl" else "ltr",
            title=title,
            running_title=(
                f"{report.text(strategy.commune)} — {report.label('evaluation', year=result.year)}"
            ),
            metadata=Metadata(
                title=title,
                author=report.text(strategy.commune),
                subject=report.text(strategy.title),
                keywords=report.label("evaluation_report"),
                created=created(result.evaluation).timestamp(),
            ),
            sections=tuple(sections),
        )


def build_document(result: EvaluationResult, lang: str | None = None) -> Document:
    """The report of `result` in `lang` (by default the strategy title's first language)."""
    return _Builder(Report.of(result, lang)).document()
