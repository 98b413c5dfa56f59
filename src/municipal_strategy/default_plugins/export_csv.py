"""The `csv` exporter: the evaluation and monitoring matrix, one row per action.

UTF-8 with a byte-order mark, so that Excel and LibreOffice read Arabic right; cells that a
spreadsheet would run as a formula are made inert.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import IO

from ..hookspecs import hookimpl
from ..plugins import Exporter, ExportOptions, RegisterExporter
from ..report import Report
from ..scoring import EvaluationResult

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text: formula-like starts get a leading apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def write_rows(stream: IO[bytes], rows: Iterable[list[str]]) -> None:
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerows([inert(cell) for cell in row] for row in rows)
    stream.write(text.getvalue().encode("utf-8-sig"))


def write(result: EvaluationResult, stream: IO[bytes], options: ExportOptions) -> None:
    report = Report.of(result, options.lang)
    write_rows(stream, [report.matrix_header(), *map(report.matrix_cells, report.matrix())])


@hookimpl
def register_exporters(register: RegisterExporter) -> None:
    register(
        Exporter(
            name="csv",
            extension=".csv",
            media_type="text/csv",
            description="The evaluation and monitoring matrix: one row per action, for spreadsheets.",
            write=write,
        )
    )
