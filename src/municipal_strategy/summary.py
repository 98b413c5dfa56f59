"""The summary of an evaluation: the JSON contract and the terminal text."""

from __future__ import annotations

from typing import Any

from .budget import BudgetResult, Execution
from .report import Report
from .scoring import ROLLUP, ActionResult, EvaluationResult, NodeResult

#: Bumped when a key of the summary changes meaning or goes away (2: codes replace numbers).
SUMMARY_VERSION = 2


def _execution(execution: Execution | None) -> dict[str, Any] | None:
    if execution is None:
        return None
    return {
        "amount": execution.amount,
        "planned": execution.planned,
        "actions": execution.actions,
        "rate": execution.rate,
    }


def budget_dict(budget: BudgetResult | None) -> dict[str, Any] | None:
    """A budget's figures as plain data; None where the plan gives no amounts."""
    if budget is None:
        return None
    return {
        "currency": budget.currency,
        "planned": budget.planned,
        "actions": budget.actions,
        "committed": _execution(budget.committed),
        "spent": _execution(budget.spent),
    }


def _action(report: Report, result: ActionResult) -> dict[str, Any]:
    action = result.action
    return {
        "id": action.id,
        "code": action.code,
        "title": report.text(action.title),
        "axis": result.axis.id,
        "path": [node.id for node in result.path],
        "status": result.status,
        "score": result.score,
        "progress": result.progress,
        "weight": result.plan_weight,
        "excluded": result.excluded,
        "late": result.late,
        "end": str(action.end) if action.end else None,
    }


def _since(report: Report, result: EvaluationResult) -> dict[str, Any] | None:
    """The previous year's rate and what changed since; None for a first evaluation."""
    before = result.previous
    if before is None:
        return None
    from .history import changes

    then = {(i.action.id, i.indicator.id): i for i in before.indicators}
    return {
        "year": before.year,
        "implementation_rate": before.rate,
        "changes": [
            {
                "action": c.action.id,
                "code": c.action.code,
                "from": c.before.status,
                "to": c.after.status,
                "change": c.change,
            }
            for c in changes(before, result)
            if c.change != "unchanged"
        ],
        "indicators": [
            {
                "action": ind.action.id,
                "id": ind.indicator.id,
                "value": ind.measurement.value if ind.measurement else None,
                "previous": (
                    previous.measurement.value
                    if (previous := then.get((ind.action.id, ind.indicator.id)))
                    and previous.measurement
                    else None
                ),
            }
            for ind in result.indicators
        ],
    }


def _excluded(report: Report, result: ActionResult) -> dict[str, Any]:
    assert result.exclusion is not None
    return {
        "id": result.action.id,
        "code": result.action.code,
        "title": report.text(result.action.title),
        "axis": result.axis.id,
        "reason": report.text(result.exclusion.reason),
        "status": result.status,
    }


def _node(report: Report, node: NodeResult) -> dict[str, Any]:
    return {
        "id": node.node.id,
        "code": node.node.code,
        "title": report.text(node.node.title),
        "level": report.level_name(node.depth),
        "weight": node.node.weight,
        "implementation_rate": node.rate,
        "progress": node.progress,
        "counted_actions": len(node.counted),
        "assessed_actions": len(node.assessed),
        "excluded_actions": len(node.excluded),
        "late_actions": [r.action.id for r in node.late],
        "budget": budget_dict(node.budget),
        "actions": [r.action.id for r in node.actions[: len(node.node.actions)]],
        "children": [_node(report, child) for child in node.children],
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
        "scoring": strategy.scoring,
        "rollup": ROLLUP,
        "levels": [report.level_name(depth) for depth in range(strategy.depth - 1)]
        + [report.level_name(0, action=True)],
        "implementation_rate": result.rate,
        "counted_actions": len(result.counted),
        "assessed_actions": len(result.assessed),
        "unassessed_actions": [r.action.id for r in result.unassessed],
        "excluded_actions": [_excluded(report, r) for r in result.excluded],
        "rate_with_excluded": result.rate_with_excluded,
        "late_actions": [r.action.id for r in result.late],
        "budget": budget_dict(result.budget),
        "axes": [_node(report, axis) for axis in result.axes],
        "actions": [_action(report, r) for r in result.actions],
        "since_last_year": _since(report, result),
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


def _node_lines(report: Report, node: NodeResult) -> list[str]:
    label = report.label
    if node.rate is not None:
        note = report.count("n_actions", len(node.counted))
    elif not node.actions:
        note = label("node_empty")
    elif not node.counted:
        note = label("axis_all_excluded")
    else:
        note = label("axis_none_assessed")
    indent = "  " * (node.depth + 1)
    code = f"{node.node.code:>3}" if node.depth == 0 else node.node.code
    rate = report.percent(node.rate)
    lines = [f"{indent}{code}  {rate:>4}  {report.text(node.node.title)}  ({note})"]
    if node.budget is not None and node.depth == 0:
        lines.append(f"{indent}       {report.budget_line(node.budget)}")
    for child in node.children:
        lines += _node_lines(report, child)
    return lines


def summary_text(result: EvaluationResult, lang: str | None = None) -> str:
    """A readable terminal summary: rate, per-node rates, status counts, exclusions, late
    actions and budget execution where the plan has dates and amounts."""
    import textwrap

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
    if result.budget is not None:
        lines.append(f"{label('budget')}{report.colon}{report.budget_line(result.budget)}")
    if result.excluded:
        lines += ["", f"{label('excluded')} ({len(result.excluded)}){report.colon.rstrip()}"]
        for rule, selected in result.exclusion_groups():
            lines += [f"  {r.action.code:>3}  {text(r.action.title)}" for r in selected]
            reason = f"{label('reason')}{report.colon}{text(rule.reason)}"
            lines += textwrap.wrap(reason, 88, initial_indent=" " * 7, subsequent_indent=" " * 7)
        lines.append(f"  {report.exclusion_note()}")
    if result.late:
        lines += ["", f"{label('late_actions')} ({len(result.late)}){report.colon.rstrip()}"]
        lines += [
            f"  {r.action.code:>3}  {text(r.action.title)}  "
            f"({label('planned_end')}{report.colon}{report.date(r.action.end)}"
            f"{label('list_separator')}{report.status(r)})"
            for r in result.late
        ]
    lines += ["", f"{label('axes')}{report.colon.rstrip()}"]
    for axis in result.axes:
        lines += _node_lines(report, axis)
    lines += ["", f"{label('status_counts')}{report.colon.rstrip()}"]
    for status, count in result.status_counts.items():
        lines.append(f"  {count:>4}  {report.status_name(status)}")
    return "\n".join(lines) + "\n"
