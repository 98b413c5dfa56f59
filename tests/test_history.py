"""Years side by side, on the fictional two-year configuration tests/data/tilila: what
changed for each action, the rates of every year, the indicators as series."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given

from municipal_strategy import EvaluationError, Strategy, evaluate, load
from municipal_strategy.cli import cli
from municipal_strategy.history import classify, compare, history
from municipal_strategy.testing import schema_validator, strategies

TILILA = Path(__file__).parent / "data" / "tilila"

# Tilila, 2024 → 2025 (scale: fait 1, avance 0.5, entame 0.25, non_entame 0, suspendu 0):
#   t111 fait → fait                 unchanged
#   t112 entame → avance             improved   (0.25 → 0.5)
#   t121 avance → fait               improved   (excluded both years, by two rules)
#   t122 (none) → entame             newly_assessed
#   t211 avance → fait               improved
#   t212 non_entame → entame         improved   (0 → 0.25)
#   t221 fait → avance               regressed  (1 → 0.5)
#   n1   suspendu → suspendu         unchanged
EXPECTED = {
    "t111": ("fait", "fait", "unchanged"),
    "t112": ("entame", "avance", "improved"),
    "t121": ("avance", "fait", "improved"),
    "t122": ("unassessed", "entame", "newly_assessed"),
    "t211": ("avance", "fait", "improved"),
    "t212": ("non_entame", "entame", "improved"),
    "t221": ("fait", "avance", "regressed"),
    "n1": ("suspendu", "suspendu", "unchanged"),
}


def test_compare_classes_every_action_as_computed_by_hand() -> None:
    comparison = compare(load(TILILA), 2024, 2025)
    found = {c.action.id: (c.before.status, c.after.status, c.change) for c in comparison.changes}
    assert found == EXPECTED
    assert [c.action.id for c in comparison.of("regressed")] == ["t221"]


def test_compare_json_is_its_contract() -> None:
    out = CliRunner().invoke(
        cli, ["compare", str(TILILA), "--from", "2024", "--to", "2025", "--format", "json"]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    schema_validator("comparison.schema.json").validate(data)
    assert {c["action"]: (c["from"], c["to"], c["change"]) for c in data["changes"]} == EXPECTED
    assert data["counts"] == {
        "regressed": 1,
        "no_longer_assessed": 0,
        "improved": 4,
        "newly_assessed": 1,
        "unchanged": 2,
    }
    assert data["implementation_rate"] == {"from": pytest.approx(4 / 12), "to": 0.5}
    (datasets,) = [s for s in data["indicators"] if s["id"] == "datasets"]
    assert datasets["points"] == [
        {"year": 2024, "value": 8, "target": 10},
        {"year": 2025, "value": 22, "target": 20},
    ]


def test_compare_text_lists_regressions_first_and_flags_them() -> None:
    out = CliRunner().invoke(
        cli, ["compare", str(TILILA), "--from", "2024", "--to", "2025", "--lang", "fr"]
    )
    lines = out.stdout.splitlines()
    assert lines[0] == "Taux de mise en œuvre\u00a0: 2024 33\u202f% → 2025 50\u202f%"
    assert lines[2] == "En recul (1)\u00a0:"
    assert lines[3].startswith(" !! T2.2.1  Réalisée → Avancée")
    assert lines.index("En progrès (4)\u00a0:") > 3


def test_history_gives_every_year_and_its_rates() -> None:
    out = CliRunner().invoke(cli, ["history", str(TILILA), "--format", "json"])
    data = json.loads(out.stdout)
    schema_validator("history.schema.json").validate(data)
    assert [(y["year"], y["implementation_rate"]) for y in data["years"]] == [
        (2024, pytest.approx(4 / 12)),
        (2025, 0.5),
    ]
    assert [y["late_actions"] for y in data["years"]] == [["t211"], ["t112"]]
    assert [y["axes"][0]["implementation_rate"] for y in data["years"]] == [
        pytest.approx(1.75 / 4),
        pytest.approx(2.75 / 5),
    ]
    (delay,) = [s for s in data["indicators"] if s["id"] == "delay"]
    assert delay["direction"] == "decrease"
    assert [p["value"] for p in delay["points"]] == [None, 20]  # not measured in 2024: no zero


def test_every_result_knows_the_previous_year() -> None:
    strategy = load(TILILA)
    assert evaluate(strategy, 2024).previous is None
    previous = evaluate(strategy, 2025).previous
    assert previous is not None
    assert previous.year == 2024
    assert previous.rate == pytest.approx(4 / 12)
    years = history(strategy).results
    assert years[1].previous is years[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2025", "--to", "2024"], "compare an earlier year with a later one"),
        (["--from", "2023", "--to", "2025"], "no evaluation for 2023"),
    ],
)
def test_compare_refuses_years_it_cannot_compare(args: list[str], message: str) -> None:
    out = CliRunner().invoke(cli, ["compare", str(TILILA), *args])
    assert out.exit_code == 2
    assert message in out.stderr
    assert "Traceback" not in out.output


@given(strategies(max_years=3))
def test_an_action_scored_one_year_only_is_never_a_silent_zero(strategy: Strategy) -> None:
    results = history(strategy).results
    for before, after in pairwise(results):
        earlier = {r.action.id: r for r in before.actions}
        for now in after.actions:
            then = earlier[now.action.id]
            change = classify(then, now)
            if (then.score is None) != (now.score is None):
                assert change in ("newly_assessed", "no_longer_assessed")
            if then.score is not None and now.score is not None:
                assert change != "newly_assessed" and change != "no_longer_assessed"
                assert (change == "improved") == (now.score > then.score)


def test_compare_needs_two_evaluated_years() -> None:
    with pytest.raises(EvaluationError, match="no evaluation for 2026"):
        compare(load(TILILA), 2024, 2026)


def test_the_summary_of_a_later_year_carries_since_last_year() -> None:
    later = json.loads(
        CliRunner()
        .invoke(cli, ["evaluate", str(TILILA), "--year", "2025", "--format", "json"])
        .stdout
    )
    since = later["since_last_year"]
    assert (since["year"], since["implementation_rate"]) == (2024, pytest.approx(4 / 12))
    assert [c["action"] for c in since["changes"] if c["change"] == "regressed"] == ["t221"]
    assert {"action": "t111", "id": "datasets", "value": 22, "previous": 8} in since["indicators"]
    first = json.loads(
        CliRunner()
        .invoke(cli, ["evaluate", str(TILILA), "--year", "2024", "--format", "json"])
        .stdout
    )
    assert first["since_last_year"] is None


def test_the_document_says_since_last_year_or_that_it_is_the_baseline() -> None:
    from municipal_strategy.build import build_document
    from municipal_strategy.document import Bars, Paragraph, Table

    strategy = load(TILILA)
    (later,) = [
        s for s in build_document(evaluate(strategy, 2025), "en").sections if s.kind == "previous"
    ]
    assert later.heading is not None and later.heading.words.text == "Since 2024"
    (bars,) = [b for b in later.blocks if isinstance(b, Bars)]
    assert [(bar.label.text, bar.shown) for bar in bars.bars] == [("2024", "33%"), ("2025", "50%")]
    changes, indicators = [b for b in later.blocks if isinstance(b, Table)]
    assert [cell.text for cell in changes.rows[0]] == [
        "T2.2.1",
        "Youth council set up",
        "Done",
        "Well under way",
        "Regressed",
    ]
    assert [cell.text for cell in indicators.rows[0]] == ["Datasets published", "8", "22", "20"]
    (first,) = [
        s for s in build_document(evaluate(strategy, 2024), "en").sections if s.kind == "previous"
    ]
    assert [b.text for b in first.blocks if isinstance(b, Paragraph)] == [
        "This is the first evaluation: it is the baseline the following years are compared with."
    ]
