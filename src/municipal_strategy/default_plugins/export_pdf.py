"""The `pdf` exporter: the evaluation report a commune hands to its council.

fpdf2 and uharfbuzz are imported when a PDF is written, never before.
"""

from __future__ import annotations

from typing import IO

from ..hookspecs import hookimpl
from ..plugins import Exporter, ExportOptions, RegisterExporter
from ..scoring import EvaluationResult


def write(result: EvaluationResult, stream: IO[bytes], options: ExportOptions) -> None:
    from ..build import build_document
    from ..pdf.document import render
    from ..pdf.fonts import FontSet

    fonts = FontSet.bundled(options.fonts)
    stream.write(render(build_document(result, options.lang), fonts))


@hookimpl
def register_exporters(register: RegisterExporter) -> None:
    register(
        Exporter(
            name="pdf",
            extension=".pdf",
            media_type="application/pdf",
            description="The evaluation report for the council: Arabic, French or English, charts, matrix annex.",
            write=write,
        )
    )
