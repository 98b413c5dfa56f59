"""The `markdown` exporter: the whole report as readable Markdown."""

from __future__ import annotations

from typing import IO

from ..build import build_document
from ..hookspecs import hookimpl
from ..plugins import Exporter, ExportOptions, RegisterExporter
from ..render.markdown import render
from ..scoring import EvaluationResult


def write(result: EvaluationResult, stream: IO[bytes], options: ExportOptions) -> None:
    stream.write(render(build_document(result, options.lang)).encode("utf-8"))


@hookimpl
def register_exporters(register: RegisterExporter) -> None:
    register(
        Exporter(
            name="markdown",
            extension=".md",
            media_type="text/markdown",
            description="The whole report as Markdown, for wikis, repositories and e-mail.",
            write=write,
        )
    )
