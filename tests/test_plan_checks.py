"""Bad input to the keys of a general plan: each is refused by `validate` with exit code 2,
the file, the place and what was expected, and no traceback. Structural ones are refused
by the configuration's JSON Schema too."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from municipal_strategy import ConfigError, PartialDate, load
from municipal_strategy.cli import cli
from municipal_strategy.testing import schema_validator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]

TILILA = Path(__file__).parent / "data" / "tilila"
STRATEGY = (TILILA / "strategy.toml").read_text(encoding="utf-8")
ACTION_T111 = 'id = "t111"\ncode = "T1.1.1"\n'


def copy_with(tmp_path: Path, old: str, new: str, file: str = "strategy.toml") -> Path:
    folder = tmp_path / "tilila"
    shutil.copytree(TILILA, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


BAD = [
    pytest.param(
        'code = "T1.1.2"',
        'code = "T1.1.1"',
        "axes[0].groups[0].actions[1].code (id 't112')",
        "duplicate code among siblings 'T1.1.1'",
        id="duplicate-code",
    ),
    pytest.param(
        ACTION_T111,
        ACTION_T111 + "weight = -1\n",
        "axes[0].groups[0].actions[0] (id 't111')",
        "weight must not be negative, got -1",
        id="negative-weight",
    ),
    pytest.param(
        'code = "T10.1.1"\n',
        'code = "T10.1.1"\nweight = 0\n',
        "axes[2].groups[0] (id 't101')",
        "every item below has weight 0",
        id="all-zero-weights",
    ),
    pytest.param(
        'start = "2025"\nend = "2026"',
        'start = "2026-02"\nend = "2026-01"',
        "axes[0].groups[1].actions[1].end (id 't122')",
        "the planned end (2026-01) is before the start (2026-02)",
        id="end-before-start",
    ),
    pytest.param(
        "budget = { amount = 50000 }",
        "budget = { amount = -5 }",
        "axes[2].groups[0].actions[0].budget (id 'n1')",
        "amount must not be negative, got -5",
        id="negative-amount",
    ),
    pytest.param(
        "budget = { amount = 50000 }",
        'budget = { amount = 50000, currency = "EUR" }',
        "axes[2].groups[0].actions[0].budget.currency (id 'n1')",
        "EUR differs from MAD",
        id="currency-differs",
    ),
    pytest.param(
        "budget = { amount = 50000 }",
        'budget = { amount = 50000, currency = "dirham" }',
        "axes[2].groups[0].actions[0].budget (id 'n1')",
        "'dirham' is not a currency code (expected e.g. MAD, EUR)",
        id="bad-currency",
    ),
    pytest.param(
        "[labels]\n",
        '[labels]\nunasessed = "Pas encore"\n',
        "labels.unasessed",
        "unknown label 'unasessed'",
        id="unknown-label",
    ),
    pytest.param(
        "[labels]\n",
        '[labels]\nrate_line = { fr = "{taux} sur {counted}" }\n',
        "labels.rate_line.fr",
        "unknown placeholder {taux} (this label takes: {assessed}, {counted}, {rate})",
        id="label-placeholder",
    ),
    pytest.param(
        '  { fr = "Objectif", en = "Objective" },\n',
        "",
        "levels",
        "2 level names for a tree of 3 levels",
        id="levels-depth",
    ),
    pytest.param(
        'end = "2024-12"',
        'end = "2024-04-31"',
        "axes[0].groups[0].actions[0].end (id 't111')",
        "2024-04-31 is not a day of the calendar",
        id="31-april",
    ),
    pytest.param(
        'code = "T1.1.2"',
        'code = "T1.1.2"\nnumber = 2',
        "axes[0].groups[0].actions[1].number (id 't112')",
        "give code or number, not both (code is preferred)",
        id="code-and-number",
    ),
    pytest.param(
        'code = "T2"\n',
        'code = "T2"\nweight = "heavy"\n',
        "axes[1].weight (id 't2')",
        "expected a number, got a string ('heavy')",
        id="wrong-type",
    ),
    pytest.param(
        'code = "T2"\n',
        'code = "T2"\nprogramme = "P2"\n',
        "axes[1] (id 't2')",
        "unknown key programme (expected: id, code, title,",
        id="unknown-key",
    ),
    pytest.param(
        'id = "t2"\ncode = "T2"\n',
        'id = "t2"\n',
        "axes[1].code (id 't2')",
        "required key missing",
        id="missing-key",
    ),
    pytest.param(
        'nodes = ["t22"]',
        'nodes = ["t99"]',
        "exclusions[0].nodes[0]",
        "unknown node 't99' (no axis or group has that id)",
        "evaluations/2024.toml",
        id="unknown-node",
    ),
    pytest.param(
        'action = "t111"\nstatus = "fait"\ncommitted = 100000\nspent = 90000',
        'action = "t111"\nstatus = "fait"\nprogress = 1.5',
        "assessments[0].progress (action 't111')",
        'expected a number in [0, 1] or a percentage such as "40%", got 1.5',
        "evaluations/2024.toml",
        id="progress-above-one",
    ),
    pytest.param(
        'action = "t111"\nstatus = "fait"\ncommitted = 100000\nspent = 90000',
        'action = "t111"\nstatus = "fait"\nprogress = "120%"',
        "assessments[0].progress (action 't111')",
        "a percentage must be between 0 and 100 %, got '120%'",
        "evaluations/2024.toml",
        id="percentage-above-100",
    ),
    pytest.param(
        'action = "t111"\nstatus = "fait"\ncommitted = 100000\nspent = 90000',
        'action = "t11"\nstatus = "fait"',
        "assessments[0].status (action 't11')",
        "'t11' is a group: it takes a progress of its own and texts, and no status",
        "evaluations/2024.toml",
        id="status-of-a-group",
    ),
    pytest.param(
        "spent = 50000",
        "spent = -50000",
        "assessments[1] (action 't112')",
        "spent must not be negative, got -50000",
        "evaluations/2024.toml",
        id="negative-spent",
    ),
]
STRUCTURAL = {
    "wrong-type",
    "unknown-key",
    "missing-key",
    "negative-weight",
    "negative-amount",
    "bad-currency",
    "unknown-label",
    "31-april",
    "code-and-number",
    "progress-above-one",
    "negative-spent",
}


@pytest.mark.parametrize(
    ("old", "new", "place", "message", "file"),
    [
        pytest.param(*p.values, *(["strategy.toml"] if len(p.values) == 4 else []), id=p.id)
        for p in BAD
    ],
)
def test_validate_names_file_place_and_expectation(
    tmp_path: Path, old: str, new: str, place: str, message: str, file: str
) -> None:
    folder = copy_with(tmp_path, old, new, file)
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"error: {folder / file}: {place}: {message}" in result.stderr, result.stderr


def _plain(data: Any) -> Any:
    """What a TOML editor hands the schema: dates as ISO strings."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(value) for value in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def _schema_errors(folder: Path, file: str) -> list[str]:
    year = (folder / file).parent.name == "evaluations"
    name = "configuration-year.schema.json" if year else "configuration.schema.json"
    data = _plain(tomllib.loads((folder / file).read_text(encoding="utf-8")))
    return [error.message for error in schema_validator(name).iter_errors(data)]


@pytest.mark.parametrize(
    ("old", "new", "file"),
    [
        pytest.param(
            p.values[0],
            p.values[1],
            p.values[4] if len(p.values) == 5 else "strategy.toml",
            id=p.id,
        )
        for p in BAD
        if p.id in STRUCTURAL and p.id != "31-april"
    ],
)
def test_the_schema_refuses_structural_mistakes(
    tmp_path: Path, old: str, new: str, file: str
) -> None:
    folder = copy_with(tmp_path, old, new, file)
    assert _schema_errors(folder, file)
    assert not _schema_errors(TILILA, file)


@pytest.mark.parametrize(
    "config",
    [
        "examples/aitmelloul_2022/strategy.toml",
        "examples/aitmelloul_2022/evaluations/2022.toml",
        "tests/data/tilila/strategy.toml",
        "tests/data/tilila/evaluations/2024.toml",
        "tests/data/tilila/evaluations/2025.toml",
        "tests/data/progress.toml",
        "tests/data/minimal.toml",
    ],
)
def test_the_schema_accepts_the_example_and_the_test_configurations(config: str) -> None:
    path = Path(config)
    assert _schema_errors(path.parent, path.name) == []


@pytest.mark.parametrize(
    ("date", "end"), [("2025", "2025-05"), ("2025-03", "2025-03-20"), ("2025-03-20", "2025-03")]
)
def test_dates_of_different_precision_compare_without_raising(date: str, end: str) -> None:
    first, second = PartialDate.parse(date), PartialDate.parse(end)
    assert (first < second) != (second < first) or first == second
    assert second.last_day() >= first.first_day()


def test_an_activity_ending_within_the_month_it_starts_is_valid(tmp_path: Path) -> None:
    activity = '\n[[assessments.activities]]\ntitle = "Atelier"\ndate = "2025"\nend = "2025-05"\n'
    folder = copy_with(
        tmp_path, "spent = 90000\n", "spent = 90000\n" + activity, "evaluations/2024.toml"
    )
    load(folder)  # no error, no traceback
    folder2 = copy_with(
        tmp_path / "b",
        "spent = 90000\n",
        "spent = 90000\n" + activity.replace('"2025"', '"2026"'),
        "evaluations/2024.toml",
    )
    with pytest.raises(ConfigError, match=r"the end \(2025-05\) is before the date \(2026\)"):
        load(folder2)


def test_an_unknown_scale_preset_lists_the_presets(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    source = (Path(__file__).parent / "data" / "progress.toml").read_text(encoding="utf-8")
    path.write_text(source.replace('scoring = "progress"', 'scale = "iso"'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    expected = 'unknown scale \'iso\' (expected one of "default", "ogp", or [[scale]] levels)'
    assert f"error: {path}: scale: {expected}" in result.stderr
    assert _schema_errors(tmp_path, "plan.toml")
