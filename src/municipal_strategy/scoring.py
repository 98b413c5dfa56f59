"""Scores of an evaluation: pure functions over the model, no I/O.

The one roll-up rule (`ROLLUP`, computed by `rollup`): the rate of any node, and of the
whole strategy, is the weighted mean of the scores of the counted actions below it,

    rate = Σ wᵢ·sᵢ / Σ wᵢ

over the counted (not excluded) actions i that have a score sᵢ: the weight of their status
on the scale, or their progress when the strategy is scored by progress. wᵢ is the action's
weight times the weights of the groups between it and the node; with every weight 1 (the
default) the rate is the share of the work done, 14 of 25 actions in the shipped example.
A group given a progress of its own stands for the actions below it, as one term whose
weight is the sum of theirs. Excluded and unassessed actions never enter: an unassessed
action is a state of its own, listed, never scored as zero. It is not a mean of the
children's rates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping

import attrs

from .budget import BudgetResult, budget
from .model import (
    UNASSESSED,
    Action,
    Assessment,
    Evaluation,
    ExclusionRule,
    Indicator,
    Measurement,
    Node,
    StatusLevel,
    Strategy,
)
from .values import FrozenMap

#: The roll-up rule in one sentence, for documentation and reports that state it.
ROLLUP = (
    "rate = Σ wᵢ·sᵢ / Σ wᵢ over the counted actions i that have a score sᵢ (the weight of "
    "their status, or their progress); wᵢ is the action's weight times the weights of the "
    "groups above it; excluded and unassessed actions never enter"
)


@attrs.frozen
class ActionResult:
    """One action's standing in the evaluated year."""

    action: Action
    #: The nodes above the action, its axis first.
    path: tuple[Node, ...]
    assessment: Assessment | None
    level: StatusLevel | None
    exclusion: ExclusionRule | None
    #: What enters the rate: the status's weight, or the progress; None when nothing does.
    score: float | None
    #: Whether the action has what its strategy is scored by (a status, or a progress).
    assessed: bool
    #: The action's weight times the weights of every node above it.
    plan_weight: float
    #: Its planned end has passed by the end of the year and it is not done.
    late: bool

    @property
    def axis(self) -> Node:
        return self.path[0]

    @property
    def excluded(self) -> bool:
        return self.exclusion is not None

    @property
    def status(self) -> str:
        return self.level.id if self.level is not None else UNASSESSED

    @property
    def weight(self) -> float | None:
        """The status's weight on the scale (not the action's own `plan_weight`)."""
        return self.level.weight if self.level is not None else None

    @property
    def progress(self) -> float | None:
        return self.assessment.progress if self.assessment is not None else None


class _Grouped:
    """What a group of action results (a node, a whole evaluation) offers."""

    actions: tuple[ActionResult, ...]

    @property
    def counted(self) -> tuple[ActionResult, ...]:
        return tuple(r for r in self.actions if not r.excluded)

    @property
    def excluded(self) -> tuple[ActionResult, ...]:
        return tuple(r for r in self.actions if r.excluded)

    @property
    def assessed(self) -> tuple[ActionResult, ...]:
        """Counted actions with what the strategy is scored by this year."""
        return tuple(r for r in self.counted if r.assessed)

    @property
    def unassessed(self) -> tuple[ActionResult, ...]:
        """Counted actions left without a status (or progress) this year."""
        return tuple(r for r in self.counted if not r.assessed)

    @property
    def late(self) -> tuple[ActionResult, ...]:
        """Counted actions past their planned end and not done."""
        return tuple(r for r in self.counted if r.late)


@attrs.frozen
class IndicatorResult:
    """An indicator's measured value in the year against its target."""

    action: Action
    indicator: Indicator
    measurement: Measurement | None
    target: float | None
    achievement: float | None


@attrs.frozen
class NodeResult(_Grouped):
    """A node's rate over the counted actions below it; None when none has a score."""

    node: Node
    #: The nodes above this one, its axis first (empty for an axis).
    path: tuple[Node, ...]
    #: Every action below the node, in order.
    actions: tuple[ActionResult, ...]
    children: tuple[NodeResult, ...]
    rate: float | None
    #: The node's own progress (an assessment of the group), standing for its actions.
    progress: float | None
    budget: BudgetResult | None

    @property
    def axis(self) -> Node:
        """The node (the name this class had when every node was an axis)."""
        return self.node

    @property
    def depth(self) -> int:
        return len(self.path)

    def walk(self) -> Iterator[NodeResult]:
        """This node and every group below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


#: The results of the top-level nodes.
AxisResult = NodeResult


@attrs.frozen
class EvaluationResult(_Grouped):
    """Everything computed for one year: the input the exporters render."""

    strategy: Strategy
    evaluation: Evaluation
    actions: tuple[ActionResult, ...]
    axes: tuple[NodeResult, ...]
    #: The headline: the roll-up over every counted action (`ROLLUP`).
    rate: float | None
    #: The same over every assessed action, excluded ones included; None when no
    #: excluded action was assessed (the exclusion then changes nothing).
    rate_with_excluded: float | None
    #: Counted actions per status of the scale, in scale order, then ``unassessed``.
    status_counts: Mapping[str, int]
    indicators: tuple[IndicatorResult, ...]
    #: Budget execution over the counted actions that have a planned budget.
    budget: BudgetResult | None
    #: The evaluation of the latest earlier year, when the configuration has one (its own
    #: `previous` is not computed): what "since last year" compares with.
    previous: EvaluationResult | None = None

    @property
    def year(self) -> int:
        return self.evaluation.year

    @property
    def exclusion_rules(self) -> tuple[ExclusionRule, ...]:
        """The rules in the order they are tried: the year's own, then the standing ones."""
        return self.evaluation.exclusions + self.strategy.exclusions

    def nodes(self) -> Iterator[NodeResult]:
        """Every node result, depth first."""
        for axis in self.axes:
            yield from axis.walk()

    def exclusion_groups(self) -> list[tuple[ExclusionRule, tuple[ActionResult, ...]]]:
        """Each exclusion rule with the actions it took out of the rate, if any."""
        groups = [
            (rule, tuple(r for r in self.excluded if r.exclusion is rule))
            for rule in self.exclusion_rules
        ]
        return [(rule, selected) for rule, selected in groups if selected]


def rollup(terms: Iterable[tuple[float, float]]) -> float | None:
    """Σ w·s / Σ w over (w, s) terms; None when there are none or every w is zero."""
    terms = list(terms)
    total = math.fsum(w for w, _ in terms)
    if not terms or total <= 0:
        return None
    return min(1.0, max(0.0, math.fsum(w * s for w, s in terms) / total))


def implementation_rate(results: Iterable[ActionResult]) -> float | None:
    """The roll-up over flat results, each weighted by its `plan_weight`."""
    return rollup(
        (r.plan_weight, r.score) for r in results if not r.excluded and r.score is not None
    )


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


def _exclusion(
    rules: Iterable[ExclusionRule], action: Action, path: tuple[Node, ...]
) -> ExclusionRule | None:
    """The first rule that selects the action: the year's rules come before the standing."""
    return next((rule for rule in rules if rule.selects(action, path)), None)


class _Scorer:
    """Builds the results of one evaluation: one pass over the tree."""

    def __init__(self, strategy: Strategy, evaluation: Evaluation) -> None:
        self.strategy = strategy
        self.evaluation = evaluation
        self.assessments = {a.action: a for a in evaluation.assessments}
        self.rules = evaluation.exclusions + strategy.exclusions

    def action(self, action: Action, path: tuple[Node, ...]) -> ActionResult:
        assessment = self.assessments.get(action.id)
        status = assessment.status if assessment else None
        level = self.strategy.level(status) if status else None
        progress: float | None = assessment.progress if assessment else None
        score: float | None
        if self.strategy.scoring == "progress":
            score, assessed = progress, progress is not None
        else:
            score = level.weight if level is not None and level.scored else None
            assessed = level is not None
        done = (level is not None and level.full) or (progress is not None and progress >= 1)
        end = action.end
        return ActionResult(
            action=action,
            path=path,
            assessment=assessment,
            level=level,
            exclusion=_exclusion(self.rules, action, path),
            score=score,
            assessed=assessed,
            plan_weight=math.prod(node.weight for node in path) * action.weight,
            late=end is not None and end.year <= self.evaluation.year and not done,
        )

    def node(self, node: Node, path: tuple[Node, ...]) -> NodeResult:
        below = (*path, node)
        own = [self.action(action, below) for action in node.actions]
        children = tuple(self.node(group, below) for group in node.groups)
        actions = tuple(own) + tuple(r for child in children for r in child.actions)
        assessment = self.assessments.get(node.id)
        progress = assessment.progress if assessment else None
        result = NodeResult(
            node=node,
            path=path,
            actions=actions,
            children=children,
            rate=None,
            progress=progress,
            budget=budget(actions, self.strategy.currency),
        )
        return attrs.evolve(result, rate=rollup(self.terms(result, counted_only=True)))

    def terms(self, node: NodeResult, *, counted_only: bool) -> list[tuple[float, float]]:
        """(weight, score) terms of a node's roll-up, weights relative to the node."""
        if self.strategy.scoring == "progress" and node.progress is not None:
            weights = self.relative_weights(node, counted_only=counted_only)
            return [(math.fsum(weights), node.progress)] if weights else []
        terms = [
            (r.action.weight, r.score)
            for r in node.actions[: len(node.node.actions)]
            if r.score is not None and not (counted_only and r.excluded)
        ]
        for child in node.children:
            terms += [
                (child.node.weight * w, s) for w, s in self.terms(child, counted_only=counted_only)
            ]
        return terms

    def relative_weights(self, node: NodeResult, *, counted_only: bool) -> list[float]:
        """The weights, relative to the node, of the (counted) actions below it."""
        weights = [
            r.action.weight
            for r in node.actions[: len(node.node.actions)]
            if not (counted_only and r.excluded)
        ]
        for child in node.children:
            weights += [
                child.node.weight * w
                for w in self.relative_weights(child, counted_only=counted_only)
            ]
        return weights

    def indicators(self, actions: Iterable[ActionResult]) -> Iterator[IndicatorResult]:
        for result in actions:
            assessment = result.assessment
            measured = {m.indicator: m for m in assessment.measurements} if assessment else {}
            for indicator in result.action.indicators:
                measurement = measured.get(indicator.id)
                target = indicator.target_for(self.evaluation.year)
                yield IndicatorResult(
                    action=result.action,
                    indicator=indicator,
                    measurement=measurement,
                    target=target,
                    achievement=(
                        achievement(indicator, measurement.value, target) if measurement else None
                    ),
                )


def _check(strategy: Strategy, evaluation: Evaluation) -> None:
    from .checks import check_evaluation, check_strategy, is_sound
    from .errors import ConfigError, Problem

    if is_sound(strategy):  # loaded: checked already
        return
    findings = check_strategy(strategy) + check_evaluation(strategy, evaluation)
    if findings:
        raise ConfigError([Problem(None, place, message) for place, message in findings])


def evaluate(
    strategy: Strategy, year: int | None = None, *, previous: bool = True
) -> EvaluationResult:
    """Score the evaluation of `year` (or the only one) of a strategy, with the latest
    earlier year's result as its `previous` (unless `previous` is false).

    A strategy built in code is checked as a loaded one is (`municipal_strategy.checks`):
    a status not in the scale, an unknown action, a duplicate id raise `ConfigError`
    rather than scoring a typo as unassessed."""
    evaluation = strategy.evaluation(year)
    _check(strategy, evaluation)
    earlier = [y for y in strategy.years if y < evaluation.year]
    before = evaluate(strategy, earlier[-1], previous=False) if previous and earlier else None
    scorer = _Scorer(strategy, evaluation)
    axes = tuple(scorer.node(axis, ()) for axis in strategy.axes)
    actions = tuple(r for axis in axes for r in axis.actions)

    def overall(counted_only: bool) -> float | None:
        return rollup(
            (axis.node.weight * w, s)
            for axis in axes
            for w, s in scorer.terms(axis, counted_only=counted_only)
        )

    excluded_assessed = any(r.excluded and r.score is not None for r in actions)
    return EvaluationResult(
        strategy=strategy,
        evaluation=evaluation,
        actions=actions,
        axes=axes,
        rate=overall(True),
        rate_with_excluded=overall(False) if excluded_assessed else None,
        status_counts=FrozenMap(status_counts(actions, strategy.scale)),
        indicators=tuple(scorer.indicators(actions)),
        budget=budget(actions, strategy.currency),
        previous=before,
    )
