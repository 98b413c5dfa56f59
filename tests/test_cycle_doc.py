"""docs/cycle.md runs: its commands, in order, in an empty folder, print what it shows,
and its files are written where it says (the plan, the filled sheets)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from municipal_strategy.cli import cli

from .conftest import ROOT

PAGE = ROOT / "docs" / "cycle.md"
BLOCK = re.compile(r"^```(\w+)(?: file=(\S+))?\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _same(text: str) -> str:
    """Spaces as a reader sees them: no-break and narrow no-break spaces are spaces."""
    lines = text.replace("\u00a0", " ").replace("\u202f", " ").splitlines()
    return "\n".join(re.sub(r" +", " ", line).rstrip() for line in lines).strip()


def steps() -> list[tuple[str, str, str]]:
    """('file', path, content) and ('run', command, expected output), in page order."""
    found: list[tuple[str, str, str]] = []
    for kind, file, body in BLOCK.findall(PAGE.read_text(encoding="utf-8")):
        if file:
            found.append(("file", file, body))
        elif kind == "console":
            for chunk in re.split(r"^\$ ", body, flags=re.MULTILINE)[1:]:
                command, _, output = chunk.partition("\n")
                found.append(("run", command, output))
    return found


def test_the_walkthrough_has_every_step_of_the_cycle() -> None:
    commands = [shlex.split(step[1])[1] for step in steps() if step[0] == "run"]
    for command in ("init", "validate", "sheet", "import", "evaluate", "compare", "report"):
        assert command in commands
    assert "fictional" in PAGE.read_text(encoding="utf-8")


def test_the_walkthrough_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for kind, what, content in steps():
        if kind == "file":
            path = tmp_path / what
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            continue
        words = shlex.split(what)
        assert words[0] == "municipal-strategy", what
        result = runner.invoke(cli, words[1:])
        assert result.exit_code == 0, f"{what}\n{result.output}"
        assert _same(result.output) == _same(content), what
    assert (tmp_path / "rapport-2025.html").is_file()
    assert (tmp_path / "tafraout" / "evaluations" / "2025.toml").is_file()
