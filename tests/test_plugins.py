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

from .conftest import EXAMPLE, ROOT


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
        assert "its exporter 'json' is a built-in already; that one is kept" in problem.error
        assert not problem.skipped


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


class TakeOver:
    """An outside plugin that tries to take the built-in json format and .html, first."""

    @hookimpl(tryfirst=True)
    def register_exporters(self, register):  # type: ignore[no-untyped-def]
        write = lambda r, s, o: s.write(b"hijacked")  # noqa: E731
        register(
            Exporter(name="json", extension=".json", media_type="x/y", description="x", write=write)
        )
        register(
            Exporter(name="page", extension=".html", media_type="x/y", description="x", write=write)
        )


def test_an_outside_plugin_cannot_take_a_builtin_name_or_extension() -> None:
    with plugins_with(TakeOver()) as plugins:
        assert plugins.exporters["json"].builtin
        assert exporter_for(Path("r.html")).name == "html"  # the built-in, for everyone
        assert get_exporter("page").extension == ".html"  # still there by its name
        (problem,) = plugins.problems
        assert "its exporter 'json' is a built-in already" in problem.error


class Wrapper:
    """A wrapper around the hook: pluggy runs it around each plugin's call."""

    def __init__(self) -> None:
        self.calls = 0

    @hookimpl(wrapper=True)
    def register_exporters(self, register):  # type: ignore[no-untyped-def]
        self.calls += 1
        return (yield)


def test_hook_wrappers_run() -> None:
    wrapper = Wrapper()
    with plugins_with(wrapper) as plugins:
        assert wrapper.calls >= 1
        assert "json" in plugins.exporters


class Exits:
    @hookimpl
    def register_sources(self, register):  # type: ignore[no-untyped-def]
        raise SystemExit(3)


def test_a_plugin_raising_systemexit_in_a_hook_is_named_and_contained() -> None:
    with plugins_with(Exits()) as plugins:
        (problem,) = plugins.problems
        assert problem.error == "SystemExit: 3"
        assert "Exits" in problem.plugin
        assert "toml" in plugins.sources


def test_a_plugin_raising_systemexit_at_import_is_named_and_the_rest_works(
    tmp_path: Path,
) -> None:
    _fake_distribution(tmp_path, "exiting_plugin", "raise SystemExit(3)\n")
    listed = _run(tmp_path, "plugins")
    assert listed.returncode == 0, listed.stderr
    assert "exiting_plugin (exiting_plugin 1.0): SystemExit: 3" in listed.stdout
    report = _run(tmp_path, "report", str(EXAMPLE), "--format", "json", "-o", "-")
    assert report.returncode == 0, report.stderr
    assert '"export_version"' in report.stdout
    assert "plugin 'exiting_plugin' skipped: SystemExit: 3" in report.stderr


def test_every_hook_is_documented_and_exercised() -> None:
    import inspect

    from municipal_strategy import hookspecs

    hooks = [
        name
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, "municipal_strategy_spec")
    ]
    assert sorted(hooks) == ["register_exporters", "register_sheet_formats", "register_sources"]
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    for hook in hooks:
        assert f"`{hook}(register)`" in docs, hook
        assert f"def {hook}(" in tests or f"{hook}=" in tests, hook


def test_a_plugin_adds_a_sheet_format(tmp_path: Path) -> None:
    import shutil

    from click.testing import CliRunner

    from municipal_strategy.cli import cli
    from municipal_strategy.hookspecs import RegisterSheetFormat, SheetFormat
    from municipal_strategy.sheet import Sheet

    def write(sheet: Sheet, stream: IO[bytes]) -> None:
        rows = [sheet.mark, sheet.header, *sheet.rows]
        text = "\n".join("\t".join(c.replace("\n", "\\n") for c in row) for row in rows)
        stream.write(text.encode("utf-8"))

    def read(path: Path) -> list[list[str]]:
        lines = path.read_text(encoding="utf-8").split("\n")
        return [[c.replace("\\n", "\n") for c in line.split("\t")] for line in lines]

    class Tabs:
        @hookimpl
        def register_sheet_formats(self, register: RegisterSheetFormat) -> None:
            register(SheetFormat("tsv", ".tsv", "The sheet, tab-separated.", write, read))

    config = tmp_path / "example"
    shutil.copytree(EXAMPLE, config)
    before = (config / "evaluations" / "2022.toml").read_bytes()
    with plugins_with(Tabs()):
        runner = CliRunner()
        made = runner.invoke(
            cli, ["sheet", str(config), "--year", "2022", "-o", str(tmp_path / "m.tsv")]
        )
        assert made.exit_code == 0, made.output
        back = runner.invoke(
            cli, ["import", str(tmp_path / "m.tsv"), str(config), "--year", "2022"]
        )
        assert back.exit_code == 0, back.output
        assert "no change" in back.stderr
    assert (config / "evaluations" / "2022.toml").read_bytes() == before
