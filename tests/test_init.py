"""`init`: a new commune's configuration that validates at once."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from municipal_strategy import load
from municipal_strategy.cli import cli

from .conftest import EXAMPLE


def test_init_with_flags_and_no_terminal_writes_a_valid_configuration(tmp_path: Path) -> None:
    target = tmp_path / "tafraout"
    result = CliRunner().invoke(
        cli,
        [
            "init",
            str(target),
            "--commune",
            "Commune de Tafraout (fictive)",
            "--lang",
            "fr",
            "--lang",
            "ar",
            "--period",
            "2024-2029",
            "--axis",
            "Transparence",
            "--axis",
            "Participation",
            "--scale",
            "ogp",
        ],
    )
    assert result.exit_code == 0, result.output
    strategy = load(target)
    assert strategy.commune.get("fr") == "Commune de Tafraout (fictive)"
    assert (strategy.period.start, strategy.period.end) == (2024, 2029)
    assert [axis.title.get("fr") for axis in strategy.axes] == ["Transparence", "Participation"]
    assert strategy.scale[0].id == "no_evidence"  # the OGP preset
    text = (target / "strategy.toml").read_text(encoding="utf-8")
    assert text.count("\n# ") >= 8  # a comment explains each key
    assert '# commune.ar = ""' in text  # the other language, left to fill in
    assert (target / "evaluations").is_dir()
    validate = CliRunner().invoke(cli, ["validate", str(target)])
    assert validate.exit_code == 0, validate.output


def test_init_without_any_flag_takes_the_defaults(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    strategy = load(tmp_path / "new")
    assert strategy.commune.get() == "Ma commune"
    assert strategy.period.end - strategy.period.start == 5


def test_init_refuses_a_directory_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "is not empty" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_init_from_another_commune_copies_its_strategy_without_its_evaluations(
    tmp_path: Path,
) -> None:
    target = tmp_path / "copy"
    result = CliRunner().invoke(
        cli, ["init", str(target), "--from", str(EXAMPLE), "--commune", "Commune d'essai"]
    )
    assert result.exit_code == 0, result.output
    strategy = load(target)
    assert strategy.years == ()
    assert strategy.commune.values == {"fr": "Commune d'essai"}
    assert len(list(strategy.actions())) == 30
    text = (target / "strategy.toml").read_text(encoding="utf-8")
    assert text.startswith("# Communication and media strategy of the commune of Aït Melloul")


def test_init_that_cannot_validate_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "copy"
    result = CliRunner().invoke(
        cli, ["init", str(target), "--from", str(EXAMPLE), "--period", "2025-2030"]
    )
    assert result.exit_code == 2
    assert "target year 2023 is outside the strategy's period 2025–2030" in result.stderr
    assert not target.exists()


def test_a_bad_period_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "x"), "--period", "2029-2024"])
    assert result.exit_code == 2
    assert "is not a period" in result.output
