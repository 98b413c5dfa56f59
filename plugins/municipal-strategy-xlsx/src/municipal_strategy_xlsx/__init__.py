"""The `xlsx` exporter for municipal-strategy: the evaluation as an Excel workbook.

A summary sheet first, then one sheet per axis with the evaluation and monitoring matrix.
openpyxl is imported only when a workbook is written, so that the command line starts fast.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from municipal_strategy.hookspecs import hookimpl
from municipal_strategy.plugins import Exporter, ExportOptions, RegisterExporter

if TYPE_CHECKING:
    from municipal_strategy.scoring import EvaluationResult

__all__ = ["register_exporters", "write"]

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
