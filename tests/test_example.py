"""The shipped Aït Melloul 2022 example reproduces the report, from the report's words."""

from __future__ import annotations

import json

import attrs
import pytest
from click.testing import CliRunner

from municipal_strategy import PartialDate, Strategy, evaluate, load
from municipal_strategy.cli import cli

from .conftest import EXAMPLE

SOURCE = EXAMPLE / "source" / "report-2022.ar.txt"


@pytest.fixture(scope="module")
def strategy() -> Strategy:
    return load(EXAMPLE)


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_evaluate_json_gives_the_reports_headline() -> None:
    result = CliRunner().invoke(cli, ["evaluate", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["implementation_rate"] == 0.56
    assert data["counted_actions"] == 25
    assert [e["id"] for e in data["excluded_actions"]] == ["a19", "a20", "a21", "a22", "a23"]
    assert all("أمازيغية" in e["reason"] for e in data["excluded_actions"])  # default: Arabic
    assert len(data["axes"]) == 5
    assert data["axes"][2]["implementation_rate"] is None  # the Amazigh axis is all excluded
    assert data["rate_with_excluded"] is None  # actions 19–23 were not assessed in 2022


def test_the_rate_comes_from_the_statuses(strategy: Strategy) -> None:
    """Change one status and the headline moves: nothing holds the figure but the data."""
    result = evaluate(strategy)
    assert result.status_counts["implemented"] == 14
    (evaluation,) = strategy.evaluations
    first_implemented = next(a for a in evaluation.assessments if a.status == "implemented")
    changed = tuple(
        attrs.evolve(a, status="in_progress") if a is first_implemented else a
        for a in evaluation.assessments
    )
    edited = attrs.evolve(strategy, evaluations=(attrs.evolve(evaluation, assessments=changed),))
    assert evaluate(edited).rate == pytest.approx(13 / 25)


def test_structure_of_the_strategy(strategy: Strategy) -> None:
    assert [(a.code, len(a.actions)) for a in strategy.axes] == [
        ("1", 7),
        ("2", 11),
        ("3", 5),
        ("4", 4),
        ("5", 3),
    ]
    assert [action.code for _, action in strategy.actions()] == [str(n) for n in range(1, 31)]
    for _, action in strategy.actions():
        assert {"ar", "fr", "en"} <= set(action.title.languages), action.id
    assert "zgh" in strategy.commune.languages
    assert strategy.period.start == 2021
    assert strategy.period.end == 2027


def test_every_status_rests_on_a_verbatim_quote_of_the_report(strategy: Strategy) -> None:
    source = _squash(SOURCE.read_text(encoding="utf-8"))
    (evaluation,) = strategy.evaluations
    assert len(evaluation.assessments) == 30
    for assessment in evaluation.assessments:
        quotes = [e.quote for e in assessment.evidence if e.quote]
        assert quotes, f"{assessment.action} has no quoted evidence"
        for quote in quotes:
            assert _squash(quote) in source, f"{assessment.action}: not in the report: {quote}"
        if assessment.status is not None:
            assert assessment.justification is not None, assessment.action


def test_the_amazigh_actions_are_unassessed_not_zero(strategy: Strategy) -> None:
    result = evaluate(strategy)
    amazigh = [r for r in result.actions if r.axis.id == "amazigh"]
    assert [r.action.code for r in amazigh] == ["19", "20", "21", "22", "23"]
    assert all(r.excluded and not r.assessed and r.weight is None for r in amazigh)


def _measurements(strategy: Strategy) -> dict[tuple[str, str], float]:
    (evaluation,) = strategy.evaluations
    return {
        (a.action, m.indicator): m.value for a in evaluation.assessments for m in a.measurements
    }


@pytest.mark.parametrize(
    ("action", "value"),
    [
        ("a01", 4),
        ("a01", 73),
        ("a01", 50),  # committee meetings; requests in all, in 2022
        ("a02", 25),
        ("a02", 15),
        ("a02", 10),
        ("a02", 39),
        ("a02", 8),
        ("a02", 3),
        ("a03", 16),
        ("a07", 10),
        ("a18", 338_558),
        ("a18", 40_000),
        ("a25", 30),
    ],
)
def test_the_reports_figures_are_measurements(
    strategy: Strategy, action: str, value: float
) -> None:
    assert value in [v for (a, _), v in _measurements(strategy).items() if a == action]


def test_targets_of_four_a_year(strategy: Strategy) -> None:
    actions = {action.id: action for _, action in strategy.actions()}
    for action_id in ("a04", "a11"):
        (indicator,) = actions[action_id].indicators
        assert indicator.target_for(2023) == 4


def _activities(strategy: Strategy, action: str):  # type: ignore[no-untyped-def]
    (evaluation,) = strategy.evaluations
    assessment = evaluation.assessment(action)
    assert assessment is not None
    return assessment.activities


@pytest.mark.parametrize(
    ("action", "date"),
    [
        ("a01", PartialDate(2022, 3, 14)),
        ("a08", PartialDate(2022, 3, 24)),
        ("a03", PartialDate(2022, 3, 4)),
        ("a03", PartialDate(2022, 10, 26)),
        ("a26", PartialDate(2022, 3, 26)),
        ("a18", PartialDate(2023, 1, 20)),
    ],
)
def test_dated_facts_are_activities(strategy: Strategy, action: str, date: PartialDate) -> None:
    assert date in [a.date for a in _activities(strategy, action)]


def test_the_two_training_tables_are_activities(strategy: Strategy) -> None:
    trainings = [a for a in _activities(strategy, "a25") if a.kind == "training"]
    assert len(trainings) == 12  # 9 staff sessions, 3 for elected members
    dated = [a for a in trainings if a.date is not None]
    assert len(dated) == 10
    ranged = next(a for a in trainings if a.date == PartialDate(2022, 5, 9))
    assert ranged.end == PartialDate(2022, 5, 13)
    slip = next(a for a in trainings if a.date == PartialDate(2022, 7))
    assert slip.note is not None
    assert "203/07/2022" in slip.note.get("en")


def test_the_example_readme_explains_adapting_it() -> None:
    text = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    assert "municipal-strategy validate" in text
    assert "evaluations/" in text
