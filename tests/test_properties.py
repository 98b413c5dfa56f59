"""Properties of scoring and loading, over hypothesis-generated strategies."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from municipal_strategy import (
    Action,
    Assessment,
    ExclusionRule,
    Progress,
    Strategy,
    Text,
    evaluate,
    from_dict,
    load,
    to_dict,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]

from municipal_strategy.testing import strategies, text_values, toml_dumps

COMPLETE = "complete"


def _contributions(strategy: Strategy) -> dict[str, tuple[float, float | None]]:
    """Each counted action's (plan weight, score)."""
    return {
        r.action.id: (r.plan_weight, r.score) for r in evaluate(strategy).actions if not r.excluded
    }


@given(strategies())
def test_rates_stay_in_the_unit_interval(strategy: Strategy) -> None:
    result = evaluate(strategy)
    rates = [result.rate, result.rate_with_excluded, *(axis.rate for axis in result.axes)]
    assert all(rate is None or 0.0 <= rate <= 1.0 for rate in rates)
    achievements = [ind.achievement for ind in result.indicators]
    assert all(a is None or 0.0 <= a <= 1.0 for a in achievements)


@given(strategies(), st.data())
def test_excluding_an_action_never_changes_the_others(
    strategy: Strategy, data: st.DataObject
) -> None:
    ids = [action.id for _, action in strategy.actions()]
    assume(ids)
    target = data.draw(st.sampled_from(ids))
    (evaluation,) = strategy.evaluations
    rule = ExclusionRule(reason=Text.plain("test"), actions=(target,))
    excluded = attrs.evolve(
        strategy, evaluations=(attrs.evolve(evaluation, exclusions=(*evaluation.exclusions, rule)),)
    )
    before, after = _contributions(strategy), _contributions(excluded)
    before.pop(target, None)
    assert after == before
    terms = [(w, s) for w, s in after.values() if s is not None]
    total = sum(w for w, _ in terms)
    expected = sum(w * s for w, s in terms) / total if total > 0 else None
    rate = evaluate(excluded).rate
    assert (rate is None) == (expected is None)
    assert rate is None or abs(rate - expected) < 1e-9  # type: ignore[operator]


@given(strategies())
def test_adding_a_completed_action_never_lowers_the_rate(strategy: Strategy) -> None:
    assume(strategy.level(COMPLETE) is not None)
    before = evaluate(strategy).rate
    axis = strategy.axes[0]
    action = Action(id="new-complete", code="new", title=Text.plain("new"))
    (evaluation,) = strategy.evaluations
    grown = attrs.evolve(
        strategy,
        axes=(attrs.evolve(axis, actions=(*axis.actions, action)), *strategy.axes[1:]),
        evaluations=(
            attrs.evolve(
                evaluation,
                assessments=(
                    *evaluation.assessments,
                    Assessment(action=action.id, status=COMPLETE, progress=Progress(1.0)),
                ),
            ),
        ),
    )
    result = evaluate(grown)
    new = next(r for r in result.actions if r.action is action)
    if new.excluded or new.plan_weight == 0:  # its axis is excluded, or weighs nothing
        assert result.rate == before
    else:
        assert result.rate is not None
        assert before is None or result.rate >= before - 1e-12


@given(strategies())
def test_unstructure_then_structure_round_trips(strategy: Strategy) -> None:
    assert from_dict(to_dict(strategy)) == strategy


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(strategies(max_axes=2, max_actions=3))
def test_load_dump_load_round_trips_through_toml(tmp_path: Path, strategy: Strategy) -> None:
    path = tmp_path / "strategy.toml"
    path.write_text(toml_dumps(to_dict(strategy)), encoding="utf-8")
    loaded = load(path)
    assert loaded == strategy
    path.write_text(toml_dumps(to_dict(loaded)), encoding="utf-8")
    assert load(path) == loaded


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=text_values(), commune=text_values())
def test_any_unicode_title_loads_and_evaluates(
    tmp_path: Path, minimal_text: str, title: str, commune: str
) -> None:
    data = to_dict(from_dict(tomllib.loads(minimal_text)))
    data["title"] = title
    data["axes"][0]["actions"][0]["title"] = {"ar": title, "zgh": commune}
    path = tmp_path / "strategy.toml"
    path.write_text(toml_dumps(data), encoding="utf-8")
    result = evaluate(load(path))
    assert result.strategy.title.get() == title
    assert result.actions[0].action.title.get("zgh") == commune
    assert result.rate is not None


@given(strategies(max_depth=3, max_years=2))
def test_every_node_rate_is_the_weighted_mean_over_its_counted_actions(strategy: Strategy) -> None:
    # The roll-up, recomputed flat for each node: Σ w·s / Σ w over the counted actions below
    # it that have a score, w the product of the weights from below the node down to the
    # action: `plan_weight` divided by the weights of the node and of the nodes above it.
    # (The generator gives no group a progress of its own.)
    for year in strategy.years:
        for node in evaluate(strategy, year).nodes():
            above = math.prod(n.weight for n in (*node.path, node.node))
            weighted = [
                (r.plan_weight / above, r.score)
                for r in node.actions
                if above > 0 and not r.excluded and r.score is not None
            ]
            total = math.fsum(w for w, _ in weighted)
            if above > 0 and total > 0:
                expected = math.fsum(w * s for w, s in weighted) / total
                assert node.rate == pytest.approx(expected, abs=1e-9)
            elif above > 0:
                assert node.rate is None


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(strategies(max_axes=2, max_actions=3, max_depth=2, max_years=3))
def test_deep_multi_year_plans_round_trip_through_toml(tmp_path: Path, strategy: Strategy) -> None:
    path = tmp_path / "strategy.toml"
    path.write_text(toml_dumps(to_dict(strategy)), encoding="utf-8")
    assert load(path) == strategy
