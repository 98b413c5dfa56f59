from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from municipal_strategy import __name__ as package
from municipal_strategy.cli import cli

Write = Callable[..., Path]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version_and_help(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["--version"]).output.startswith("municipal-strategy, version ")
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "validate" in result.output
    assert "evaluate" in result.output


def test_validate_prints_a_one_line_summary(
    runner: CliRunner, write: Write, minimal_text: str
) -> None:
    path = write(minimal_text)
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0
    assert result.output == f"{path}: valid — 2 axes, 4 actions, evaluations: 2025\n"


@pytest.mark.parametrize(
    ("old", "new", "place"),
    [
        ('title = "Stratégie', 'title = = "Stratégie', ":3:9: invalid TOML"),
        (
            'title = "Portail"',
            'titel = "Portail"',
            ": axes[1].actions[0] (id 'n1'): unknown key titel",
        ),
        (
            'status = "limited"',
            'status = "done"',
            ": evaluations[0].assessments[1].status (action 'n1')",
        ),
        ('id = "n2"', 'id = "n1"', ": axes[1].actions[1].id (id 'n1'): duplicate action id"),
    ],
)
def test_validate_reports_problems_on_stderr_with_exit_code_2(
    runner: CliRunner, write: Write, minimal_text: str, old: str, new: str, place: str
) -> None:
    path = write(minimal_text.replace(old, new, 1))
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"error: {path}{place}" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.exception is not None
    assert isinstance(result.exception, SystemExit)


def test_evaluate_json_contract(runner: CliRunner, write: Write, minimal_text: str) -> None:
    result = runner.invoke(cli, ["evaluate", str(write(minimal_text)), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {
        "year",
        "implementation_rate",
        "counted_actions",
        "excluded_actions",
        "axes",
        "status_counts",
    } <= set(data)
    assert data["year"] == 2025
    assert data["implementation_rate"] == pytest.approx(2 / 3)
    assert data["counted_actions"] == 3
    assert data["excluded_actions"] == [
        {
            "id": "d2",
            "code": "2",
            "title": "Budget participatif",
            "axis": "dialogue",
            "reason": "Suivi par le plan budgétaire",
            "status": "unassessed",
        }
    ]
    assert [(a["id"], a["implementation_rate"]) for a in data["axes"]] == [
        ("dialogue", 1.0),
        ("digital", 0.5),
    ]
    assert data["status_counts"]["complete"] == 1


def test_evaluate_lang_picks_the_texts(runner: CliRunner, write: Write, minimal_text: str) -> None:
    path = str(write(minimal_text))
    english = json.loads(
        runner.invoke(cli, ["evaluate", path, "--format", "json", "--lang", "en"]).stdout
    )
    assert english["commune"] == "Commune of Tamsna"
    text = runner.invoke(cli, ["evaluate", path, "--lang", "fr"]).stdout
    assert text.startswith("Commune de Tamsna — ")
    assert "Taux de mise en œuvre\u00a0: 67\u202f%" in text  # French spacing, by the locale
    assert "Budget participatif" in text
    assert "Suivi par le plan budgétaire" in text


def test_evaluate_unknown_year_is_a_clean_error(
    runner: CliRunner, write: Write, minimal_text: str
) -> None:
    result = runner.invoke(cli, ["evaluate", str(write(minimal_text)), "--year", "2024"])
    assert result.exit_code == 2
    assert result.stderr == "error: no evaluation for 2024 (the configuration has 2025)\n"


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_help_imports_neither_the_loader_nor_its_dependencies() -> None:
    modules = _modules_after(
        f"import sys; sys.argv = ['x', '--help']\nfrom {package}.cli import cli\n"
        "try:\n    cli()\nexcept SystemExit:\n    pass"
    )
    assert f"{package}.cli" in modules
    assert (
        not {"cattrs", "attrs", "tomli", "pluggy", "fpdf", "uharfbuzz", f"{package}.loading"}
        & modules
    )


def test_evaluate_loads_no_plugin(minimal_path: Path) -> None:
    modules = _modules_after(
        f"import sys; sys.argv = ['x', 'evaluate', {str(minimal_path)!r}]\n"
        f"from {package}.cli import cli\n"
        "try:\n    cli()\nexcept SystemExit:\n    pass"
    )
    assert f"{package}.scoring" in modules
    assert (
        not {"pluggy", "fpdf", "uharfbuzz", f"{package}.plugins", f"{package}.default_plugins"}
        & modules
    )


def test_help_imports_neither_json_nor_pathlib() -> None:
    """What `benchmarks/startup.py` holds --help to: little more than importing click."""
    modules = _modules_after(
        f"import sys; sys.argv = ['x', '--help']\nfrom {package}.cli import cli\n"
        "try:\n    cli()\nexcept SystemExit:\n    pass"
    )
    assert not {"json", "pathlib"} & modules


def test_evaluate_json_imports_neither_babel_nor_fpdf(minimal_path: Path) -> None:
    """The JSON summary writes no number as a reader does: Babel stays out, and babel.dates
    with it (the text summary loads a locale's data, whose pickle imports babel.dates)."""
    modules = _modules_after(
        f"import sys; sys.argv = ['x', 'evaluate', {str(minimal_path)!r}, '--format', 'json']\n"
        f"from {package}.cli import cli\n"
        "try:\n    cli()\nexcept SystemExit:\n    pass"
    )
    assert f"{package}.summary" in modules
    assert not {"babel", "babel.dates", "babel.numbers", "fpdf", "uharfbuzz"} & modules
