"""The hooks a plugin implements, and the types it sees; decorate implementations with
`municipal_strategy.hookimpl`.

Each hook receives a ``register`` callback: call it once per thing the plugin provides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs
import pluggy

if TYPE_CHECKING:
    from .model import Strategy
    from .scoring import EvaluationResult
    from .sheet import Sheet

hookspec = pluggy.HookspecMarker("municipal_strategy")
hookimpl = pluggy.HookimplMarker("municipal_strategy")


@attrs.frozen
class ExportOptions:
    """What a report is asked to be: its language, and fonts replacing the bundled ones
    (role → file, roles as in ``municipal_strategy.pdf.fonts.BUNDLED``)."""

    lang: str | None = None
    fonts: Mapping[str, Path] = attrs.field(factory=dict)


def _extension(_: Any, __: attrs.Attribute[Any], value: str) -> None:
    if not re.fullmatch(r"\.[A-Za-z0-9.]+", value):
        raise ValueError(f"an extension starts with a dot, e.g. '.csv', got {value!r}")


@attrs.frozen
class Exporter:
    """An output format: writes an evaluation result to a binary stream."""

    name: str
    extension: str = attrs.field(validator=_extension)
    media_type: str
    description: str
    write: Callable[[EvaluationResult, IO[bytes], ExportOptions], None]

    @property
    def is_text(self) -> bool:
        """Whether the output is text a terminal can show."""
        return self.media_type.startswith("text/") or self.media_type == "application/json"


@attrs.frozen
class Source:
    """A data source: reads a file into a strategy, or onto one (assessment updates).

    ``read(path, base, year)`` returns the strategy. A source of strategies ignores
    `base` (None); a source of updates applies the file to `year`'s evaluation of `base`.
    """

    name: str
    reads: str
    suffixes: tuple[str, ...]
    read: Callable[[Path, Strategy | None, int | None], Strategy]
    updates: bool = False


@attrs.frozen
class SheetFormat:
    """A file format of the monitoring sheet (`municipal_strategy.sheet`): writes a sheet's
    cells, and reads a filled one back as rows of text cells.

    ``read(path)`` returns every row as a list of strings (a formula as ``=…``); a file that
    is not of the format raises `ConfigError` naming it.
    """

    name: str
    extension: str = attrs.field(validator=_extension)
    description: str
    write: Callable[[Sheet, IO[bytes]], None]
    read: Callable[[Path], list[list[str]]]


RegisterExporter = Callable[[Exporter], None]
RegisterSource = Callable[[Source], None]
RegisterSheetFormat = Callable[[SheetFormat], None]


@hookspec
def register_exporters(register: RegisterExporter) -> None:
    """Register output formats: call ``register(Exporter(...))`` once per format."""


@hookspec
def register_sources(register: RegisterSource) -> None:
    """Register data sources: call ``register(Source(...))`` once per source."""


@hookspec
def register_sheet_formats(register: RegisterSheetFormat) -> None:
    """Register monitoring-sheet formats: call ``register(SheetFormat(...))`` once per format."""
