"""The plugin manager: built-ins through the public hooks, isolation of broken plugins,
duplicates, entry points loaded once and per distribution."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import IO

import pytest

from municipal_strategy import EvaluationResult, Exporter, ExportOptions, hookimpl
from municipal_strategy.errors import PluginError
from municipal_strategy.plugins import DEFAULT_PLUGINS, Plugins, exporter_for, get_exporter, using
from municipal_strategy.testing import export, plugins_with, sample_result


def _noop_write(result: object, stream: object, options: object) -> None:
    return None


def exporter(name: str, extension: str = ".txt") -> Exporter:
    return Exporter(
        name=name,
        extension=extension,
        media_type="text/plain",
        description=f"the {name} format",
        write=_noop_write,
    )


class Good:
    @hookimpl
    def register_exporters(self, register):  # type: ignore[no-untyped-def]
        register(exporter("good"))


class Failing:
    @hookimpl
    def register_exporters(self, register):  # type: ignore[no-untyped-def]
        register(exporter("half"))
        raise RuntimeError("boom")


class Duplicate:
    @hookimpl
    def register_exporters(self, register):  # type: ignore[no-untyped-def]
        register(exporter("json", ".json"))


class WrongType:
    @hookimpl
    def register_exporters(self, register):  # type: ignore[no-untyped-def]
        register("not an exporter")


def test_builtins_are_registered_through_the_hooks() -> None:
    with plugins_with() as plugins:
        assert set(plugins.exporters) == {"json", "csv", "csv-semicolon", "markdown", "html", "pdf"}
        assert set(plugins.sources) == {"toml", "csv"}
        assert set(plugins.sheet_formats) == {"csv"}
        assert {r.provider.name for r in plugins.exporters.values()} == {"municipal-strategy"}
        registered = {name for name, _ in plugins.manager.list_name_plugin()}
        assert set(DEFAULT_PLUGINS) <= registered
        assert plugins.problems == []


def test_an_outside_plugin_adds_a_format() -> None:
    with plugins_with(Good()) as plugins:
        assert "good" in plugins.exporters
        assert get_exporter("good").description == "the good format"


def test_a_failing_plugin_is_skipped_whole_and_named() -> None:
    with plugins_with(Failing(), Good()) as plugins:
        assert "half" not in plugins.exporters  # nothing of a failed call is kept
        assert "good" in plugins.exporters and "json" in plugins.exporters
        (problem,) = plugins.problems
        assert "RuntimeError: boom" in problem.error


def test_a_duplicate_name_keeps_the_builtin() -> None:
    with plugins_with(Duplicate()) as plugins:
        assert plugins.exporters["json"].provider.name == "municipal-strategy"
        (problem,) = plugins.problems
        assert "already provided by municipal-strategy" in problem.error


def test_registering_something_else_is_a_plugin_problem() -> None:
    with plugins_with(WrongType()) as plugins:
        (problem,) = plugins.problems
        assert "register() takes a Exporter" in problem.error


def test_unknown_format_lists_the_known_ones() -> None:
    with (
        plugins_with(),
        pytest.raises(
            PluginError, match="expected one of: csv, csv-semicolon, html, json, markdown, pdf"
        ),
    ):
        get_exporter("docx")


def test_loading_happens_once() -> None:
    plugins = Plugins(entry_points=False)
    with using(plugins):
        plugins.load()
        plugins.load()
        assert len(plugins.exporters) == 6 and plugins.problems == []


def test_a_plugin_author_can_test_an_exporter() -> None:
    def shout(result: EvaluationResult, stream: IO[bytes], options: ExportOptions) -> None:
        stream.write(result.strategy.commune.get(options.lang).upper().encode())

    upper = Exporter(
        name="upper", extension=".up", media_type="text/plain", description="x", write=shout
    )
    plugin = SimpleNamespace(register_exporters=hookimpl(lambda register: register(upper)))
    with plugins_with(plugin):
        assert export("upper", sample_result(), lang="fr") == b"COMMUNE DE TIZNIT"


def _fake_distribution(root: Path, name: str, module_source: str) -> None:
    """An installed distribution with one entry point, as a wheel would leave it."""
    (root / f"{name}.py").write_text(textwrap.dedent(module_source), encoding="utf-8")
    info = root / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[municipal_strategy]\n{name} = {name}\n")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    _fake_distribution(tmp_path, "broken_plugin", "raise ImportError('missing dependency xyz')\n")
    _fake_distribution(
        tmp_path,
        "extra_plugin",
        """
        from municipal_strategy import EvaluationResult, Exporter, ExportOptions, hookimpl

        @hookimpl
        def register_exporters(register):
            register(Exporter(name="extra", extension=".extra", media_type="text/plain",
                              description="An extra format.", write=lambda r, s, o: s.write(b"x")))
    """,
    )
    return tmp_path


def _run(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": f"{site}{':' + str(site)}", "PATH": "/usr/bin:/bin"}  # twice on the path
    return subprocess.run(
        [sys.executable, "-m", "municipal_strategy", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_entry_points_load_once_each_and_a_broken_one_is_listed(site: Path) -> None:
    result = _run(site, "plugins")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert sum(line.startswith("  extra ") for line in lines) == 1  # found twice, registered once
    assert "extra_plugin 1.0" in result.stdout
    assert "broken_plugin (broken_plugin 1.0): ImportError: missing dependency xyz" in result.stdout
    assert result.stderr.count("warning: plugin 'broken_plugin' skipped") == 1


def test_a_broken_plugin_leaves_evaluate_and_report_working(site: Path, minimal_path: Path) -> None:
    evaluated = _run(site, "evaluate", str(minimal_path), "--format", "json")
    assert evaluated.returncode == 0 and '"implementation_rate"' in evaluated.stdout
    reported = _run(site, "report", str(minimal_path), "--format", "extra", "-o", "-")
    assert reported.returncode == 0 and reported.stdout == "x"
    assert reported.stderr.count("plugin 'broken_plugin' skipped: ImportError") == 1


class SecondZip:
    @hookimpl
    def register_exporters(self, register):  # type: ignore[no-untyped-def]
        register(exporter("zip-a", ".zip"))
        register(exporter("zip-b", ".zip"))


def test_two_formats_with_one_extension_need_format(tmp_path: Path) -> None:
    with (
        plugins_with(SecondZip()),
        pytest.raises(PluginError, match=r"several formats write \.zip files \(zip-a, zip-b\)"),
    ):
        exporter_for(tmp_path / "out.zip")
