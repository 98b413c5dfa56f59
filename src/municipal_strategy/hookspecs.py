"""The hooks a plugin implements; decorate implementations with `municipal_strategy.hookimpl`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .plugins import RegisterExporter, RegisterSheetFormat, RegisterSource

hookspec = pluggy.HookspecMarker("municipal_strategy")
hookimpl = pluggy.HookimplMarker("municipal_strategy")


@hookspec
def register_exporters(register: RegisterExporter) -> None:
    """Register output formats: call ``register(Exporter(...))`` once per format."""


@hookspec
def register_sources(register: RegisterSource) -> None:
    """Register data sources: call ``register(Source(...))`` once per source."""


@hookspec
def register_sheet_formats(register: RegisterSheetFormat) -> None:
    """Register monitoring-sheet formats: call ``register(SheetFormat(...))`` once per format."""
