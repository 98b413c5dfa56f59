"""The summary of an evaluation: the JSON contract and the terminal text."""

from __future__ import annotations

import textwrap
from typing import Any

from .i18n import LANGS, label
from .model import LANGUAGES, Strategy, Text
from .scoring import ActionResult, EvaluationResult

#: Bumped when a key of the summary changes meaning or goes away.
SUMMARY_VERSION = 1


def report_language(strategy: Strategy, lang: str | None = None) -> str:
    """`lang`, else the first language of the strategy's title that labels exist in."""
    if lang:
        return lang
    return next((code for code in strategy.title.languages if code in LANGS), "en")


def _fallback(lang: str | None) -> tuple[str, ...]:
    return (lang, *LANGUAGES) if lang else ()


def _text(text: Text | None, lang: str | None) -> str | None:
    return text.get(lang, _fallback(lang)) if text is not None else None


def _excluded(result: ActionResult, lang: str | None) -> dict[str, Any]:
    assert result.exclusion is not None
    return {
        "id": result.action.id,
        "number": result.action.number,
        "title": _text(result.action.title, lang),
        "axis": result.axis.id,
        "reason": _text(result.exclusion.reason, lang),
        "status": result.status,
    }


def summary_dict(result: EvaluationResult, lang: str | None = None) -> dict[str, Any]:
    """The stable JSON summary of an evaluation, its texts in `lang` (see `report_language`)."""
    strategy = result.strategy
    lang = report_language(strategy, lang)
    return {
        "summary_version": SUMMARY_VERSION,
        "lang": lang,
        "commune": _text(strategy.commune, lang),
        "strategy": _text(strategy.title, lang),
        "period": [strategy.period.start, strategy.period.end],
        "year": result.year,
        "implementation_rate": result.rate,
        "counted_actions": len(result.counted),
        "assessed_actions": sum(1 for r in result.counted if r.assessed),
        "unassessed_actions": [r.action.id for r in result.unassessed],
        "excluded_actions": [_excluded(r, lang) for r in result.excluded],
        "rate_with_excluded": result.rate_with_excluded,
        "axes": [
            {
                "id": axis.axis.id,
                "number": axis.axis.number,
                "title": _text(axis.axis.title, lang),
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
                "name": _text(ind.indicator.name, lang),
                "unit": _text(ind.indicator.unit, lang),
                "value": ind.measurement.value if ind.measurement else None,
                "target": ind.target,
                "achievement": ind.achievement,
            }
            for ind in result.indicators
        ],
    }


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def summary_text(result: EvaluationResult, lang: str | None = None) -> str:
    """A readable terminal summary: rate, per-axis rates, status counts, exclusions."""
    strategy = result.strategy
    lang = report_language(strategy, lang)
    lines = [
        f"{_text(strategy.commune, lang)} — {_text(strategy.title, lang)}",
        label("evaluation", lang, year=result.year),
    ]
    presented = result.evaluation.presented
    if presented is not None:
        lines.append(label("presented", lang, session=_text(presented.session, lang)))
    counted = result.counted
    assessed = sum(1 for r in counted if r.assessed)
    lines += [
        "",
        f"{label('rate', lang)}: "
        + (
            label(
                "rate_line",
                lang,
                rate=_percent(result.rate),
                counted=len(counted),
                assessed=assessed,
            )
            if result.rate is not None
            else label("no_rate", lang)
        ),
    ]
    if result.unassessed:
        lines.append(
            f"{label('unassessed_list', lang)}: "
            + ", ".join(r.action.id for r in result.unassessed)
        )
    if result.excluded:
        lines += ["", f"{label('excluded', lang)} ({len(result.excluded)}):"]
        for rule in result.evaluation.exclusions:
            selected = [r for r in result.excluded if r.exclusion is rule]
            lines += [f"  {r.action.number:>3}  {_text(r.action.title, lang)}" for r in selected]
            if selected:
                reason = f"{label('reason', lang)}: {_text(rule.reason, lang)}"
                lines += textwrap.wrap(
                    reason, 88, initial_indent="       ", subsequent_indent="       "
                )
        lines.append(
            "  "
            + (
                label("with_excluded", lang, rate=_percent(result.rate_with_excluded))
                if result.rate_with_excluded is not None
                else label("excluded_unassessed", lang)
            )
        )
    lines += ["", f"{label('axes', lang)}:"]
    for axis in result.axes:
        if axis.rate is not None:
            note = label("actions_count", lang, n=len(axis.counted))
        elif not axis.counted:
            note = label("axis_all_excluded", lang)
        else:
            note = label("axis_none_assessed", lang)
        lines.append(
            f"  {axis.axis.number:>3}  {_percent(axis.rate):>4}  {_text(axis.axis.title, lang)}"
            f"  ({note})"
        )
    lines += ["", f"{label('status_counts', lang)}:"]
    for status, count in result.status_counts.items():
        level = strategy.level(status)
        name = _text(level.label, lang) if level else label("unassessed", lang)
        lines.append(f"  {count:>4}  {name}")
    return "\n".join(lines) + "\n"
