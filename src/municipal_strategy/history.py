"""Several years of a strategy side by side: each year's results, what changed for each
action between two years, and each indicator's values as a series beside its targets.

A change is read from what each action counts for (its score: the status's weight, or its
progress): an action scored one year and not the other is never taken as zero — it is
`newly_assessed` or `no_longer_assessed`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs

from .errors import EvaluationError
from .model import Action, Indicator, Strategy
from .scoring import ActionResult, EvaluationResult, evaluate

Change = Literal["improved", "regressed", "unchanged", "newly_assessed", "no_longer_assessed"]
#: The order a reader wants them in: what went wrong first.
CHANGES: tuple[Change, ...] = (
    "regressed",
    "no_longer_assessed",
    "improved",
    "newly_assessed",
    "unchanged",
)


@attrs.frozen
class ActionChange:
    """One action from one year to another."""

    before: ActionResult
    after: ActionResult
    change: Change

    @property
    def action(self) -> Action:
        return self.after.action


def classify(before: ActionResult, after: ActionResult) -> Change:
    """How an action moved: by its score, else by whether it has one."""
    if before.score is None and after.score is None:
        if before.assessed != after.assessed:
            return "newly_assessed" if after.assessed else "no_longer_assessed"
        return "unchanged"
    if before.score is None:
        return "newly_assessed"
    if after.score is None:
        return "no_longer_assessed"
    if after.score > before.score:
        return "improved"
    if after.score < before.score:
        return "regressed"
    return "unchanged"


@attrs.frozen
class Comparison:
    """Two years of one strategy, action by action."""

    before: EvaluationResult
    after: EvaluationResult
    changes: tuple[ActionChange, ...]

    def of(self, change: Change) -> tuple[ActionChange, ...]:
        return tuple(c for c in self.changes if c.change == change)


def compare(strategy: Strategy, before: int, after: int) -> Comparison:
    """What changed from the evaluation of `before` to that of `after`."""
    if before >= after:
        raise EvaluationError(
            f"compare an earlier year with a later one (--from {before} --to {after})"
        )
    first, second = evaluate(strategy, before, previous=False), evaluate(strategy, after)
    return Comparison(first, second, changes(first, second))


def changes(before: EvaluationResult, after: EvaluationResult) -> tuple[ActionChange, ...]:
    """Each action of `after` beside its standing in `before` (same strategy, so the same
    actions in the same order)."""
    earlier = {r.action.id: r for r in before.actions}
    return tuple(
        ActionChange(earlier[r.action.id], r, classify(earlier[r.action.id], r))
        for r in after.actions
        if r.action.id in earlier
    )


@attrs.frozen
class Point:
    """An indicator in one year: its measured value (None: not measured) and target."""

    year: int
    value: float | None
    target: float | None


@attrs.frozen
class Series:
    """An indicator over the evaluated years, with its baseline and target trajectory."""

    action: Action
    indicator: Indicator
    points: tuple[Point, ...]


def series(results: Sequence[EvaluationResult]) -> tuple[Series, ...]:
    """Every indicator's values over the years of `results` (in order)."""
    if not results:
        return ()
    found: dict[tuple[str, str], list[Point]] = {}
    for result in results:
        for ind in result.indicators:
            value = ind.measurement.value if ind.measurement else None
            point = Point(result.year, value, ind.target)
            found.setdefault((ind.action.id, ind.indicator.id), []).append(point)
    return tuple(
        Series(ind.action, ind.indicator, tuple(found[(ind.action.id, ind.indicator.id)]))
        for ind in results[-1].indicators
    )


@attrs.frozen
class History:
    """Every evaluated year of a strategy, in order."""

    strategy: Strategy
    results: tuple[EvaluationResult, ...]

    @property
    def series(self) -> tuple[Series, ...]:
        return series(self.results)


def history(strategy: Strategy) -> History:
    """The results of every evaluation of `strategy`, oldest first."""
    results: list[EvaluationResult] = []
    for year in strategy.years:
        result = evaluate(strategy, year, previous=False)
        results.append(attrs.evolve(result, previous=results[-1] if results else None))
    return History(strategy, tuple(results))
