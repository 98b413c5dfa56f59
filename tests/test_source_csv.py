"""The CSV monitoring sheet: updates a year's assessments; errors name row and column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from municipal_strategy import ConfigError, Text, apply_updates, evaluate, load
from municipal_strategy.cli import cli
from municipal_strategy.testing import plugins_with

Write = Callable[..., Path]


@pytest.fixture(autouse=True)
def _builtins():  # type: ignore[no-untyped-def]
    with plugins_with() as plugins:
        yield plugins


def sheet(write: Write, text: str, name: str = "monitoring.csv") -> Path:
    return write(text, name)


def test_a_sheet_updates_statuses_and_texts(write: Write, minimal_text: str) -> None:
    strategy = load(write(minimal_text))
    csv = sheet(
        write,
        "action,status,progress,achievements.fr,achievements.ar\n"
        'n1,complete,80%,"Portail ouvert\nFormation","فتح البوابة\nتكوين"\n'
        "d2,Limitée,,,\n",
    )
    updated = apply_updates(strategy, csv, 2025)
    (evaluation,) = updated.evaluations
    n1 = evaluation.assessment("n1")
    assert n1 is not None and n1.status == "complete" and n1.progress == 0.8
    assert n1.achievements == (
        Text({"fr": "Portail ouvert", "ar": "فتح البوابة"}),
        Text({"fr": "Formation", "ar": "تكوين"}),
    )
    assert evaluation.assessment("d2").status == "limited"  # type: ignore[union-attr]  # by label
    d1 = evaluation.assessment("d1")
    assert d1 is not None and d1.status == "complete" and d1.measurements  # untouched
    assert evaluate(updated).rate == pytest.approx((1 + 1 + 0.75) / 3)


def test_empty_cells_keep_what_was_there(write: Write, minimal_text: str) -> None:
    strategy = load(write(minimal_text))
    updated = apply_updates(strategy, sheet(write, "action,status,constraints\nn1,,\n"), 2025)
    assert updated == strategy


def test_a_sheet_can_start_a_new_year(write: Write, minimal_text: str) -> None:
    strategy = load(write(minimal_text))
    updated = apply_updates(strategy, sheet(write, "action,status\nd1,limited\n"), 2026)
    assert updated.years == (2025, 2026)
    assert evaluate(updated, 2026).rate == 0.25


def test_errors_name_row_and_column(write: Write, minimal_text: str) -> None:
    strategy = load(write(minimal_text))
    bad = sheet(write, "action,status,progress,remarks\nn1,done,2,\nzz,complete,,\nn1,complete,,\n")
    with pytest.raises(ConfigError) as info:
        apply_updates(strategy, bad, 2025)
    found = {(p.place, p.message.split(" (")[0]) for p in info.value.problems}
    assert found == {
        ("row 1, column 'remarks'", "unknown column"),
        ("row 2, column 'status'", "'done' is not a status of the scale"),
        ("row 2, column 'progress'", "expected a value between 0 and 1"),
        ("row 3, column 'action'", "unknown action 'zz'"),
        ("row 4, column 'action'", "action 'n1' is already updated by row 2"),
    }
    assert all(p.file == bad for p in info.value.problems)
    assert str(info.value.problems[0]).startswith(f"{bad}: row 1, column 'remarks': ")


def test_the_configuration_can_name_its_sheet(write: Write, minimal_text: str) -> None:
    sheet(write, "action,status\nn1,complete\n", "sheets/2025.csv")
    text = minimal_text.replace(
        "[[evaluations.exclusions]]",
        '[[evaluations.imports]]\npath = "sheets/2025.csv"\n\n[[evaluations.exclusions]]',
    )
    strategy = load(write(text))
    assert strategy.evaluation(2025).assessment("n1").status == "complete"  # type: ignore[union-attr]


def test_the_cli_takes_a_sheet_with_an_option(write: Write, minimal_text: str) -> None:
    config = write(minimal_text)
    csv = sheet(write, "action,status\nn1,complete\nn2,complete\n")
    result = CliRunner().invoke(cli, ["evaluate", str(config), "--assessments", str(csv)])
    assert result.exit_code == 0, result.output
    assert "Implementation rate: 100% over 3 counted actions" in result.stdout
    bad = sheet(write, "action,status\nn1,finished\n", "bad.csv")
    result = CliRunner().invoke(cli, ["validate", str(config), "--assessments", str(bad)])
    assert result.exit_code == 2
    assert f"error: {bad}: row 2, column 'status': 'finished'" in result.stderr


def test_a_sheet_of_errors_stops_early_and_prints_a_few(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from municipal_strategy.cli import cli
    from municipal_strategy.errors import MAX_PROBLEMS

    sheet = tmp_path / "big.csv"
    rows = ["action,status"] + [f"zz{n},x" for n in range(50_000)]
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["evaluate", "examples/aitmelloul_2022", "--assessments", str(sheet)]
    )
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 51
    assert (
        lines[-1] == f"{MAX_PROBLEMS + 1} problems found ({MAX_PROBLEMS + 1 - 50} more not shown)"
    )
