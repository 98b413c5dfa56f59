"""Scores of an evaluation: pure functions over the model, no I/O.

The implementation rate of a year is the mean of the status weights over the counted
(non-excluded) actions that were assessed. An unassessed action is a state of its own:
it is listed, never scored as zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import attrs

from .model import (
    UNASSESSED,
    Action,
    Assessment,
    Axis,
    Evaluation,
    ExclusionRule,
    Indicator,
    Measurement,
    StatusLevel,
    Strategy,
)


@attrs.frozen
class ActionResult:
    """One action's standing in the evaluated year."""

    axis: Axis
    action: Action
    assessment: Assessment | None
    level: StatusLevel | None
    exclusion: ExclusionRule | None

    @property
    def assessed(self) -> bool:
        return self.level is not None

    @property
    def excluded(self) -> bool:
        return self.exclusion is not None

    @property
    def status(self) -> str:
        return self.level.id if self.level is not None else UNASSESSED

    @property
    def weight(self) -> float | None:
        return self.level.weight if self.level is not None else None


class _Grouped:
    """What a group of action results (an axis, a whole evaluation) offers."""

    actions: tuple[ActionResult, ...]

    @property
    def counted(self) -> tuple[ActionResult, ...]:
        return tuple(r for r in self.actions if not r.excluded)

    @property
    def excluded(self) -> tuple[ActionResult, ...]:
        return tuple(r for r in self.actions if r.excluded)


@attrs.frozen
class IndicatorResult:
    """An indicator's measured value in the year against its target."""

    action: Action
    indicator: Indicator
    measurement: Measurement | None
    target: float | None
    achievement: float | None


@attrs.frozen
class AxisResult(_Grouped):
    """An axis's rate over its counted, assessed actions; None when it has none."""

    axis: Axis
    actions: tuple[ActionResult, ...]
    rate: float | None


@attrs.frozen
class EvaluationResult(_Grouped):
    """Everything computed for one year: the input the exporters render."""

    strategy: Strategy
    evaluation: Evaluation
    actions: tuple[ActionResult, ...]
    axes: tuple[AxisResult, ...]
    #: The headline: mean weight over the counted actions that were assessed.
    rate: float | None
    #: The same over every assessed action, excluded ones included; None when no
    #: excluded action was assessed (the exclusion then changes nothing).
    rate_with_excluded: float | None
    #: Counted actions per status of the scale, in scale order, then ``unassessed``.
    status_counts: Mapping[str, int]
    indicators: tuple[IndicatorResult, ...]

    @property
    def year(self) -> int:
        return self.evaluation.year

    def exclusion_groups(self) -> list[tuple[ExclusionRule, tuple[ActionResult, ...]]]:
        """Each exclusion rule with the actions it took out of the rate, if any."""
        groups = [
            (rule, tuple(r for r in self.excluded if r.exclusion is rule))
            for rule in self.evaluation.exclusions
        ]
        return [(rule, selected) for rule, selected in groups if selected]

    @property
    def assessed(self) -> tuple[ActionResult, ...]:
        """Counted actions with a status this year: those the rate is the mean of."""
        return tuple(r for r in self.counted if r.assessed)

    @property
    def unassessed(self) -> tuple[ActionResult, ...]:
        """Counted actions left without a status this year."""
        return tuple(r for r in self.counted if not r.assessed)


def implementation_rate(results: Iterable[ActionResult]) -> float | None:
    """Mean status weight of the assessed, non-excluded results; None if there are none."""
    weights = [r.weight for r in results if not r.excluded and r.weight is not None]
    return math.fsum(weights) / len(weights) if weights else None


def status_counts(results: Iterable[ActionResult], scale: Iterable[StatusLevel]) -> dict[str, int]:
    """How many non-excluded results have each status, every level listed, then unassessed."""
    counts = dict.fromkeys([level.id for level in scale] + [UNASSESSED], 0)
    for result in results:
        if not result.excluded:
            counts[result.status] += 1
    return counts


def achievement(indicator: Indicator, value: float, target: float | None) -> float | None:
    """How far `value` goes from the baseline (else zero) to `target`, within [0, 1].

    For a ``decrease`` indicator, lower is better. None when there is no target, or the
    target does not differ from the baseline.
    """
    if target is None:
        return None
    start = indicator.baseline if indicator.baseline is not None else 0.0
    span = target - start
    if indicator.direction == "decrease":
        span, gained = -span, start - value
    else:
        gained = value - start
    if span <= 0:
        if indicator.baseline is None and indicator.direction == "decrease":
            return 1.0 if value <= target else 0.0
        return None
    return min(1.0, max(0.0, gained / span))


def _exclusion(rules: Iterable[ExclusionRule], action: Action, axis: Axis) -> ExclusionRule | None:
    return next((rule for rule in rules if rule.selects(action, axis)), None)


def evaluate(strategy: Strategy, year: int | None = None) -> EvaluationResult:
    """Score the evaluation of `year` (or the only one) of a loaded strategy."""
    evaluation = strategy.evaluation(year)
    assessments = {a.action: a for a in evaluation.assessments}
    actions: list[ActionResult] = []
    indicators: list[IndicatorResult] = []
    for axis, action in strategy.actions():
        assessment = assessments.get(action.id)
        status = assessment.status if assessment else None
        actions.append(
            ActionResult(
                axis=axis,
                action=action,
                assessment=assessment,
                level=strategy.level(status) if status else None,
                exclusion=_exclusion(evaluation.exclusions, action, axis),
            )
        )
        measured = {m.indicator: m for m in assessment.measurements} if assessment else {}
        for indicator in action.indicators:
            measurement = measured.get(indicator.id)
            target = indicator.target_for(evaluation.year)
            indicators.append(
                IndicatorResult(
                    action=action,
                    indicator=indicator,
                    measurement=measurement,
                    target=target,
                    achievement=(
                        achievement(indicator, measurement.value, target) if measurement else None
                    ),
                )
            )
    axes = tuple(
        AxisResult(axis=axis, actions=group, rate=implementation_rate(group))
        for axis in strategy.axes
        for group in [tuple(r for r in actions if r.axis is axis)]
    )
    excluded_assessed = [r for r in actions if r.excluded and r.assessed]
    every_assessed = [attrs.evolve(r, exclusion=None) for r in actions if r.assessed]
    return EvaluationResult(
        strategy=strategy,
        evaluation=evaluation,
        actions=tuple(actions),
        axes=axes,
        rate=implementation_rate(actions),
        rate_with_excluded=implementation_rate(every_assessed) if excluded_assessed else None,
        status_counts=status_counts(actions, strategy.scale),
        indicators=tuple(indicators),
    )
