"""The JSON contracts and the terminal texts of `history` and `compare`."""

from __future__ import annotations

from typing import Any

from .history import CHANGES, Comparison, History, Series
from .report import Report
from .scoring import EvaluationResult, NodeResult
from .summary import budget_dict

#: Bumped when a key changes meaning or goes away.
HISTORY_VERSION = 1
COMPARISON_VERSION = 1


def _series(report: Report, series: Series) -> dict[str, Any]:
    indicator = series.indicator
    return {
        "action": series.action.id,
        "id": indicator.id,
        "name": report.text(indicator.name),
        "unit": report.text(indicator.unit) or None,
        "direction": indicator.direction,
        "baseline": indicator.baseline,
        "baseline_year": indicator.baseline_year,
        "points": [{"year": p.year, "value": p.value, "target": p.target} for p in series.points],
    }


def _node(node: NodeResult) -> dict[str, Any]:
    return {
        "id": node.node.id,
        "code": node.node.code,
        "implementation_rate": node.rate,
        "children": [_node(child) for child in node.children],
    }


def _year(result: EvaluationResult) -> dict[str, Any]:
    return {
        "year": result.year,
        "implementation_rate": result.rate,
        "counted_actions": len(result.counted),
        "assessed_actions": len(result.assessed),
        "excluded_actions": len(result.excluded),
        "late_actions": [r.action.id for r in result.late],
        "budget": budget_dict(result.budget),
        "axes": [_node(axis) for axis in result.axes],
    }


def history_dict(history: History, lang: str | None = None) -> dict[str, Any]:
    """Every evaluated year: rates overall and per node, counts, late actions, budget, and
    indicator series."""
    strategy = history.strategy
    languages = history.results[-1] if history.results else None
    report = Report.of(languages, lang) if languages is not None else None
    return {
        "history_version": HISTORY_VERSION,
        "lang": report.lang if report else lang,
        "years": [_year(result) for result in history.results],
        "indicators": [_series(report, s) for s in history.series] if report else [],
        "period": [strategy.period.start, strategy.period.end],
    }


def comparison_dict(comparison: Comparison, lang: str | None = None) -> dict[str, Any]:
    """Every action classed from one year to the other, and the indicators' series."""
    report = Report.of(comparison.after, lang)
    before, after = comparison.before, comparison.after
    return {
        "comparison_version": COMPARISON_VERSION,
        "lang": report.lang,
        "from": before.year,
        "to": after.year,
        "implementation_rate": {"from": before.rate, "to": after.rate},
        "changes": [
            {
                "action": c.action.id,
                "code": c.action.code,
                "from": c.before.status,
                "to": c.after.status,
                "change": c.change,
                "score": {"from": c.before.score, "to": c.after.score},
                "excluded": {"from": c.before.excluded, "to": c.after.excluded},
            }
            for c in comparison.changes
        ],
        "counts": {change: len(comparison.of(change)) for change in CHANGES},
        "indicators": [_series(report, s) for s in _two_years(comparison)],
    }


def _two_years(comparison: Comparison) -> tuple[Series, ...]:
    from .history import series

    return series([comparison.before, comparison.after])


def history_text(history: History, lang: str | None = None) -> str:
    """One line per year, then each axis's rate per year."""
    if not history.results:
        return "no evaluation yet\n"
    report = Report.of(history.results[-1], lang)
    colon = report.colon
    lines = [f"{report.text(history.strategy.commune)} — {report.text(history.strategy.title)}"]
    for result in history.results:
        line = f"{result.year}  {report.percent(result.rate):>5}  {report.headline_of(result)}"
        if result.late:
            late = f"{report.label('late_actions')}{colon}{len(result.late)}"
            line += report.label("list_separator") + late
        lines.append(line)
    lines += ["", f"{report.label('axes')}{colon.rstrip()}"]
    years = "  ".join(f"{r.year:>6}" for r in history.results)
    lines.append(f"  {'':>5}  {years}")
    for i, axis in enumerate(history.results[-1].axes):
        rates = "  ".join(f"{report.percent(r.axes[i].rate):>6}" for r in history.results)
        lines.append(f"  {axis.node.code:>5}  {rates}  {report.text(axis.node.title)}")
    for s in history.series:
        points = ", ".join(
            f"{p.year}{colon}{report.number(p.value) or '—'}"
            + (f" / {report.number(p.target)}" if p.target is not None else "")
            for p in s.points
        )
        lines.append(f"  {s.action.code} {report.text(s.indicator.name)}{colon}{points}")
    return "\n".join(lines) + "\n"


def comparison_text(comparison: Comparison, lang: str | None = None) -> str:
    """The rate then and now, then the actions that changed, regressions first and
    flagged."""
    report = Report.of(comparison.after, lang)
    before, after = comparison.before, comparison.after
    colon = report.colon
    lines = [
        f"{report.label('rate')}{colon}{before.year} {report.percent(before.rate)} → "
        f"{after.year} {report.percent(after.rate)}",
        "",
    ]
    for change in CHANGES:
        found = comparison.of(change)
        if not found or change == "unchanged":
            continue
        lines.append(f"{report.label('change_' + change)} ({len(found)}){colon.rstrip()}")
        flag = "!! " if change == "regressed" else "   "
        for c in found:
            lines.append(
                f" {flag}{c.action.code:>6}  {report.status(c.before)} → {report.status(c.after)}"
                f"  {report.text(c.action.title)}"
            )
        lines.append("")
    unchanged = len(comparison.of("unchanged"))
    lines.append(f"{report.label('change_unchanged')}{colon}{unchanged}")
    return "\n".join(lines) + "\n"
