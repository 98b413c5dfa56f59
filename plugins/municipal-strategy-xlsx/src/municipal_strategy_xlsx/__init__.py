"""The `xlsx` exporter for municipal-strategy: the evaluation as an Excel workbook; and the
monitoring sheet as xlsx, out (`sheet -o FILE.xlsx`) and back (`import`, `--assessments`).

The report: a summary sheet first, then one sheet per axis with the evaluation and
monitoring matrix. The monitoring sheet: one row per action, a drop-down of statuses, the
columns not to change locked. openpyxl is imported only when a workbook is written or
read, so that the command line starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING

from municipal_strategy.errors import ConfigError, Problem
from municipal_strategy.hookspecs import hookimpl
from municipal_strategy.plugins import (
    Exporter,
    ExportOptions,
    RegisterExporter,
    RegisterSheetFormat,
    RegisterSource,
    SheetFormat,
    Source,
)

if TYPE_CHECKING:
    from municipal_strategy.model import Strategy
    from municipal_strategy.scoring import EvaluationResult
    from municipal_strategy.sheet import Sheet

__all__ = [
    "read_sheet",
    "read_updates",
    "register_exporters",
    "register_sheet_formats",
    "register_sources",
    "write",
    "write_sheet",
]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def write(result: EvaluationResult, stream: IO[bytes], options: ExportOptions) -> None:
    """Write `result` to `stream` as an xlsx workbook, in the language `options` asks for."""
    from ._workbook import workbook_bytes  # imports openpyxl

    stream.write(workbook_bytes(result, options.lang))


@hookimpl
def register_exporters(register: RegisterExporter) -> None:
    register(
        Exporter(
            name="xlsx",
            extension=".xlsx",
            media_type=MEDIA_TYPE,
            description="Excel workbook: a summary sheet, then the matrix, one sheet per axis.",
            write=write,
        )
    )


def write_sheet(sheet: Sheet, stream: IO[bytes]) -> None:
    """Write the monitoring sheet `sheet` to `stream` as an xlsx workbook."""
    from ._sheet import sheet_bytes  # imports openpyxl

    stream.write(sheet_bytes(sheet))


def read_sheet(path: Path) -> list[list[str]]:
    """The rows of the filled monitoring sheet at `path`, as text cells (a formula as
    ``=…``); `ConfigError` if it is not an xlsx workbook holding one."""
    from ._sheet import read_rows  # imports openpyxl

    return read_rows(path)


def read_updates(path: Path, base: Strategy | None, year: int | None) -> Strategy:
    """`base` with `year`'s assessments (else its latest evaluation's) updated from the
    filled monitoring sheet at `path`, read as `import` reads it: by difference."""
    from municipal_strategy.sheet import apply_edits
    from municipal_strategy.sheet import read_sheet as edits_of

    if base is None:
        raise ConfigError(
            [Problem(path, "", "an XLSX sheet updates a strategy: load the strategy first")]
        )
    if year is None:
        year = base.evaluation().year
    return apply_edits(base, year, edits_of(base, year, read_sheet(path), path))


@hookimpl
def register_sheet_formats(register: RegisterSheetFormat) -> None:
    register(
        SheetFormat(
            name="xlsx",
            extension=".xlsx",
            description="The monitoring sheet as an Excel workbook: a status drop-down, "
            "locked columns, right to left in Arabic.",
            write=write_sheet,
            read=read_sheet,
        )
    )


@hookimpl
def register_sources(register: RegisterSource) -> None:
    register(
        Source(
            name="xlsx",
            reads="assessment updates: a monitoring sheet filled in Excel or LibreOffice "
            "(written by sheet -o FILE.xlsx)",
            suffixes=(".xlsx",),
            read=read_updates,
            updates=True,
        )
    )
