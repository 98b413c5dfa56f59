"""A municipal-strategy exporter for open-data portals: the evaluation as a Frictionless
Data Package, a ZIP of ``datapackage.json`` and CSV tables (actions, axes, indicators, ...).

Installed, it registers the ``datapackage`` format through the ``municipal_strategy`` entry
point::

    municipal-strategy report examples/aitmelloul_2022 --format datapackage -o aitmelloul-2022.zip

This module stays small, as every command imports it; the work is done in `.export`.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from municipal_strategy import Exporter, hookimpl

if TYPE_CHECKING:
    from municipal_strategy import EvaluationResult, ExportOptions
    from municipal_strategy.plugins import RegisterExporter

__all__ = ["EXPORTER", "register_exporters", "write"]


def write(result: EvaluationResult, stream: IO[bytes], options: ExportOptions) -> None:
    """Write `result` to `stream` as a Data Package in a ZIP."""
    from .export import write as write_package

    write_package(result, stream, options)


EXPORTER = Exporter(
    name="datapackage",
    extension=".zip",
    media_type="application/zip",
    description="Open data: a Frictionless Data Package (ZIP of CSV tables + datapackage.json).",
    write=write,
)


@hookimpl
def register_exporters(register: RegisterExporter) -> None:
    register(EXPORTER)
