"""The exporter's work: tables to CSV, the descriptor to JSON, both into one ZIP."""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING

from .archive import zip_bytes, zip_time
from .descriptor import created, descriptor
from .tables import tables

if TYPE_CHECKING:
    from municipal_strategy import EvaluationResult, ExportOptions

DESCRIPTOR = "datapackage.json"


def package_files(result: EvaluationResult, lang: str | None = None) -> dict[str, bytes]:
    """The package's files by path: ``datapackage.json`` and one CSV per table."""
    found = tables(result)
    files = {table.path: table.csv_bytes() for table in found}
    package = descriptor(result, found, files, lang)
    text = json.dumps(package, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return {DESCRIPTOR: text.encode("utf-8"), **files}


def write(result: EvaluationResult, stream: IO[bytes], options: ExportOptions) -> None:
    """Write the package as a ZIP; `options.lang` is the language of its title and
    description (the tables hold every language)."""
    stream.write(zip_bytes(package_files(result, options.lang), zip_time(created(result))))
