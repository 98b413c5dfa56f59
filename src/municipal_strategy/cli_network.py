"""The `network` command: every member of a network evaluated for a year and compared, and
optionally each member's report written into a folder (batch reports).

The library (and pathlib) is imported inside the command, so that ``--help`` costs click
alone.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any, Protocol

import click

if TYPE_CHECKING:
    from pathlib import Path

    from .network import Network
    from .network_report import ReportJob

#: The exit code when some members could not be compared (or their reports written).
INCOMPLETE = 3
#: At most this often (seconds) the record of finished reports is saved during a batch.
RECORD_EVERY = 2.0


class _Stopped(BaseException):
    """SIGTERM (or SIGHUP) reached the command: stop as Ctrl-C does."""


@contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise `_Stopped` where the command is."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise _Stopped(signum)

    previous = {}
    try:
        for signum in (signal.SIGTERM, signal.SIGHUP):
            previous[signum] = signal.signal(signum, handler)
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


class _Bar(Protocol):
    def update(self, n_steps: int) -> None: ...


class _Silent:
    def update(self, n_steps: int) -> None:
        pass


@contextmanager
def _progress(length: int, label: str) -> Iterator[_Bar]:
    """A progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty() or length < 2:
        yield _Silent()
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar


def _fonts(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, Path]:
    from .cli import _fonts as fonts

    return fonts(ctx, param, values)


def _batch_line(network: Network, rows: list[Any], job: ReportJob) -> str:
    outcomes = [r.report.status for r in rows if r.report is not None]
    return (
        f"reports in {job.folder}: {outcomes.count('written')} written, "
        f"{outcomes.count('unchanged')} unchanged, {outcomes.count('failed')} failed; "
        f"members without a report: {len(network.members) - len(outcomes)}"
    )


@click.command()
@click.argument("path", type=click.Path())
@click.option("--year", type=int, required=True, help="The evaluated year to compare.")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["text", "json", "csv", "html"]),
    default="text",
    show_default=True,
    help="text for people, json and csv for programs, html for a page.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="The file to write the comparison to [default: standard output].",
)
@click.option(
    "--lang",
    type=click.Choice(["ar", "fr", "en"]),
    help="Language of labels and names [default: the network title's first language].",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes evaluating members at once [default: the machine's cores].",
)
@click.option(
    "--reports",
    type=click.Path(),
    metavar="FOLDER",
    help="Also write every member's report into FOLDER, as MEMBER-ID.EXT; a report whose "
    "inputs did not change since the last run is kept.",
)
@click.option(
    "--report-format",
    default="pdf",
    show_default=True,
    metavar="NAME",
    help="The format of the --reports (see `plugins`).",
)
@click.option(
    "--font",
    "fonts",
    multiple=True,
    metavar="ROLE=FILE",
    callback=_fonts,
    help="A font for PDF --reports, as `report --font`; repeatable.",
)
def network(
    path: str,
    year: int,
    format_: str,
    output: str | None,
    lang: str | None,
    jobs: int | None,
    reports: str | None,
    report_format: str,
    fonts: dict[str, Path],
) -> None:
    """Evaluate every member of a network for YEAR and compare them: rates, counts, themes,
    late actions, budgets, and their distribution overall and per region.

    PATH is a network.toml, a folder holding one, or a folder whose subfolders are
    configurations. Exit code 3 when some members could not be compared.
    """
    from pathlib import Path

    from . import network as net
    from .cli import _load_plugins, _reported
    from .errors import OutputError, PluginError
    from .network_report import read_record, render, report_job, write_record
    from .output import check_destination, is_one_of, write_output

    destination = None if output is None or output == "-" else Path(output)
    with _reported():
        found = net.load_network(path)
        if destination is not None:
            check_destination(destination)
            if is_one_of(destination, net.network_files(found)):
                raise PluginError(f"{output} is an input of the network: choose another file")
        job = None
        if reports is not None:
            _load_plugins()
            job = report_job(Path(reports), report_format, year, lang, fonts)
    language = net.network_language(found, lang)
    record = read_record(job.folder) if job else {}
    todo = net.tasks(found, year, language, job, record)
    rows: list[net.MemberRow] = []
    saved = time.monotonic()

    def keep(row: net.MemberRow) -> None:
        member = found.members[row.index].id
        if row.report is not None and row.report.record is not None:
            record[member] = row.report.record
        elif row.report is not None:
            record.pop(member, None)

    def evaluate_all(todo: list[net.Task], label: str, rows: list[net.MemberRow]) -> None:
        nonlocal saved
        with (
            _stopped_by_signals(),
            _progress(len(todo), label) as bar,
            closing(net.run(todo, jobs or os.cpu_count() or 1)) as results,
        ):
            for done in results:
                rows += done
                for row in done:
                    keep(row)
                bar.update(len(done))
                if job and time.monotonic() - saved > RECORD_EVERY:
                    write_record(job.folder, record)
                    saved = time.monotonic()

    try:
        if job:  # the members read first: a bad network (a theme no member uses, known
            # once they are read) stops the batch before any report is written
            read: list[net.MemberRow] = []
            evaluate_all(net.tasks(found, year, language), "Reading", read)
            with _reported():
                net.compare(found, year, language, read, None)
        evaluate_all(todo, "Writing reports" if job else "Evaluating", rows)
    except (KeyboardInterrupt, _Stopped):
        if job:
            write_record(job.folder, record)
        click.echo(
            f"\ninterrupted: {len(rows)} of {len(todo)} members done"
            + (f"; {_batch_line(found, rows, job)}; no partial file left" if job else ""),
            err=True,
        )
        sys.exit(2)
    except Exception as exc:  # a worker process killed (out of memory…) breaks the pool
        click.echo(f"error: the evaluation stopped: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)
    if job:
        write_record(job.folder, record)
        click.echo(_batch_line(found, rows, job), err=True)
    with _reported():
        comparison = net.compare(found, year, language, rows, job)
    try:
        write_output(destination, lambda stream: stream.write(render(comparison, format_)))
    except OutputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror}", err=True)
        sys.exit(2)
    if not comparison.complete:
        compared = len(comparison.compared)
        failed = sum(r.report is not None and r.report.status == "failed" for r in rows)
        click.echo(
            f"{compared} of {len(rows)} members compared"
            + (f", {failed} reports failed" if failed else "")
            + f" (exit code {INCOMPLETE})",
            err=True,
        )
        sys.exit(INCOMPLETE)
