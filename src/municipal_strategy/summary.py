"""The summary of an evaluation: the JSON contract and the terminal text."""

from __future__ import annotations

import textwrap
from typing import Any

from .report import Report, percent
from .scoring import ActionResult, EvaluationResult

#: Bumped when a key of the summary changes meaning or goes away.
SUMMARY_VERSION = 1


def _excluded(report: Report, result: ActionResult) -> dict[str, Any]:
    assert result.exclusion is not None
    return {
        "id": result.action.id,
        "number": result.action.number,
        "title": report.text(result.action.title),
        "axis": result.axis.id,
        "reason": report.text(result.exclusion.reason),
        "status": result.status,
    }


def summary_dict(result: EvaluationResult, lang: str | None = None) -> dict[str, Any]:
    """The stable JSON summary of an evaluation, its texts in `lang` (see `report_language`)."""
    report = Report.of(result, lang)
    strategy = result.strategy
    return {
        "summary_version": SUMMARY_VERSION,
        "lang": report.lang,
        "commune": report.text(strategy.commune),
        "strategy": report.text(strategy.title),
        "period": [strategy.period.start, strategy.period.end],
        "year": result.year,
        "implementation_rate": result.rate,
        "counted_actions": len(result.counted),
        "assessed_actions": len(result.assessed),
        "unassessed_actions": [r.action.id for r in result.unassessed],
        "excluded_actions": [_excluded(report, r) for r in result.excluded],
        "rate_with_excluded": result.rate_with_excluded,
        "axes": [
            {
                "id": axis.axis.id,
                "number": axis.axis.number,
                "title": report.text(axis.axis.title),
                "implementation_rate": axis.rate,
                "counted_actions": len(axis.counted),
                "excluded_actions": len(axis.excluded),
            }
            for axis in result.axes
        ],
        "status_counts": dict(result.status_counts),
        "indicators": [
            {
                "action": ind.action.id,
                "id": ind.indicator.id,
                "name": report.text(ind.indicator.name),
                "unit": report.text(ind.indicator.unit) or None,
                "value": ind.measurement.value if ind.measurement else None,
                "target": ind.target,
                "achievement": ind.achievement,
            }
            for ind in result.indicators
        ],
    }


def summary_text(result: EvaluationResult, lang: str | None = None) -> str:
    """A readable terminal summary: rate, per-axis rates, status counts, exclusions."""
    report = Report.of(result, lang)
    label, text = report.label, report.text
    strategy = result.strategy
    lines = [
        f"{text(strategy.commune)} — {text(strategy.title)}",
        label("evaluation", year=result.year),
    ]
    presented = result.evaluation.presented
    if presented is not None:
        lines.append(label("presented", session=text(presented.session)))
    lines += ["", f"{label('rate')}{report.colon}{report.headline()}"]
    if result.unassessed:
        ids = ", ".join(r.action.id for r in result.unassessed)
        lines.append(f"{label('unassessed_list')}{report.colon}{ids}")
    if result.excluded:
        lines += ["", f"{label('excluded')} ({len(result.excluded)}):"]
        for rule, selected in result.exclusion_groups():
            lines += [f"  {r.action.number:>3}  {text(r.action.title)}" for r in selected]
            reason = f"{label('reason')}{report.colon}{text(rule.reason)}"
            lines += textwrap.wrap(reason, 88, initial_indent=" " * 7, subsequent_indent=" " * 7)
        lines.append(f"  {report.exclusion_note()}")
    lines += ["", f"{label('axes')}:"]
    for axis in result.axes:
        if axis.rate is not None:
            note = label("actions_count", n=len(axis.counted))
        elif not axis.counted:
            note = label("axis_all_excluded")
        else:
            note = label("axis_none_assessed")
        lines.append(
            f"  {axis.axis.number:>3}  {percent(axis.rate):>4}  {text(axis.axis.title)}  ({note})"
        )
    lines += ["", f"{label('status_counts')}:"]
    for status, count in result.status_counts.items():
        lines.append(f"  {count:>4}  {report.status_name(status)}")
    return "\n".join(lines) + "\n"
