"""The `html` exporter: the report's document (`build_document`) as one self-contained page,
charts in inline SVG, ready to print (`municipal_strategy.render.html`).

Every text is escaped; the page fetches nothing and runs no script.
"""

from __future__ import annotations

from typing import IO

from ..build import build_document
from ..hookspecs import hookimpl
from ..plugins import Exporter, ExportOptions, RegisterExporter
from ..render.html import render as render_document
from ..scoring import EvaluationResult


def render(result: EvaluationResult, lang: str | None = None) -> str:
    """The report of `result` in `lang` as one HTML page."""
    return render_document(build_document(result, lang))


def write(result: EvaluationResult, stream: IO[bytes], options: ExportOptions) -> None:
    stream.write(render(result, options.lang).encode("utf-8"))


@hookimpl
def register_exporters(register: RegisterExporter) -> None:
    register(
        Exporter(
            name="html",
            extension=".html",
            media_type="text/html",
            description="The whole report as one self-contained web page with charts, ready to print.",
            write=write,
        )
    )
