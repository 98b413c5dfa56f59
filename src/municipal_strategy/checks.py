"""Cross-checks that no single field can make: ids, references, years and the scale.

Each check returns ``(path, message)`` pairs; the path is relative to the document checked
(the strategy, or one evaluation), and the loader adds the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .model import UNASSESSED, Evaluation, Strategy

Finding = tuple[str, str]


def _duplicates(items: Iterable[tuple[str, object]], what: str) -> Iterator[Finding]:
    """Report every occurrence after the first of a repeated key, at its path."""
    seen: dict[object, str] = {}
    for path, key in items:
        if key in seen:
            yield path, f"duplicate {what} {key!r} (first at {seen[key]})"
        else:
            seen[key] = path


def check_strategy(strategy: Strategy) -> list[Finding]:
    """Duplicate ids and numbers, an empty scale, targets outside the period."""
    findings: list[Finding] = []
    if not strategy.scale:
        findings.append(("scale", "the status scale needs at least one level"))
    findings += _duplicates(
        ((f"scale[{i}].id", level.id) for i, level in enumerate(strategy.scale)), "status"
    )
    findings += [
        (f"scale[{i}].id", f"{UNASSESSED!r} is reserved for actions without a status")
        for i, level in enumerate(strategy.scale)
        if level.id == UNASSESSED
    ]
    findings += _duplicates(
        ((f"axes[{i}].id", axis.id) for i, axis in enumerate(strategy.axes)), "axis id"
    )
    actions = [
        (f"axes[{i}].actions[{j}]", action)
        for i, axis in enumerate(strategy.axes)
        for j, action in enumerate(axis.actions)
    ]
    findings += _duplicates(((f"{p}.id", a.id) for p, a in actions), "action id")
    findings += _duplicates(((f"{p}.number", a.number) for p, a in actions), "action number")
    for path, action in actions:
        indicators = list(enumerate(action.indicators))
        findings += _duplicates(
            ((f"{path}.indicators[{k}].id", ind.id) for k, ind in indicators),
            f"indicator id in action {action.id!r}:",
        )
        for k, indicator in indicators:
            for year in indicator.targets:
                if year not in strategy.period:
                    findings.append(
                        (
                            f"{path}.indicators[{k}].targets",
                            f"target year {year} is outside the strategy's period {strategy.period}",
                        )
                    )
    return findings


def check_evaluation(strategy: Strategy, evaluation: Evaluation) -> list[Finding]:
    """References from one evaluation to the strategy: actions, statuses, indicators, years."""
    findings: list[Finding] = []
    if evaluation.year not in strategy.period:
        findings.append(
            (
                "year",
                f"{evaluation.year} is outside the strategy's period {strategy.period}",
            )
        )
    actions = {action.id: (axis, action) for axis, action in strategy.actions()}
    statuses = [level.id for level in strategy.scale]
    findings += _duplicates(
        ((f"assessments[{i}].action", a.action) for i, a in enumerate(evaluation.assessments)),
        "assessment of action",
    )
    for i, assessment in enumerate(evaluation.assessments):
        path = f"assessments[{i}]"
        if assessment.action not in actions:
            findings.append(
                (
                    f"{path}.action",
                    f"unknown action {assessment.action!r} (expected an action id of the strategy)",
                )
            )
            continue
        if assessment.status is not None and assessment.status not in statuses:
            findings.append(
                (
                    f"{path}.status",
                    f"{assessment.status!r} is not a status of the scale "
                    f"(expected one of: {', '.join(statuses)}; omit it to leave the action unassessed)",
                )
            )
        indicators = [ind.id for ind in actions[assessment.action][1].indicators]
        for k, measurement in enumerate(assessment.measurements):
            if measurement.indicator not in indicators:
                expected = ", ".join(indicators) or "none are defined"
                findings.append(
                    (
                        f"{path}.measurements[{k}].indicator",
                        f"unknown indicator {measurement.indicator!r} for action "
                        f"{assessment.action!r} (its indicators: {expected})",
                    )
                )
        findings += _duplicates(
            (
                (f"{path}.measurements[{k}].indicator", m.indicator)
                for k, m in enumerate(assessment.measurements)
            ),
            "measurement of indicator",
        )
        for k, activity in enumerate(assessment.activities):
            if activity.date and activity.end and activity.end < activity.date:
                findings.append((f"{path}.activities[{k}].end", "the end is before the date"))
    axes = {axis.id for axis in strategy.axes}
    tags = {tag for _, action in strategy.actions() for tag in action.tags}
    for i, rule in enumerate(evaluation.exclusions):
        for kind, names, known in (
            ("action", rule.actions, actions),
            ("axis", rule.axes, axes),
            ("tag", rule.tags, tags),
        ):
            field = {"action": "actions", "axis": "axes", "tag": "tags"}[kind]
            for k, name in enumerate(names):
                if name not in known:
                    what = "no action has that tag" if kind == "tag" else f"no such {kind} id"
                    findings.append(
                        (f"exclusions[{i}].{field}[{k}]", f"unknown {kind} {name!r} ({what})")
                    )
    return findings
