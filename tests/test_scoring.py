from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from municipal_strategy import (
    Action,
    Assessment,
    Axis,
    Evaluation,
    EvaluationError,
    ExclusionRule,
    Indicator,
    Period,
    Strategy,
    Text,
    evaluate,
)
from municipal_strategy.model import UNASSESSED
from municipal_strategy.scoring import achievement

EXAMPLE = Path(__file__).parent.parent / "examples" / "aitmelloul_2022"


def make(statuses: dict[str, str | None], exclusions: tuple[ExclusionRule, ...] = ()) -> Strategy:
    """Two axes: a1, a2 in `one`; b1, b2 in `two`. A None status means assessed without one."""

    def action(aid: str, n: int) -> Action:
        return Action(
            id=aid, code=str(n), title=Text.plain(aid), tags=("t",) if aid == "b2" else ()
        )

    axes = (
        Axis(
            id="one", code="1", title=Text.plain("One"), actions=(action("a1", 1), action("a2", 2))
        ),
        Axis(
            id="two", code="2", title=Text.plain("Two"), actions=(action("b1", 3), action("b2", 4))
        ),
    )
    evaluation = Evaluation(
        year=2022,
        assessments=tuple(Assessment(action=a, status=s) for a, s in statuses.items()),
        exclusions=exclusions,
    )
    return Strategy(
        commune=Text.plain("C"),
        title=Text.plain("S"),
        period=Period(2021, 2027),
        axes=axes,
        evaluations=(evaluation,),
    )


def test_rate_is_the_mean_weight_of_counted_assessed_actions() -> None:
    result = evaluate(
        make({"a1": "complete", "a2": "limited", "b1": "substantial", "b2": "not_started"})
    )
    assert result.rate == pytest.approx((1 + 0.25 + 0.75 + 0) / 4)
    assert [axis.rate for axis in result.axes] == [pytest.approx(0.625), pytest.approx(0.375)]


def test_unassessed_actions_are_left_out_of_the_rate_not_scored_zero() -> None:
    result = evaluate(make({"a1": "complete", "a2": None}))
    assert result.rate == 1.0
    assert [r.action.id for r in result.unassessed] == ["a2", "b1", "b2"]
    assert result.status_counts[UNASSESSED] == 3
    assert result.axes[1].rate is None  # nothing assessed: no rate, not 0


def test_exclusions_remove_actions_from_the_rate_but_keep_them_listed() -> None:
    rule = ExclusionRule(reason=Text.plain("own plan"), axes=("two",))
    result = evaluate(make({"a1": "complete", "a2": "not_started", "b1": "complete"}, (rule,)))
    assert result.rate == 0.5
    assert [r.action.id for r in result.excluded] == ["b1", "b2"]
    assert all(r.exclusion is rule for r in result.excluded)
    assert result.axes[1].rate is None
    assert result.axes[1].counted == ()
    assert len(result.actions) == 4  # excluded actions are still in the report
    # b1 was assessed: the rate over every assessed action shows what the exclusion changes
    assert result.rate_with_excluded == pytest.approx(2 / 3)


def test_rate_with_excluded_is_absent_when_no_excluded_action_was_assessed() -> None:
    rule = ExclusionRule(reason=Text.plain("own plan"), tags=("t",))
    result = evaluate(make({"a1": "complete"}, (rule,)))
    assert [r.action.id for r in result.excluded] == ["b2"]
    assert result.rate_with_excluded is None


def test_status_counts_cover_counted_actions_in_scale_order() -> None:
    rule = ExclusionRule(reason=Text.plain("x"), actions=("b2",))
    result = evaluate(make({"a1": "complete", "a2": "complete", "b2": "complete"}, (rule,)))
    assert list(result.status_counts) == [
        "not_started",
        "limited",
        "substantial",
        "complete",
        "suspended",
        UNASSESSED,
    ]
    assert result.status_counts["complete"] == 2
    assert result.status_counts[UNASSESSED] == 1
    assert sum(result.status_counts.values()) == len(result.counted) == 3


def test_no_assessment_at_all_gives_no_rate() -> None:
    assert evaluate(make({})).rate is None


def test_year_must_exist_and_is_optional_only_with_one_evaluation() -> None:
    strategy = make({"a1": "complete"})
    assert evaluate(strategy, 2022).year == 2022
    with pytest.raises(EvaluationError, match="no evaluation for 2023"):
        evaluate(strategy, 2023)
    two = attrs.evolve(strategy, evaluations=(*strategy.evaluations, Evaluation(year=2023)))
    with pytest.raises(EvaluationError, match="choose a year"):
        evaluate(two)


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "value", "expected"),
    [
        ("increase", None, 10, 5, 0.5),
        ("increase", 100, 300, 250, 0.75),
        ("increase", 100, 300, 400, 1.0),
        ("increase", 100, 300, 50, 0.0),
        ("decrease", 10, 5, 7, 0.6),
        ("decrease", 10, 5, 4, 1.0),
        ("decrease", None, 5, 4, 1.0),
        ("decrease", None, 5, 6, 0.0),
        ("increase", None, None, 6, None),
        ("increase", 5, 5, 6, None),
    ],
)
def test_indicator_achievement_respects_direction(
    direction: str,
    baseline: float | None,
    target: float | None,
    value: float,
    expected: float | None,
) -> None:
    indicator = Indicator(
        id="i",
        name=Text.plain("i"),
        direction=direction,  # type: ignore[arg-type]
        baseline=baseline,
    )
    assert achievement(indicator, value, target) == (
        pytest.approx(expected) if expected is not None else None
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (338558.0, "338558"),
        (0.5, "0.5"),
        (1234567.5, "1234567.5"),
        (0.123456789, "0.123456789"),
        (None, ""),
    ],
)
def test_numbers_are_shown_without_rounding(value: float | None, shown: str) -> None:
    from municipal_strategy.report import number

    assert number(value) == shown


def test_a_strategy_built_in_code_is_checked_as_a_loaded_one() -> None:
    from municipal_strategy import ConfigError

    strategy = make({"a1": "complet"})  # a typo of a status
    with pytest.raises(ConfigError, match=r"assessments\[0\]\.status: 'complet' is not a status"):
        evaluate(strategy)


def test_a_loaded_strategy_changed_in_code_is_checked_again() -> None:
    """The loader's checks are not repeated by `evaluate` for the strategy it returned,
    but a strategy made from it is a new one, and is checked."""
    from municipal_strategy import ConfigError, load

    loaded = load(EXAMPLE)
    assert evaluate(loaded).rate == pytest.approx(0.56)
    evaluation = loaded.evaluations[0]
    first = attrs.evolve(evaluation.assessments[0], status="complet")
    changed = attrs.evolve(
        loaded,
        evaluations=(attrs.evolve(evaluation, assessments=(first, *evaluation.assessments[1:])),),
    )
    with pytest.raises(ConfigError, match=r"assessments\[0\]\.status: 'complet' is not a status"):
        evaluate(changed)


def test_an_indicator_without_a_baseline_is_measured_from_zero_or_all_or_nothing() -> None:
    """The rule, as docs/configuration.md states it: without a baseline, an increase is
    measured from 0; a decrease cannot be (there is nothing below 0 to go down from), so
    it is met or not: 1 at or below the target, else 0."""
    up = Indicator(id="i", name=Text.plain("up"), target=10)
    down = Indicator(id="d", name=Text.plain("down"), direction="decrease", target=10)
    assert achievement(up, 5, 10) == 0.5
    assert achievement(down, 12, 10) == 0.0
    assert achievement(down, 10, 10) == 1.0
    assert achievement(down, 3, 10) == 1.0
