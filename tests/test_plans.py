"""Plans shaped unlike Aït Melloul's, on the fictional configurations of tests/data:
codes, three levels, weights, standing and yearly exclusions, schedules, budgets, progress.

Every expected figure is computed by hand in the comments, from the TOML files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from municipal_strategy import EvaluationResult, evaluate, load
from municipal_strategy.cli import cli
from municipal_strategy.testing import export, plugins_with, schema_validator
from municipal_strategy.values import natural_key

DATA = Path(__file__).parent / "data"
TILILA = DATA / "tilila"


def result(year: int) -> EvaluationResult:
    return evaluate(load(TILILA), year)


def rates(res: EvaluationResult) -> dict[str, float | None]:
    return {node.node.code: node.rate for node in res.nodes()}


# Plan weights, each the product of the weights from the axis down (T1 weighs 2; t112 3;
# t212 2; every other weight is 1):
#   t111 2·1·1 = 2   t112 2·1·3 = 6   t121 2 (excluded: tag etat)   t122 2
#   t211 1           t212 2           t221 1                        n1 1
# Scale: fait 1, avance 0.5, entame 0.25, non_entame 0, suspendu 0.


def test_2024_rates_are_weighted_means_over_counted_assessed_actions() -> None:
    res = result(2024)
    # Counted and scored: t111 (2, 1), t112 (6, 0.25), t211 (1, 0.5), t212 (2, 0), n1 (1, 0);
    # t122 is unassessed, t121 and t221 are excluded.
    # Σw = 12, Σw·s = 2 + 1.5 + 0.5 = 4  →  4/12
    assert res.rate == pytest.approx(4 / 12)
    # The unweighted mean of the same scores would be 1.75/5 = 0.35: the weights matter.
    assert res.rate != pytest.approx(0.35)
    assert rates(res) == {
        # T1, relative to itself: t111 (1, 1), t112 (3, 0.25) → 1.75/4
        "T1": pytest.approx(1.75 / 4),
        "T1.1": pytest.approx(1.75 / 4),
        "T1.2": None,  # t121 excluded, t122 unassessed: no term at all
        # T2: t211 (1, 0.5), t212 (2, 0) → 0.5/3
        "T2": pytest.approx(0.5 / 3),
        "T2.1": pytest.approx(0.5 / 3),
        "T2.2": None,  # every action excluded this year (the yearly rule by node)
        "T10": 0.0,
        "T10.1": 0.0,
    }
    assert len(res.counted) == 6
    assert [r.action.id for r in res.assessed] == ["t111", "t112", "t211", "t212", "n1"]
    assert [r.action.id for r in res.unassessed] == ["t122"]


def test_2024_exclusions_standing_by_tag_and_yearly_by_node() -> None:
    res = result(2024)
    reasons = {r.action.id: r.exclusion.reason.get("en") for r in res.excluded if r.exclusion}
    assert reasons == {
        "t121": "Financed and monitored by the State",  # standing, by tag
        "t221": "Youth council postponed to 2025",  # this year's, by node t22
    }
    # With the excluded actions' statuses: + t121 (2, 0.5) + t221 (1, 1) → (4 + 1 + 1)/15
    assert res.rate_with_excluded == pytest.approx(6 / 15)


def test_2024_late_actions_and_budget_execution() -> None:
    res = result(2024)
    # t111 ends 2024-12 but is done; t112 ends 2025-06; t211 ends 2024 and is only "avance".
    assert [r.action.id for r in res.late] == ["t211"]
    budget = res.budget
    assert budget is not None
    # Budgeted and counted: t111 100 000, t112 300 000, t122 200 000, n1 50 000.
    assert (budget.currency, budget.planned, budget.actions) == ("MAD", 650_000, 4)
    # Committed reported by t111 (100 000) and t112 (150 000), against their 400 000.
    assert budget.committed is not None
    assert (budget.committed.amount, budget.committed.planned) == (250_000, 400_000)
    assert budget.committed.rate == pytest.approx(0.625)
    # Spent: 90 000 + 50 000 = 140 000 of the same 400 000.
    assert budget.spent is not None
    assert budget.spent.rate == pytest.approx(0.35)
    t1 = res.axes[0].budget
    assert t1 is not None
    assert (t1.planned, t1.actions) == (600_000, 3)
    assert res.axes[1].budget is None  # T2 plans no money: nothing is printed for it


def test_2025_rates_late_actions_and_budget() -> None:
    res = result(2025)
    # Scored: t111 (2, 1), t112 (6, 0.5), t122 (2, 0.25), t211 (1, 1), t212 (2, 0.25),
    # t221 (1, 0.5), n1 (1, 0); Σw = 15, Σw·s = 2 + 3 + 0.5 + 1 + 0.5 + 0.5 = 7.5
    assert res.rate == pytest.approx(0.5)
    assert rates(res)["T1"] == pytest.approx(2.75 / 5)  # (1 + 1.5 + 0.25) / (1 + 3 + 1)
    assert rates(res)["T1.1"] == pytest.approx(2.5 / 4)
    assert rates(res)["T2"] == pytest.approx(2 / 4)  # (1 + 0.5 + 0.5) / (1 + 2 + 1)
    # t112's planned end (2025-06) has passed and it is not done; t211 is done now.
    assert [r.action.id for r in res.late] == ["t112"]
    budget = res.budget
    assert budget is not None and budget.committed is not None and budget.spent is not None
    # Committed: t111 100 000 + t112 300 000 + t122 50 000 over 100 000 + 300 000 + 200 000
    assert budget.committed.rate == pytest.approx(450_000 / 600_000)
    assert budget.spent.rate == pytest.approx(250_000 / 400_000)


def test_a_yearly_rule_comes_before_a_standing_one() -> None:
    (t121,) = (r for r in result(2025).excluded)
    assert t121.action.id == "t121"
    assert t121.exclusion is not None
    assert t121.exclusion.reason.get("en") == "Transferred to the region in 2025"


def test_codes_sort_naturally() -> None:
    codes = ["T10", "T2", "T1.10", "T1.2", "10", "2", "1.2.10", "1.2.3", "A-04"]
    assert sorted(codes, key=natural_key) == [
        "1.2.3",
        "1.2.10",
        "2",
        "10",
        "A-04",
        "T1.2",
        "T1.10",
        "T2",
        "T10",
    ]


def test_level_names_labels_and_the_tree_in_json() -> None:
    out = CliRunner().invoke(
        cli, ["evaluate", str(TILILA), "--year", "2024", "--format", "json", "--lang", "fr"]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["levels"] == ["Axe", "Objectif", "Action"]
    assert [axis["code"] for axis in data["axes"]] == ["T1", "T2", "T10"]
    assert [child["code"] for child in data["axes"][0]["children"]] == ["T1.1", "T1.2"]
    assert data["axes"][0]["children"][0]["actions"] == ["t111", "t112"]
    assert data["axes"][0]["children"][0]["level"] == "Objectif"
    assert [(a["id"], a["code"], a["status"]) for a in data["actions"]][:2] == [
        ("t111", "T1.1.1", "fait"),
        ("t112", "T1.1.2", "entame"),
    ]
    assert data["late_actions"] == ["t211"]
    assert data["budget"]["spent"]["rate"] == pytest.approx(0.35)
    text = CliRunner().invoke(cli, ["evaluate", str(TILILA), "--year", "2024", "--lang", "fr"])
    assert "1  Pas encore évaluée" in text.stdout  # the commune's own label for unassessed
    assert "T2.1.1  Règlement du budget participatif" in text.stdout  # under late actions


def test_nothing_about_dates_or_money_where_the_plan_has_none() -> None:
    out = CliRunner().invoke(cli, ["evaluate", "examples/aitmelloul_2022", "--lang", "en"])
    assert "Budget" not in out.stdout
    assert "planned end" not in out.stdout
    data = json.loads(
        CliRunner().invoke(cli, ["evaluate", "examples/aitmelloul_2022", "--format", "json"]).stdout
    )
    assert data["budget"] is None
    assert data["late_actions"] == []


def test_progress_scoring_with_a_group_of_its_own_progress() -> None:
    res = evaluate(load(DATA / "progress.toml"))
    # Terms: group g1 stands for p11 and p12 with its own 70 %: (1 + 1, 0.7);
    # p21 (2, 0.5); p22 has a status but no progress: unassessed, never zero; p3 (1, 0.1).
    # Σw = 2 + 2 + 1 = 5, Σw·s = 1.4 + 1 + 0.1 = 2.5  →  0.5
    assert res.rate == pytest.approx(0.5)
    assert rates(res) == {
        "1": pytest.approx(2.4 / 4),
        "1.1": pytest.approx(0.7),  # its own progress, not the mean of 1 and 0.2
        "1.2": pytest.approx(0.5),  # p22 counted as zero would give 1/3
        "2": pytest.approx(0.1),
    }
    assert [r.action.id for r in res.unassessed] == ["p22"]


def test_a_group_whose_own_progress_equals_its_roll_up_changes_nothing(tmp_path: Path) -> None:
    text = (DATA / "progress.toml").read_text(encoding="utf-8")
    # g1's actions roll up to (1 + 0.2) / 2 = 60 %: giving g1 that progress changes no rate.
    same = tmp_path / "same.toml"
    same.write_text(text.replace('progress = "70%"', 'progress = "60%"'), encoding="utf-8")
    none = tmp_path / "none.toml"
    none.write_text(
        text.replace('action = "g1"\nprogress = "70%"', 'action = "g1"'), encoding="utf-8"
    )
    assert evaluate(load(same)).rate == pytest.approx(evaluate(load(none)).rate)
    assert evaluate(load(none)).rate == pytest.approx((1.2 + 1 + 0.1) / 5)


def test_the_old_two_level_format_loads_unchanged() -> None:
    # tests/data/minimal.toml is written with `number = …` and no new key.
    strategy = load(DATA / "minimal.toml")
    assert [a.code for _, a in strategy.actions()] == ["1", "2", "3", "4"]
    assert strategy.depth == 2
    assert evaluate(strategy).rate == pytest.approx(2 / 3)


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_json_of_a_deep_plan_keeps_its_contracts(year: int) -> None:
    validator = schema_validator("evaluation.schema.json")
    summary = validator.evolve(schema={"$ref": validator.schema["$id"] + "#/$defs/summary"})
    printed = CliRunner().invoke(
        cli, ["evaluate", str(TILILA), "--year", str(year), "--format", "json"]
    )
    summary.validate(json.loads(printed.stdout))
    with plugins_with():
        validator.validate(json.loads(export("json", result(year))))
