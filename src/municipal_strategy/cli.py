"""The `municipal-strategy` command: a thin click layer over the library.

The library is imported inside each command, so that ``--help`` costs click alone.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING

import click

if TYPE_CHECKING:
    import os
    from pathlib import Path

    from .model import Strategy


class _Path(click.Path["Path"]):
    """A path option or argument, given to the command as a `pathlib.Path`, as
    ``click.Path(path_type=pathlib.Path)`` does; but pathlib is imported only once a
    command is given a path, so that ``--help`` does without it."""

    def coerce_path_result(self, value: str | os.PathLike[str]) -> Path:
        import pathlib

        return value if isinstance(value, pathlib.Path) else pathlib.Path(value)


CONFIG = _Path(exists=False)
#: How many problems a command prints at most; the count says how many there were.
SHOWN_PROBLEMS = 50
LANG = click.Choice(["ar", "fr", "en"])


ASSESSMENTS = click.option(
    "--assessments",
    "assessment_files",
    multiple=True,
    type=_Path(exists=False, dir_okay=False),
    help="A file of assessment updates (e.g. a monitoring CSV) applied to the year; repeatable.",
)


def _fonts(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, Path]:
    """``--font ROLE=FILE`` options as role → file."""
    import pathlib

    fonts = {}
    for item in values:
        role, sep, file = item.partition("=")
        if not (sep and role.strip() and file):
            raise click.BadParameter(f"{item!r}: expected ROLE=FILE, e.g. arabic=Amiri-Regular.ttf")
        fonts[role.strip()] = pathlib.Path(file)
    return fonts


@contextmanager
def _reported() -> Iterator[None]:
    """Turn the library's errors into messages on stderr and exit code 2."""
    from .errors import ConfigError, EvaluationError, OutputError, PluginError

    try:
        yield
    except ConfigError as exc:
        shown = exc.problems[:SHOWN_PROBLEMS]
        for problem in shown:
            click.echo(f"error: {problem}", err=True)
        count = len(exc.problems)
        more = f" ({count - len(shown)} more not shown)" if count > len(shown) else ""
        click.echo(f"{count} problem{'s' if count != 1 else ''} found{more}", err=True)
        sys.exit(2)
    except (EvaluationError, PluginError, OutputError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


def _load_plugins() -> None:
    """Load the plugins, saying once on stderr which were skipped and why."""
    from .plugins import get_plugins

    plugins = get_plugins()
    if not plugins.warned:
        for problem in plugins.problems:
            click.echo(f"warning: {problem}", err=True)
        for name, seconds in plugins.slow:
            click.echo(f"note: plugin {name!r} took {seconds:.1f} s to import", err=True)
        plugins.warned = True


def _load(path: Path, assessment_files: tuple[Path, ...], year: int | None) -> Strategy:
    """The configuration at `path`, with the assessment files applied to `year`."""
    from .loading import apply_updates, load

    strategy = load(path)
    if assessment_files:
        _load_plugins()
        target = year if year is not None else strategy.evaluation().year
        for file in assessment_files:
            strategy = apply_updates(strategy, file, target)
    return strategy


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="municipal-strategy", prog_name="municipal-strategy")
def cli() -> None:
    """Model a commune's strategy, evaluate it year by year and report on it.

    PATH is a configuration: a TOML file, or a directory holding strategy.toml and
    evaluations/YEAR.toml files.
    """


@cli.command()
@click.argument("path", type=CONFIG)
@ASSESSMENTS
@click.option("--year", type=int, help="The year the --assessments files update.")
def validate(path: Path, assessment_files: tuple[Path, ...], year: int | None) -> None:
    """Check a configuration and report every problem found."""
    with _reported():
        strategy = _load(path, assessment_files, year)
    actions = sum(1 for _ in strategy.actions())
    years = ", ".join(map(str, strategy.years)) or "none"
    click.echo(
        f"{path}: valid — {len(strategy.axes)} axes, {actions} actions, evaluations: {years}"
    )


@cli.command()
@click.argument("path", type=CONFIG)
@click.option("--year", type=int, help="The evaluated year (optional when there is one).")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)
@click.option(
    "--lang",
    type=LANG,
    help="Language of texts and labels [default: the strategy title's first language].",
)
@ASSESSMENTS
def evaluate(
    path: Path,
    year: int | None,
    format_: str,
    lang: str | None,
    assessment_files: tuple[Path, ...],
) -> None:
    """Score a year's evaluation: rate, per-axis rates, status counts, exclusions."""
    from .scoring import evaluate as score
    from .summary import summary_dict, summary_text

    with _reported():
        result = score(_load(path, assessment_files, year), year)
    if format_ == "json":
        import json

        click.echo(json.dumps(summary_dict(result, lang), ensure_ascii=False, indent=2))
    else:
        click.echo(summary_text(result, lang), nl=False)


FORMAT_TEXT_JSON = click.option(
    "--format",
    "format_",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)
LANG_OPTION = click.option(
    "--lang",
    type=LANG,
    help="Language of texts and labels [default: the strategy title's first language].",
)


def _print(data: object, format_: str, text: str) -> None:
    if format_ == "json":
        import json

        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("path", type=CONFIG)
@FORMAT_TEXT_JSON
@LANG_OPTION
def history(path: Path, format_: str, lang: str | None) -> None:
    """Every evaluated year side by side: rates overall and per axis, counts, late actions,
    budget, and each indicator's values beside its targets."""
    from .history import history as years
    from .history_report import history_dict, history_text

    with _reported():
        found = years(_load(path, (), None))
    _print(
        history_dict(found, lang) if format_ == "json" else None,
        format_,
        history_text(found, lang) if format_ == "text" else "",
    )


@cli.command()
@click.argument("path", type=CONFIG)
@click.option("--from", "before", type=int, required=True, help="The earlier year.")
@click.option("--to", "after", type=int, required=True, help="The later year.")
@FORMAT_TEXT_JSON
@LANG_OPTION
def compare(path: Path, before: int, after: int, format_: str, lang: str | None) -> None:
    """What changed for every action between two years; regressions first."""
    from .history import compare as between
    from .history_report import comparison_dict, comparison_text

    with _reported():
        comparison = between(_load(path, (), None), before, after)
    _print(
        comparison_dict(comparison, lang) if format_ == "json" else None,
        format_,
        comparison_text(comparison, lang) if format_ == "text" else "",
    )


@cli.command()
@click.argument("path", type=CONFIG)
@click.option("--year", type=int, required=True, help="The year the sheet gathers.")
@click.option(
    "-o",
    "--output",
    type=_Path(dir_okay=False),
    required=True,
    help="The sheet to write: .csv, or .xlsx with the xlsx plugin.",
)
@LANG_OPTION
def sheet(path: Path, year: int, output: Path, lang: str | None) -> None:
    """Write the monitoring sheet of a year, for the team that gathers statuses: one row
    per action, pre-filled with the year's assessments (or the year before's)."""
    from .errors import EvaluationError, OutputError, PluginError
    from .output import is_one_of, write_output
    from .plugins import sheet_format_for
    from .sheet import build_sheet

    with _reported():
        _load_plugins()
        strategy = _load(path, (), None)
        if year not in strategy.period:
            raise EvaluationError(f"{year} is outside the strategy's period {strategy.period}")
        found = sheet_format_for(output)
        made = build_sheet(strategy, year, lang)
        if is_one_of(output, _inputs(path, strategy, ())):
            raise PluginError(f"{output} is an input of the configuration: choose another file")
    try:
        write_output(output, lambda stream: found.write(made, stream))
    except OutputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror}", err=True)
        sys.exit(2)
    click.echo(f"wrote {output} ({len(made.rows)} actions, {year})", err=True)


@cli.command(name="import")
@click.argument("sheet_file", metavar="FILE", type=_Path(dir_okay=False))
@click.argument("path", type=CONFIG)
@click.option("--year", type=int, required=True, help="The year the sheet was made for.")
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
def import_(sheet_file: Path, path: Path, year: int, dry_run: bool) -> None:
    """Write a filled monitoring sheet into the year's evaluation file, keeping its comments
    and layout, and print what changed."""
    from .errors import ConfigError, Problem
    from .plugins import sheet_format_for
    from .sheet import read_sheet
    from .writeback import write_edits

    with _reported():
        _load_plugins()
        strategy = _load(path, (), None)
        if not sheet_file.is_file():
            raise ConfigError([Problem(sheet_file, "", "no such file")])
        records = sheet_format_for(sheet_file).read(sheet_file)
        edits = read_sheet(strategy, year, records, sheet_file)
        written = write_edits(path, strategy, year, edits, dry_run=dry_run)
    for line in written.lines:
        click.echo(line)
    verb = "would write" if dry_run else ("created" if written.created else "updated")
    if not written.lines and not written.created:
        click.echo(f"{written.file}: no change", err=True)
    else:
        click.echo(f"{verb} {written.file} ({len(written.lines)} changes)", err=True)


@cli.command()
@click.argument("directory", type=_Path(file_okay=False))
@click.option("--commune", help="The commune's name [default: Ma commune].")
@click.option(
    "--lang",
    "langs",
    multiple=True,
    metavar="CODE",
    help="A language of the texts (ar, fr, en, zgh…); repeatable [default: fr].",
)
@click.option("--title", help="The strategy's title [default: Stratégie START–END].")
@click.option(
    "--period",
    metavar="START-END",
    help="The years covered, e.g. 2024-2029 [default: this year and the five after].",
)
@click.option(
    "--scale",
    type=click.Choice(["default", "ogp"]),
    help="The status scale: a preset [default: default].",
)
@click.option("--axis", "axes", multiple=True, help="An axis's title; repeatable [default: Axe 1].")
@click.option(
    "--from",
    "source",
    type=_Path(exists=True),
    help="Start from a copy of another commune's strategy, without its evaluations.",
)
def init(
    directory: Path,
    commune: str | None,
    langs: tuple[str, ...],
    title: str | None,
    period: str | None,
    scale: str | None,
    axes: tuple[str, ...],
    source: Path | None,
) -> None:
    """Write a new commune's configuration into an empty DIRECTORY, asking what no option
    gives when run in a terminal (elsewhere, each question takes its default)."""
    import datetime as dt

    from .scaffold import Answers, parse_period
    from .scaffold import init as scaffold

    ask = sys.stdin.isatty() and source is None
    given = {
        name
        for name, value in (("commune", commune), ("title", title), ("period", period))
        if value
    }
    this_year = dt.date.today().year
    defaults = Answers(period=(this_year, this_year + 5))
    if ask and commune is None:
        commune = click.prompt("Commune's name", default=defaults.commune)
    if ask and not langs:
        langs = tuple(click.prompt("Languages (e.g. ar fr)", default="fr").split())
    if ask and period is None:
        period = click.prompt("Period (START-END)", default=f"{this_year}-{this_year + 5}")
    try:
        years = parse_period(period) if period else defaults.period
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--period") from None
    if ask and title is None:
        title = click.prompt("Strategy's title", default=f"Stratégie {years[0]}–{years[1]}")
    if ask and scale is None:
        scale = click.prompt("Scale", type=click.Choice(["default", "ogp"]), default="default")
    if ask and not axes:
        axes = tuple(
            a.strip()
            for a in click.prompt("Axes (separated by ;)", default="Axe 1").split(";")
            if a.strip()
        )
    answers = Answers(
        commune=commune or defaults.commune,
        langs=langs or defaults.langs,
        title=title,
        period=years,
        scale=scale or defaults.scale,
        axes=axes or defaults.axes,
    )
    with _reported():
        written = scaffold(directory, answers, source=source, given=given)
    click.echo(f"wrote {written}; next: municipal-strategy validate {directory}")


def _inputs(path: Path, strategy: Strategy, assessment_files: tuple[Path, ...]) -> set[Path]:
    """Every file the configuration was read from (what an output must not be written
    over: `output.is_one_of`)."""
    from .loading import configuration_files

    strategy_file, evaluation_files = configuration_files(path)
    files = {strategy_file, *evaluation_files, *assessment_files}
    folders = {strategy_file.parent, *(f.parent for f in evaluation_files)}
    files |= {
        folder / item.path for e in strategy.evaluations for item in e.imports for folder in folders
    }
    return files


@cli.command()
@click.argument("path", type=CONFIG)
@click.option(
    "--format",
    "format_",
    metavar="NAME",
    help="Output format (see `plugins`) [default: from the output file's extension].",
)
@click.option(
    "-o",
    "--output",
    type=_Path(dir_okay=False, allow_dash=True),
    help="The file to write, or - for standard output.",
)
@click.option("--year", type=int, help="The evaluated year (optional when there is one).")
@click.option(
    "--lang",
    type=LANG,
    help="Language of texts and labels [default: the strategy title's first language].",
)
@click.option(
    "--font",
    "fonts",
    multiple=True,
    metavar="ROLE=FILE",
    callback=_fonts,
    help="A font file for the PDF, replacing a bundled one; ROLE is arabic, arabic-bold, "
    "latin, latin-bold or tifinagh. Repeatable.",
)
@ASSESSMENTS
def report(
    path: Path,
    format_: str | None,
    output: Path | None,
    year: int | None,
    lang: str | None,
    fonts: dict[str, Path],
    assessment_files: tuple[Path, ...],
) -> None:
    """Write the evaluation report: pdf, html, markdown, csv, json, or a plugin's format."""
    from .errors import OutputError, PluginError
    from .output import check_destination, is_one_of, write_output
    from .plugins import ExportOptions, exporter_for, get_exporter
    from .scoring import evaluate as score

    destination = None if output is None or str(output) == "-" else output  # None: stdout
    with _reported():
        _load_plugins()
        if format_ is None and destination is None:
            raise PluginError(
                "give --format, or an output file whose extension tells it (-o report.html)"
            )
        exporter = get_exporter(format_) if format_ else exporter_for(destination)  # type: ignore[arg-type]
        strategy = _load(path, assessment_files, year)
        result = score(strategy, year)
        if output is None and not exporter.is_text and sys.stdout.isatty():
            raise PluginError(
                f"{exporter.name} is not text: give -o FILE, or -o - to write it here anyway"
            )
        if destination is not None and is_one_of(
            destination, _inputs(path, strategy, assessment_files)
        ):
            raise PluginError(
                f"{output} is an input of the configuration: choose another output file"
            )
        if destination is not None:
            check_destination(destination)  # before the work of rendering
    options = ExportOptions(lang=lang, fonts=fonts)
    try:
        write_output(destination, lambda stream: exporter.write(result, stream, options))
    except (PluginError, OutputError) as exc:  # a font --font gives that cannot be used
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror}", err=True)
        sys.exit(2)
    except Exception as exc:
        click.echo(
            f"error: the {exporter.name} exporter failed: {type(exc).__name__}: {exc}", err=True
        )
        sys.exit(1)
    if destination is not None:
        click.echo(f"wrote {destination} ({exporter.name})", err=True)


@cli.command()
@click.option(
    "--year",
    "year_file",
    is_flag=True,
    help="The schema of an evaluations/YEAR.toml file instead of strategy.toml.",
)
@click.option(
    "-o",
    "--output",
    type=_Path(dir_okay=False, allow_dash=True),
    default="-",
    help="The file to write [default: standard output].",
)
def schema(year_file: bool, output: Path) -> None:
    """Print the configuration's JSON Schema, for editors that complete and check TOML."""
    from importlib import resources

    from .config_schema import STRATEGY_SCHEMA, YEAR_SCHEMA
    from .errors import OutputError
    from .output import write_output

    name = YEAR_SCHEMA if year_file else STRATEGY_SCHEMA
    data = resources.files("municipal_strategy").joinpath(f"schemas/{name}").read_bytes()
    destination = None if str(output) == "-" else output

    def copy(stream: IO[bytes]) -> None:
        stream.write(data)

    try:
        write_output(destination, copy)
    except OutputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror}", err=True)
        sys.exit(2)
    if destination is not None:
        click.echo(f"wrote {destination}", err=True)


@cli.command()
def plugins() -> None:
    """List the output formats and data sources, and who provides them."""
    from .plugins import get_plugins

    _load_plugins()
    found = get_plugins()
    exporters = [
        (name, r.item.extension, str(r.provider), r.item.description)
        for name, r in sorted(found.exporters.items())
    ]
    sources = [
        (name, "/".join(r.item.suffixes), str(r.provider), r.item.reads)
        for name, r in sorted(found.sources.items())
    ]
    sheets = [
        (name, r.item.extension, str(r.provider), r.item.description)
        for name, r in sorted(found.sheet_formats.items())
    ]
    widths = [max(len(row[i]) for row in exporters + sources + sheets) for i in range(3)]
    for title, rows in (
        ("Exporters (report --format NAME):", exporters),
        ("Sources:", sources),
        ("Sheet formats (sheet -o FILE):", sheets),
    ):
        click.echo(title)
        for row in rows:
            click.echo(
                "  "
                + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False))
                + "  "
                + row[3]
            )
    if found.problems:
        click.echo("Skipped:")
        for problem in found.problems:
            provider = f" ({problem.provider})" if problem.provider else ""
            click.echo(f"  {problem.plugin}{provider}: {problem.error}")


def _add_commands() -> None:
    """The commands that live in modules of their own."""
    from .cli_network import network
    from .cli_site import site

    cli.add_command(network)
    cli.add_command(site)


_add_commands()


def main() -> None:
    cli(prog_name="municipal-strategy")
