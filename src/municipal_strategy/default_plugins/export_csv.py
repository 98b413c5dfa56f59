"""The `csv` and `csv-semicolon` exporters: the evaluation and monitoring matrix, one row per
action, in two dialects of one writer.

Both are UTF-8 with a byte-order mark (Excel and LibreOffice's import dialog take it for
UTF-8), CRLF line ends, and cells that a spreadsheet would run as a formula made inert. `csv`
separates with commas and writes decimal points, as English-language spreadsheets expect;
`csv-semicolon` separates with semicolons and writes decimal commas, as spreadsheets set to
French (and other settings whose decimal separator is a comma) expect — the dialect French
Excel names "CSV (séparateur : point-virgule)". Which to choose: docs/spreadsheets.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO

import attrs

from ..cells import FORMULA_STARTS, inert
from ..hookspecs import hookimpl
from ..plugins import Exporter, ExportOptions, RegisterExporter
from ..report import Report
from ..scoring import EvaluationResult

__all__ = ["FORMULA_STARTS", "inert"]
#: A cell holding any of these is quoted: the field separators a spreadsheet may split on
#: (LibreOffice's import dialog splits on comma, semicolon and tab at once unless told
#: otherwise), the quote, and line breaks.
QUOTE_WHEN = frozenset(',;\t"\r\n')


@attrs.frozen
class Dialect:
    """How the matrix is written: the field separator, and the decimal separator of numbers."""

    separator: str
    decimal: str


COMMA = Dialect(separator=",", decimal=".")
SEMICOLON = Dialect(separator=";", decimal=",")


def quoted(cell: str) -> str:
    """`cell` as a CSV field: in double quotes (doubled inside) when it holds a separator,
    a quote or a line break, else as it is."""
    return '"' + cell.replace('"', '""') + '"' if QUOTE_WHEN.intersection(cell) else cell


def write_rows(stream: IO[bytes], rows: Iterable[list[str]], dialect: Dialect = COMMA) -> None:
    """Write `rows` to `stream` in `dialect`: UTF-8 with a BOM, CRLF, formula-like cells inert."""
    lines = (dialect.separator.join(quoted(inert(cell)) for cell in row) + "\r\n" for row in rows)
    stream.write("".join(lines).encode("utf-8-sig"))


def localised(cells: list[str], numeric: list[bool], dialect: Dialect) -> list[str]:
    """A matrix row with its numbers written with the dialect's decimal separator."""
    return [
        cell.replace(".", dialect.decimal) if is_number else cell
        for cell, is_number in zip(cells, numeric, strict=True)
    ]


def matrix_rows(report: Report, dialect: Dialect) -> list[list[str]]:
    """The matrix's header, then one row per action, numbers as `dialect` writes them."""
    numeric = [column.numeric for column in report.matrix_columns()]
    rows = (localised(cells, numeric, dialect) for cells in report.matrix_table())
    return [report.matrix_header(), *rows]


def writer(dialect: Dialect) -> Callable[[EvaluationResult, IO[bytes], ExportOptions], None]:
    """The exporter function that writes the matrix in `dialect`."""

    def write(result: EvaluationResult, stream: IO[bytes], options: ExportOptions) -> None:
        write_rows(stream, matrix_rows(Report.of(result, options.lang), dialect), dialect)

    return write


write = writer(COMMA)

EXPORTERS = (
    Exporter(
        name="csv",
        extension=".csv",
        media_type="text/csv",
        description="The evaluation and monitoring matrix: one row per action, for spreadsheets.",
        write=write,
    ),
    Exporter(
        name="csv-semicolon",
        extension=".ssv",
        media_type="text/csv",
        description="The matrix as CSV with ';' and decimal commas, for French spreadsheets.",
        write=writer(SEMICOLON),
    ),
)


@hookimpl
def register_exporters(register: RegisterExporter) -> None:
    for exporter in EXPORTERS:
        register(exporter)
