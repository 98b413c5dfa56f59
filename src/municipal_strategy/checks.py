"""Cross-checks that no single field can make: ids, codes, references, weights, years,
currencies, labels and the scale.

Each check returns ``(path, message)`` pairs; the path is relative to the document checked
(the strategy, or one evaluation), and the loader adds the file.
"""

from __future__ import annotations

import string
import weakref
from collections.abc import Iterable, Iterator, Sequence

from .i18n import catalogue_keys, placeholders
from .model import UNASSESSED, Action, Evaluation, ExclusionRule, Node, Strategy

Finding = tuple[str, str]
Items = Sequence[tuple[str, "Node | Action"]]


#: The strategies whose every check passed, by identity (a strategy never changes): the
#: loader marks what it returns, so that `evaluate` does not check a loaded strategy again.
_SOUND: dict[int, weakref.ref[Strategy]] = {}


def mark_sound(strategy: Strategy) -> None:
    """Note that `strategy` and each of its evaluations passed every check."""
    key = id(strategy)
    _SOUND[key] = weakref.ref(strategy, lambda _: _SOUND.pop(key, None))


def is_sound(strategy: Strategy) -> bool:
    """Whether `mark_sound` was given this very strategy."""
    ref = _SOUND.get(id(strategy))
    return ref is not None and ref() is strategy


def _duplicates(items: Iterable[tuple[str, object]], what: str) -> Iterator[Finding]:
    """Report every occurrence after the first of a repeated key, at its path."""
    seen: dict[object, str] = {}
    for path, key in items:
        if key in seen:
            yield path, f"duplicate {what} {key!r} (first at {seen[key]})"
        else:
            seen[key] = path


def tree(strategy: Strategy) -> Iterator[tuple[str, Node | Action]]:
    """Every node and action of the strategy with its field path, depth first."""

    def below(node: Node, path: str) -> Iterator[tuple[str, Node | Action]]:
        yield path, node
        for j, action in enumerate(node.actions):
            yield f"{path}.actions[{j}]", action
        for j, group in enumerate(node.groups):
            yield from below(group, f"{path}.groups[{j}]")

    for i, axis in enumerate(strategy.axes):
        yield from below(axis, f"axes[{i}]")


def actions_of(strategy: Strategy) -> Iterator[Action]:
    """Every action, without the paths `tree` builds."""
    return (action for _, action in strategy.walk())


def _siblings(
    path: str, weights: Sequence[float], codes: Iterable[tuple[str, str]]
) -> list[Finding]:
    """Codes unique among one node's children; their weights not all zero."""
    findings = list(_duplicates(codes, "code among siblings"))
    if weights and not any(weights):
        findings.append(
            (path, "every item below has weight 0, so no rate can be computed (give one a weight)")
        )
    return findings


def _codes_and_weights(strategy: Strategy, items: Items) -> list[Finding]:
    top = [(f"axes[{i}].code", axis.code) for i, axis in enumerate(strategy.axes)]
    findings = _siblings("axes", [a.weight for a in strategy.axes], top)
    for path, item in items:
        if isinstance(item, Node):
            children: list[tuple[str, Node | Action]] = [
                (f"{path}.actions[{j}]", a) for j, a in enumerate(item.actions)
            ]
            children += [(f"{path}.groups[{j}]", g) for j, g in enumerate(item.groups)]
            findings += _siblings(
                path, [c.weight for _, c in children], ((f"{p}.code", c.code) for p, c in children)
            )
    return findings


def _plan(strategy: Strategy, items: Items) -> list[Finding]:
    """Per action: indicators, schedule and budget currency."""
    findings: list[Finding] = []
    currencies: dict[str, str] = {}
    for path, item in items:
        if not isinstance(item, Action):
            continue
        findings += _duplicates(
            ((f"{path}.indicators[{k}].id", ind.id) for k, ind in enumerate(item.indicators)),
            f"indicator id in action {item.id!r}:",
        )
        for k, indicator in enumerate(item.indicators):
            findings += [
                (
                    f"{path}.indicators[{k}].targets",
                    f"target year {year} is outside the strategy's period {strategy.period}",
                )
                for year in indicator.targets
                if year not in strategy.period
            ]
        if item.start and item.end and item.end.last_day() < item.start.first_day():
            findings.append(
                (f"{path}.end", f"the planned end ({item.end}) is before the start ({item.start})")
            )
        if item.budget is not None:
            currency = item.budget.currency or strategy.currency
            if currency is None:
                findings.append(
                    (
                        f"{path}.budget.currency",
                        "no currency: give one here or a top-level currency (e.g. MAD)",
                    )
                )
            elif currencies and currency not in currencies:
                first, where = next(iter(currencies.items()))
                findings.append(
                    (
                        f"{path}.budget.currency",
                        f"{currency} differs from {first} (at {where}): budgets roll up in one currency",
                    )
                )
            else:
                currencies.setdefault(currency, f"{path}.budget")
    return findings


def _labels(strategy: Strategy) -> list[Finding]:
    findings: list[Finding] = []
    keys = catalogue_keys()
    formatter = string.Formatter()
    for key, text in strategy.labels.items():
        if key not in keys:
            findings.append(
                (
                    f"labels.{key}",
                    f"unknown label {key!r} (the labels are listed in configuration.md)",
                )
            )
            continue
        allowed = placeholders(key)
        for lang, value in text.values.items():
            try:
                used = {name for _, name, _, _ in formatter.parse(value) if name is not None}
            except ValueError as exc:
                findings.append(
                    (f"labels.{key}.{lang}".rstrip("."), f"not a label template: {exc}")
                )
                continue
            unknown = sorted(used - allowed)
            if unknown:
                expected = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
                findings.append(
                    (
                        f"labels.{key}.{lang}".rstrip("."),
                        f"unknown placeholder {{{unknown[0]}}} (this label takes: {expected})",
                    )
                )
    return findings


def _levels(strategy: Strategy) -> list[Finding]:
    if strategy.levels and len(strategy.levels) != strategy.depth:
        return [
            (
                "levels",
                f"{len(strategy.levels)} level names for a tree of {strategy.depth} levels "
                "(one name per level, from the axes down to the actions)",
            )
        ]
    return []


def _matrix(strategy: Strategy) -> list[Finding]:
    from .matrix import COLUMNS

    known = ", ".join(COLUMNS)
    findings = [
        (f"matrix[{i}]", f"unknown matrix column {key!r} (expected one of: {known})")
        for i, key in enumerate(strategy.matrix)
        if key not in COLUMNS
    ]
    return findings + list(
        _duplicates(((f"matrix[{i}]", key) for i, key in enumerate(strategy.matrix)), "column")
    )


def _scale(strategy: Strategy) -> list[Finding]:
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
    return findings


def check_strategy(strategy: Strategy) -> list[Finding]:
    """The plan on its own: the scale, ids, codes, weights, schedules, budgets, labels,
    level names, standing exclusions."""
    items = list(tree(strategy))
    findings = _scale(strategy)
    seen: dict[str, str] = {}
    for path, item in items:
        kind = "action" if isinstance(item, Action) else "axis" if path.count(".") == 0 else "group"
        if item.id in seen:
            findings.append(
                (f"{path}.id", f"duplicate {kind} id {item.id!r} (first at {seen[item.id]}.id)")
            )
        else:
            seen[item.id] = path
    findings += _codes_and_weights(strategy, items)
    findings += _plan(strategy, items)
    findings += _labels(strategy)
    findings += _levels(strategy)
    findings += _matrix(strategy)
    findings += _exclusions(strategy, strategy.exclusions)
    return findings


def _exclusions(strategy: Strategy, rules: Sequence[ExclusionRule]) -> list[Finding]:
    """References of exclusion rules: actions, nodes (axes), tags."""
    actions = {action.id for action in actions_of(strategy)}
    nodes = {node.id for node in strategy.nodes()}
    axes = {axis.id for axis in strategy.axes}
    tags = {tag for node in strategy.nodes() for tag in node.tags}
    tags.update(tag for action in actions_of(strategy) for tag in action.tags)
    findings: list[Finding] = []
    for i, rule in enumerate(rules):
        for field, names, known, what in (
            ("actions", rule.actions, actions, "unknown action {!r} (no such action id)"),
            ("nodes", rule.nodes, nodes, "unknown node {!r} (no axis or group has that id)"),
            ("axes", rule.axes, axes, "unknown axis {!r} (no such axis id)"),
            ("tags", rule.tags, tags, "unknown tag {!r} (no action or group has that tag)"),
        ):
            findings += [
                (f"exclusions[{i}].{field}[{k}]", what.format(name))
                for k, name in enumerate(names)
                if name not in known
            ]
    return findings


def check_evaluation(strategy: Strategy, evaluation: Evaluation) -> list[Finding]:
    """References from one evaluation to the strategy: actions, statuses, indicators, years."""
    findings: list[Finding] = []
    if evaluation.year not in strategy.period:
        findings.append(
            ("year", f"{evaluation.year} is outside the strategy's period {strategy.period}")
        )
    items: dict[str, Node | Action] = {node.id: node for node in strategy.nodes()}
    items.update((action.id, action) for action in actions_of(strategy))
    statuses = [level.id for level in strategy.scale]
    findings += _duplicates(
        ((f"assessments[{i}].action", a.action) for i, a in enumerate(evaluation.assessments)),
        "assessment of action",
    )
    for i, assessment in enumerate(evaluation.assessments):
        path = f"assessments[{i}]"
        item = items.get(assessment.action)
        if item is None:
            findings.append(
                (
                    f"{path}.action",
                    f"unknown action {assessment.action!r} (expected an action id of the strategy)",
                )
            )
            continue
        if isinstance(item, Node):
            for key in ("status", "committed", "spent", "measurements"):
                if getattr(assessment, key):
                    findings.append(
                        (
                            f"{path}.{key}",
                            f"{assessment.action!r} is a group: it takes a progress of its own "
                            f"and texts, and no {key} (give those to its actions)",
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
        indicators = [ind.id for ind in item.indicators]
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
            if (
                activity.date
                and activity.end
                and activity.end.last_day() < activity.date.first_day()
            ):
                findings.append(
                    (
                        f"{path}.activities[{k}].end",
                        f"the end ({activity.end}) is before the date ({activity.date})",
                    )
                )
    findings += _exclusions(strategy, evaluation.exclusions)
    return findings
