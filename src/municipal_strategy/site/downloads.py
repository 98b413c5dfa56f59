"""The report's files a commune's page offers, made by the exporters of the plugins (the
same as `municipal-strategy report` writes): the PDF, the CSV matrix and the JSON export of
the last evaluated year, in the page's language."""

from __future__ import annotations

import io

import attrs

from ..hookspecs import ExportOptions
from ..plugins import get_exporter
from ..scoring import EvaluationResult

#: The formats offered, in the order the page lists them.
FORMATS = ("pdf", "csv", "json")


def published(result: EvaluationResult) -> EvaluationResult:
    """`result` as a public file may show it: the logo named by its file name, not by the
    path of the computer that built the site (the configuration's texts say nothing of it
    otherwise)."""
    logo = result.strategy.logo
    if logo is None:
        return result
    name = logo.replace("\\", "/").rsplit("/", 1)[-1]
    return attrs.evolve(result, strategy=attrs.evolve(result.strategy, logo=name))


def export(result: EvaluationResult, name: str, lang: str) -> tuple[bytes, str, str]:
    """The file of `result` in the format `name` and `lang`: its bytes, extension and media type."""
    exporter = get_exporter(name)
    stream = io.BytesIO()
    # the PDF shows the logo itself, read from its path; the data formats only name it
    source = result if name == "pdf" else published(result)
    exporter.write(source, stream, ExportOptions(lang=lang))
    return stream.getvalue(), exporter.extension, exporter.media_type
