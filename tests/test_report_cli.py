"""`report` and `plugins` on the command line: formats, output files, atomic writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from municipal_strategy import Exporter, hookimpl
from municipal_strategy.cli import cli
from municipal_strategy.testing import plugins_with

from .conftest import EXAMPLE


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _builtins():  # type: ignore[no-untyped-def]
    with plugins_with() as plugins:
        yield plugins


def test_plugins_lists_the_builtin_formats_and_sources(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["plugins"])
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")]
    assert names == [
        "csv",
        "csv-semicolon",
        "html",
        "json",
        "markdown",
        "pdf",
        "csv",
        "toml",
        "csv",
    ]
    assert "municipal-strategy" in result.stdout


@pytest.mark.parametrize(
    ("suffix", "name", "marker"),
    [
        (".html", "html", b'dir="rtl"'),
        (".json", "json", b'"export_version": 2'),
        (".csv", "csv", b"\xef\xbb\xbf"),
        (".md", "markdown", b"# "),
    ],
)
def test_format_comes_from_the_extension(
    runner: CliRunner, tmp_path: Path, suffix: str, name: str, marker: bytes
) -> None:
    out = tmp_path / f"r{suffix}"
    result = runner.invoke(cli, ["report", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert marker in out.read_bytes()
    assert result.stderr == f"wrote {out} ({name})\n"


def test_dash_writes_to_standard_output(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["report", str(EXAMPLE), "--format", "json", "-o", "-", "--lang", "en"]
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["commune"] == "Commune of Aït Melloul"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "docx", "-o", "-"], "unknown format 'docx'"),
        (["-o", "report.docx"], "cannot tell the format from 'report.docx'"),
        ([], "give --format"),
    ],
)
def test_bad_format_is_a_clean_error(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(cli, ["report", str(EXAMPLE), *args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_the_configuration_is_never_overwritten(
    runner: CliRunner, tmp_path: Path, minimal_text: str
) -> None:
    config = tmp_path / "strategy.toml"
    config.write_text(minimal_text, encoding="utf-8")
    result = runner.invoke(cli, ["report", str(config), "--format", "json", "-o", str(config)])
    assert result.exit_code == 2
    assert "is an input of the configuration" in result.stderr
    assert config.read_text(encoding="utf-8") == minimal_text


def test_a_hard_link_to_the_configuration_is_never_overwritten(
    runner: CliRunner, tmp_path: Path, minimal_text: str
) -> None:
    config = tmp_path / "strategy.toml"
    config.write_text(minimal_text, encoding="utf-8")
    alias = tmp_path / "report.json"
    os.link(config, alias)
    result = runner.invoke(cli, ["report", str(config), "-o", str(alias)])
    assert result.exit_code == 2
    assert "is an input of the configuration" in result.stderr
    assert config.read_text(encoding="utf-8") == minimal_text


def test_a_failing_exporter_leaves_the_old_file_and_no_debris(
    runner: CliRunner, tmp_path: Path
) -> None:
    def explode(result, stream, options):  # type: ignore[no-untyped-def]
        stream.write(b"partial output")
        raise ValueError("disk full of opinions")

    class Broken:
        @hookimpl
        def register_exporters(self, register):  # type: ignore[no-untyped-def]
            register(
                Exporter(
                    name="broken",
                    extension=".brk",
                    media_type="text/plain",
                    description="fails",
                    write=explode,
                )
            )

    out = tmp_path / "report.brk"
    out.write_text("the previous report")
    with plugins_with(Broken()):
        result = runner.invoke(cli, ["report", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 1
    assert "the broken exporter failed: ValueError: disk full of opinions" in result.stderr
    assert out.read_text() == "the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.brk"]


def test_invalid_configuration_writes_nothing(
    runner: CliRunner, tmp_path: Path, minimal_text: str
) -> None:
    config = tmp_path / "strategy.toml"
    config.write_text(
        minimal_text.replace('status = "limited"', 'status = "done"'), encoding="utf-8"
    )
    out = tmp_path / "r.html"
    result = runner.invoke(cli, ["report", str(config), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert "assessments[1].status" in result.stderr
