"""The `markdown` exporter: the whole report as readable Markdown."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import IO

from ..hookspecs import hookimpl
from ..plugins import Exporter, ExportOptions, RegisterExporter
from ..report import ACTIVITY_COLUMNS, INDICATOR_COLUMNS, Report, percent
from ..scoring import ActionResult, EvaluationResult, NodeResult

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])", re.MULTILINE)


def md(text: str) -> str:
    """Configuration text made inert: no emphasis, links, HTML or headings of its own."""
    return _LINE_START.sub(lambda m: m[1] + "\\" + m[2], _INLINE.sub(r"\\\1", text))


def cell(text: str) -> str:
    """Text for a table cell, where only inline syntax matters; lines become <br>."""
    lines = _INLINE.sub(r"\\\1", text).replace("\r", "").split("\n")
    return "<br>".join(lines)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def bullets(report: Report, key: str, items: Sequence[str]) -> list[str]:
    if not items:
        return []
    return [f"**{report.label(key)}**", "", *(f"- {md(item)}" for item in items), ""]


def _action(report: Report, action: ActionResult) -> list[str]:
    text, label = report.text, report.label
    lines = [f"### {md(action.action.code)}. {md(text(action.action.title))}", ""]
    status = f"**{label('status')}{report.colon.rstrip()}** {md(report.status(action))}"
    if action.exclusion is not None:
        status += (
            f" — *{md(label('excluded_short'))}{report.colon}{md(text(action.exclusion.reason))}*"
        )
    lines += [status, ""]
    assessment = action.assessment
    if assessment is None:
        return lines
    if assessment.progress is not None:
        lines += [
            f"**{label('progress')}{report.colon.rstrip()}** {percent(assessment.progress)}",
            "",
        ]
    if assessment.justification is not None:
        lines += [
            f"**{label('justification')}{report.colon.rstrip()}** {md(text(assessment.justification))}",
            "",
        ]
    lines += bullets(report, "achievements", report.texts(assessment.achievements))
    lines += bullets(report, "constraints", report.texts(assessment.constraints))
    lines += bullets(report, "next_steps", report.texts(assessment.next_steps))
    indicators = report.indicators_of(action)
    if indicators:
        lines += [f"**{label('indicators')}**", ""]
        lines += table(
            [label(k) for k in INDICATOR_COLUMNS], [*map(report.indicator_cells, indicators)]
        )
    if assessment.activities:
        lines += [f"**{label('activities')}**", ""]
        lines += table(
            [label(k) for k in ACTIVITY_COLUMNS],
            [*map(report.activity_cells, assessment.activities)],
        )
    quotes = [e for e in assessment.evidence if e.quote or e.url]
    if quotes:
        lines += [f"**{label('evidence')}**", ""]
        for evidence in quotes:
            where = " — ".join(
                md(p) for p in (evidence.document or "", evidence.locator or "") if p
            )
            if evidence.quote:
                lines += [f"> {md(evidence.quote)}", ">", f"> {where}" if where else ">", ""]
            if evidence.url:
                lines += [f"- <{evidence.url.replace('>', '%3E')}>", ""]
    lines += bullets(report, "notes", report.texts(assessment.notes))
    return lines


def _node(report: Report, node: NodeResult) -> list[str]:
    """A node's heading, description and actions, then its groups'."""
    lines = [f"{'#' * min(2 + node.depth, 6)} {md(report.heading(node))}", ""]
    if node.depth:
        lines += [f"{report.label('rate')}{report.colon}{percent(node.rate)}", ""]
    if node.node.description is not None:
        lines += [md(report.text(node.node.description)), ""]
    for action in node.actions[: len(node.node.actions)]:
        lines += _action(report, action)
    for child in node.children:
        lines += _node(report, child)
    return lines


def render(result: EvaluationResult, lang: str | None = None) -> str:
    report = Report.of(result, lang)
    text, label = report.text, report.label
    strategy = result.strategy
    lines = [
        f"# {md(label('report_title', strategy=text(strategy.title), year=result.year))}",
        "",
        f"**{md(text(strategy.commune))}** — {label('period')}{report.colon}{strategy.period}",
        "",
    ]
    if result.evaluation.presented is not None:
        lines += [md(label("presented", session=text(result.evaluation.presented.session))), ""]
    lines += [
        f"## {label('summary')}",
        "",
        f"**{label('rate')}{report.colon}{md(report.headline())}**",
        "",
    ]
    if result.excluded:
        lines += [f"**{label('excluded')}**", ""]
        for rule, selected in result.exclusion_groups():
            lines += [f"- {md(report.codes(selected))}{report.colon}{md(text(rule.reason))}"]
        lines.append("")
        lines += [md(report.exclusion_note()), ""]
    lines += [f"### {label('rate_per_axis')}", ""]
    lines += table(
        [label("axis"), label("rate"), label("counted")],
        [[report.node_title(a.node), percent(a.rate), str(len(a.counted))] for a in result.axes],
    )
    lines += [f"### {label('status_breakdown')}", ""]
    lines += table(
        [label("status"), "#"],
        [[report.status_name(s), str(n)] for s, n in result.status_counts.items()],
    )
    for axis in result.axes:
        lines += _node(report, axis)
    lines += [f"## {label('matrix')}", ""]
    lines += table(report.matrix_header(), [*map(report.matrix_cells, report.matrix())])
    return "\n".join(lines)


def write(result: EvaluationResult, stream: IO[bytes], options: ExportOptions) -> None:
    stream.write(render(result, options.lang).encode("utf-8"))


@hookimpl
def register_exporters(register: RegisterExporter) -> None:
    register(
        Exporter(
            name="markdown",
            extension=".md",
            media_type="text/markdown",
            description="The whole report as Markdown, for wikis, repositories and e-mail.",
            write=write,
        )
    )
