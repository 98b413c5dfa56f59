"""The plugin manager: outside plugins from entry points, then the built-in ones.

Plugins are loaded on first use, once per process, never at import time. Each plugin's
import and each of its hook calls is isolated: a plugin that fails is skipped and reported
(`problems()`), and everything else goes on. Set ``MUNICIPAL_STRATEGY_LOAD_PLUGINS`` to a
comma-separated list of entry-point names to load only those (empty: none).
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

import attrs
import pluggy

from . import hookspecs
from .errors import PluginError

if TYPE_CHECKING:
    from .model import Strategy
    from .scoring import EvaluationResult
    from .sheet import Sheet

ENTRY_POINT_GROUP = "municipal_strategy"
LOAD_PLUGINS_ENV = "MUNICIPAL_STRATEGY_LOAD_PLUGINS"
DISTRIBUTION = "municipal-strategy"

#: The built-in plugins, registered after the outside ones through the same hooks.
DEFAULT_PLUGINS = (
    "municipal_strategy.default_plugins.export_json",
    "municipal_strategy.default_plugins.export_csv",
    "municipal_strategy.default_plugins.export_markdown",
    "municipal_strategy.default_plugins.export_html",
    "municipal_strategy.default_plugins.export_pdf",
    "municipal_strategy.default_plugins.source_toml",
    "municipal_strategy.default_plugins.source_csv",
    "municipal_strategy.default_plugins.sheet_csv",
)

T = TypeVar("T")


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


@attrs.frozen
class Provider:
    """Who provides a registered thing: a distribution and its version, or a module."""

    name: str
    version: str | None = None

    def __str__(self) -> str:
        return f"{self.name} {self.version}" if self.version else self.name


@attrs.frozen
class Registered(Generic[T]):
    item: T
    provider: Provider


@attrs.frozen
class PluginProblem:
    """A plugin that could not be loaded or registered, and why."""

    plugin: str
    provider: Provider | None
    error: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r} skipped: {self.error}"


RegisterExporter = Callable[[Exporter], None]
RegisterSource = Callable[[Source], None]
RegisterSheetFormat = Callable[[SheetFormat], None]


def _own_provider() -> Provider:
    try:
        return Provider(DISTRIBUTION, metadata.version(DISTRIBUTION))
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return Provider(DISTRIBUTION)


class Plugins:
    """A plugin manager and what its plugins registered, collected once."""

    def __init__(self, *, entry_points: bool = True, extra: tuple[object, ...] = ()) -> None:
        self.manager = pluggy.PluginManager(ENTRY_POINT_GROUP)
        self.manager.add_hookspecs(hookspecs)
        self._entry_points = entry_points
        self._extra = extra
        self._providers: dict[int, Provider] = {}
        self._loaded = False
        self.exporters: dict[str, Registered[Exporter]] = {}
        self.sources: dict[str, Registered[Source]] = {}
        self.sheet_formats: dict[str, Registered[SheetFormat]] = {}
        self.problems: list[PluginProblem] = []
        #: Whether the problems were shown to the user already.
        self.warned = False

    def load(self) -> None:
        """Load entry points, extra plugins and the defaults, then collect; once."""
        if self._loaded:
            return
        self._loaded = True
        if self._entry_points:
            self._load_entry_points()
        for plugin in self._extra:
            self._register(plugin, getattr(plugin, "__name__", repr(plugin)), None)
        own = _own_provider()
        for name in DEFAULT_PLUGINS:
            self._register(importlib.import_module(name), name, own)
        self._collect()

    def _load_entry_points(self) -> None:
        wanted = os.environ.get(LOAD_PLUGINS_ENV)
        names = None if wanted is None else {n.strip() for n in wanted.split(",") if n.strip()}
        seen: set[tuple[str, str]] = set()
        for entry_point in metadata.entry_points(group=ENTRY_POINT_GROUP):
            dist = entry_point.dist
            provider = Provider(dist.name, dist.version) if dist else Provider(entry_point.value)
            key = (provider.name.lower().replace("_", "-"), entry_point.name)
            if key in seen or (names is not None and entry_point.name not in names):
                continue  # the same distribution found twice on sys.path registers once
            seen.add(key)
            try:
                plugin = entry_point.load()
            except Exception as exc:  # a broken plugin must not take the tool down
                self.problems.append(PluginProblem(entry_point.name, provider, _describe(exc)))
                continue
            self._register(plugin, entry_point.name, provider)

    def _register(self, plugin: object, name: str, provider: Provider | None) -> None:
        try:
            self.manager.register(plugin, name=name)
        except Exception as exc:
            self.problems.append(PluginProblem(name, provider, _describe(exc)))
            return
        self._providers[id(plugin)] = provider or Provider(name)

    def _collect(self) -> None:
        self._call("register_exporters", Exporter, self.exporters)
        self._call("register_sources", Source, self.sources)
        self._call("register_sheet_formats", SheetFormat, self.sheet_formats)

    def _call(self, hook_name: str, kind: type[T], into: dict[str, Registered[T]]) -> None:
        hook = getattr(self.manager.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):  # pluggy's call order: last registered first
            provider = self._providers[id(impl.plugin)]
            batch: list[T] = []

            def register(item: T, batch: list[T] = batch) -> None:
                if not isinstance(item, kind):
                    raise TypeError(f"register() takes a {kind.__name__}, got {item!r}")
                batch.append(item)

            arguments = {"register": register}
            try:
                impl.function(**{arg: arguments[arg] for arg in impl.argnames})
            except Exception as exc:
                self.problems.append(PluginProblem(impl.plugin_name, provider, _describe(exc)))
                continue
            for item in batch:
                name: str = item.name  # type: ignore[attr-defined]
                if name in into:
                    self.problems.append(
                        PluginProblem(
                            impl.plugin_name,
                            provider,
                            f"{kind.__name__.lower()} {name!r} is already provided by "
                            f"{into[name].provider}; this one is ignored",
                        )
                    )
                else:
                    into[name] = Registered(item, provider)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


_plugins = Plugins()


def get_plugins() -> Plugins:
    """The process's plugins, loaded on first call."""
    _plugins.load()
    return _plugins


@contextmanager
def using(plugins: Plugins) -> Iterator[Plugins]:
    """Use `plugins` instead of the process's own inside the block (for tests)."""
    global _plugins
    previous, _plugins = _plugins, plugins
    try:
        yield plugins
    finally:
        _plugins = previous


def exporters() -> Mapping[str, Registered[Exporter]]:
    return get_plugins().exporters


def sources() -> Mapping[str, Registered[Source]]:
    return get_plugins().sources


def problems() -> list[PluginProblem]:
    return get_plugins().problems


def get_exporter(name: str) -> Exporter:
    """The exporter called `name`; `PluginError` names the ones there are."""
    found = exporters()
    if name not in found:
        raise PluginError(f"unknown format {name!r} (expected one of: {', '.join(sorted(found))})")
    return found[name].item


def exporter_for(path: Path) -> Exporter:
    """The exporter whose extension `path` has; several or none is a `PluginError`."""
    suffix = path.suffix.lower()
    found = [r.item for r in exporters().values() if r.item.extension.lower() == suffix]
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(sorted(e.name for e in found))
        raise PluginError(
            f"several formats write {suffix} files ({names}): choose one with --format"
        )
    raise PluginError(
        f"cannot tell the format from {path.name!r}: give --format "
        f"(one of: {', '.join(sorted(exporters()))})"
    )


def sheet_format_for(path: Path) -> SheetFormat:
    """The sheet format whose extension `path` has; `PluginError` names those there are."""
    found = get_plugins().sheet_formats
    for registered in found.values():
        if registered.item.extension.lower() == path.suffix.lower():
            return registered.item
    extensions = ", ".join(sorted(r.item.extension for r in found.values()))
    raise PluginError(f"no sheet format writes or reads {path.name!r} (formats: {extensions})")


def get_source(name: str | None, path: Path, *, updates: bool) -> Source:
    """The source called `name`, else the one whose suffix `path` has."""
    found = [r.item for r in sources().values() if r.item.updates == updates]
    if name is not None:
        for source in found:
            if source.name == name:
                return source
        raise PluginError(
            f"unknown source {name!r} (expected one of: {', '.join(sorted(s.name for s in found))})"
        )
    suffix = path.suffix.lower()
    for source in found:
        if suffix in source.suffixes:
            return source
    raise PluginError(
        f"no source reads {path.name!r} (sources: "
        + ", ".join(f"{s.name} {'/'.join(s.suffixes)}" for s in found)
        + ")"
    )
