"""The monitoring sheet, out and back: no edit changes nothing to the byte, an edit changes
exactly its value, comments survive, and a bad sheet is refused with row and column."""

from __future__ import annotations

import csv
import difflib
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from municipal_strategy import evaluate, load
from municipal_strategy.cli import cli

from .conftest import EXAMPLE

TILILA = Path(__file__).parent / "data" / "tilila"


def copy(tmp_path: Path, source: Path = EXAMPLE) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


def make_sheet(config: Path, year: int, out: Path, *extra: str) -> list[list[str]]:
    result = CliRunner().invoke(
        cli, ["sheet", str(config), "--year", str(year), "-o", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return read(out)


def read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def write(path: Path, rows: list[list[str]]) -> None:
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8-sig", newline="")


def import_(sheet: Path, config: Path, year: int) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["import", str(sheet), str(config), "--year", str(year)])
    return result.exit_code, result.stdout, result.stderr


def test_out_and_back_without_an_edit_changes_nothing(tmp_path: Path) -> None:
    config = copy(tmp_path)
    before = (config / "evaluations" / "2022.toml").read_bytes()
    rows = make_sheet(config, 2022, tmp_path / "m.csv")
    assert rows[0][0] == "#municipal-strategy monitoring sheet"
    assert len(rows) == 2 + 30
    code, out, err = import_(tmp_path / "m.csv", config, 2022)
    assert code == 0, err
    assert out == ""
    assert "no change" in err
    assert (config / "evaluations" / "2022.toml").read_bytes() == before


def test_an_edit_changes_exactly_its_value_and_comments_survive(tmp_path: Path) -> None:
    config = copy(tmp_path)
    file = config / "evaluations" / "2022.toml"
    before = file.read_text(encoding="utf-8")
    rows = make_sheet(config, 2022, tmp_path / "m.csv", "--lang", "fr")
    header = rows[1]
    rows[2][header.index("status")] = "En cours"  # a01: implemented → in_progress, by label
    rows[5][header.index("progress")] = "40 %"  # a04
    write(tmp_path / "m.csv", rows)
    code, out, err = import_(tmp_path / "m.csv", config, 2022)
    assert code == 0, err
    assert out.splitlines() == ["a01 status: Réalisée → En cours", "a04 progress: — → 40 %"]
    after = file.read_text(encoding="utf-8")
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    removed = [line[1:] for line in diff[2:] if line.startswith("-")]
    added = [line[1:] for line in diff[2:] if line.startswith("+")]
    assert removed == ['status = "implemented"']
    assert added == ['status = "in_progress"', "progress = 0.4"]
    assert after.startswith(before.split("\n[[", 1)[0])  # the header comments, untouched
    result = evaluate(load(config))
    assert result.rate == pytest.approx(13 / 25)


STATUSES = ["implemented", "in_progress", "planned", "suspended"]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.dictionaries(
        st.integers(0, 29),
        st.tuples(
            st.sampled_from(STATUSES),
            st.integers(0, 100),
            st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=12),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_random_edits_land_exactly(
    tmp_path_factory: pytest.TempPathFactory, edits: dict[int, tuple[str, int, str]]
) -> None:
    tmp_path = tmp_path_factory.mktemp("sheet")
    config = copy(tmp_path)
    base = load(config)
    rows = make_sheet(config, 2022, tmp_path / "m.csv")
    header = rows[1]
    for index, (status, percent, text) in edits.items():
        row = rows[2 + index]
        row[header.index("status")] = status
        row[header.index("progress")] = f"{percent}%"
        row[header.index("justification.en")] = text
    write(tmp_path / "m.csv", rows)
    code, _, err = import_(tmp_path / "m.csv", config, 2022)
    assert code == 0, err
    after = {a.action: a for a in load(config).evaluation(2022).assessments}
    before = {a.action: a for a in base.evaluation(2022).assessments}
    edited = {rows[2 + i][0]: value for i, value in edits.items()}
    for action, old in before.items():
        new = after[action]
        if action not in edited:
            assert new == old
            continue
        status, percent, text = edited[action]
        assert new.status == status
        assert new.progress == pytest.approx(percent / 100)
        assert new.justification is not None and old.justification is not None
        assert new.justification.values["en"] == text.strip()
        assert {k: v for k, v in new.justification.values.items() if k != "en"} == {
            k: v for k, v in old.justification.values.items() if k != "en"
        }
        assert (new.achievements, new.evidence, new.measurements) == (
            old.achievements,
            old.evidence,
            old.measurements,
        )


def test_a_new_year_starts_from_last_years_statuses(tmp_path: Path) -> None:
    config = copy(tmp_path, TILILA)
    rows = make_sheet(config, 2026, tmp_path / "m.csv", "--lang", "fr")
    header = rows[1]
    assert rows[0][2] == "year=2026"
    t111 = rows[2]
    assert t111[header.index("status")] == "Réalisée"  # 2025's, as a starting point
    assert t111[header.index("measurements")] == "datasets = 22"
    t111[header.index("measurements")] = "datasets = 30"
    write(tmp_path / "m.csv", rows)
    code, _, err = import_(tmp_path / "m.csv", config, 2026)
    assert code == 0, err
    assert "created" in err
    strategy = load(config)
    assert strategy.years == (2024, 2025, 2026)
    assessments = {a.action: a for a in strategy.evaluation(2026).assessments}
    assert assessments["t111"].status == "fait"
    assert assessments["t111"].measurements[0].value == 30
    assert assessments["t221"].status == "avance"


@pytest.mark.parametrize(
    ("change", "place", "message"),
    [
        (
            lambda rows: rows[2].__setitem__(0, "a99"),
            "row 3, column 'action'",
            "unknown action 'a99'",
        ),
        (
            lambda rows: rows[3].__setitem__(4, "done"),
            "row 4, column 'status'",
            "'done' is not a status of the scale",
        ),
        (
            lambda rows: rows[4].__setitem__(18, "12x"),
            "row 5, column 'committed'",
            "expected an amount",
        ),
        (
            lambda rows: rows[4].__setitem__(5, "140%"),
            "row 5, column 'progress'",
            "expected a share between 0 and 1",
        ),
        (
            lambda rows: rows[5].__setitem__(6, "=1+1"),
            "row 6, column 'justification.ar'",
            "a formula is not read",
        ),
        (
            lambda rows: rows[1].__setitem__(4, "statut"),
            "row 2, column 'statut'",
            "the header was changed: expected 'status' here",
        ),
        (
            lambda rows: rows[0].__setitem__(2, "year=2021"),
            "row 1",
            "this sheet was made for 2021, not 2022",
        ),
        (
            lambda rows: rows[0].__setitem__(1, "plan=000000000000"),
            "row 1",
            "made for another plan",
        ),
        (
            lambda rows: rows[3].__setitem__(20, "visits = 3"),
            "row 4, column 'measurements'",
            "expected lines 'indicator = value'",
        ),
    ],
)
def test_a_bad_sheet_is_refused_with_row_and_column_and_nothing_written(
    tmp_path: Path, change: object, place: str, message: str
) -> None:
    config = copy(tmp_path)
    before = (config / "evaluations" / "2022.toml").read_bytes()
    rows = make_sheet(config, 2022, tmp_path / "m.csv")
    assert callable(change)
    change(rows)
    write(tmp_path / "m.csv", rows)
    code, out, err = import_(tmp_path / "m.csv", config, 2022)
    assert code == 2
    assert out == ""
    assert f"error: {tmp_path / 'm.csv'}: {place}: " in err
    assert message in err
    assert "Traceback" not in err
    assert (config / "evaluations" / "2022.toml").read_bytes() == before


def test_an_import_into_a_configuration_with_a_syntax_error_writes_nothing(tmp_path: Path) -> None:
    config = copy(tmp_path)
    make_sheet(config, 2022, tmp_path / "m.csv")
    file = config / "evaluations" / "2022.toml"
    file.write_text(file.read_text(encoding="utf-8") + "\nbroken = = 1\n", encoding="utf-8")
    before = file.read_bytes()
    code, _, err = import_(tmp_path / "m.csv", config, 2022)
    assert code == 2
    assert "invalid TOML" in err
    assert file.read_bytes() == before


def test_a_file_that_is_not_a_sheet_is_refused(tmp_path: Path) -> None:
    config = copy(tmp_path)
    (tmp_path / "other.csv").write_text("action,status\na01,implemented\n", encoding="utf-8")
    code, _, err = import_(tmp_path / "other.csv", config, 2022)
    assert code == 2
    assert "row 1: not a monitoring sheet" in err


def test_the_sheet_is_read_by_assessments_too(tmp_path: Path) -> None:
    rows = make_sheet(EXAMPLE, 2022, tmp_path / "m.csv")
    rows[2][rows[1].index("status")] = "in_progress"
    write(tmp_path / "m.csv", rows)
    result = CliRunner().invoke(
        cli,
        ["evaluate", str(EXAMPLE), "--assessments", str(tmp_path / "m.csv"), "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    assert '"implementation_rate": 0.52' in result.stdout
