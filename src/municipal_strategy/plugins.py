"""The plugin manager: outside plugins from entry points, then the built-in ones.

Plugins are loaded on first use, once per process, never at import time. Each plugin's
import and each of its hook calls is isolated: a plugin that fails is skipped and reported
(`problems()`), and everything else goes on. Set ``MUNICIPAL_STRATEGY_LOAD_PLUGINS`` to a
comma-separated list of entry-point names to load only those (empty: none).
"""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Generic, TypeVar

import attrs
import pluggy

from . import hookspecs
from .errors import PluginError
from .hookspecs import (
    Exporter,
    ExportOptions,
    RegisterExporter,
    RegisterSheetFormat,
    RegisterSource,
    SheetFormat,
    Source,
)

__all__ = [
    "DEFAULT_PLUGINS",
    "ENTRY_POINT_GROUP",
    "LOAD_PLUGINS_ENV",
    "ExportOptions",
    "Exporter",
    "Plugins",
    "RegisterExporter",
    "RegisterSheetFormat",
    "RegisterSource",
    "SheetFormat",
    "Source",
    "exporter_for",
    "get_exporter",
    "get_plugins",
    "get_source",
    "sheet_format_for",
    "using",
]


ENTRY_POINT_GROUP = "municipal_strategy"
LOAD_PLUGINS_ENV = "MUNICIPAL_STRATEGY_LOAD_PLUGINS"
#: A plugin taking this long (seconds) to import is named in a notice.
SLOW_IMPORT = 2.0
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
    builtin: bool = False


@attrs.frozen
class PluginProblem:
    """A plugin that could not be loaded or registered, and why."""

    plugin: str
    provider: Provider | None
    error: str
    #: Whether the whole plugin was left out (else only what the message names).
    skipped: bool = True

    def __str__(self) -> str:
        verb = "skipped" if self.skipped else "in part"
        return f"plugin {self.plugin!r} {verb}: {self.error}"


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
        #: Plugins slow to import (name, seconds), for a notice.
        self.slow: list[tuple[str, float]] = []
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
            started = time.perf_counter()
            try:
                plugin = entry_point.load()
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # SystemExit too: a plugin must not take the tool down
                self.problems.append(PluginProblem(entry_point.name, provider, _describe(exc)))
                continue
            finally:
                seconds = time.perf_counter() - started
                if seconds >= SLOW_IMPORT:
                    self.slow.append((entry_point.name, seconds))
            self._register(plugin, entry_point.name, provider)

    def _register(self, plugin: object, name: str, provider: Provider | None) -> None:
        plugin = _hashable(plugin)
        try:
            self.manager.register(plugin, name=name)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            self.problems.append(PluginProblem(name, provider, _describe(exc)))
            return
        self._providers[id(plugin)] = provider or Provider(name)

    def _collect(self) -> None:
        self._call("register_exporters", Exporter, self.exporters)
        self._call("register_sources", Source, self.sources)
        self._call("register_sheet_formats", SheetFormat, self.sheet_formats)

    def _call(self, hook_name: str, kind: type[T], into: dict[str, Registered[T]]) -> None:
        """Call `hook_name` through pluggy for each plugin on its own — built-ins first, so
        that an outside plugin cannot take their names whatever its ordering marks; wrappers
        run around each call — and keep what each call registered, unless it failed."""
        impls = [
            impl
            for impl in getattr(self.manager.hook, hook_name).get_hookimpls()
            if not (impl.hookwrapper or impl.wrapper)
        ]
        own = _own_provider()
        impls.sort(key=lambda impl: self._providers[id(impl.plugin)] != own)  # stable
        plugins = [impl.plugin for impl in impls]
        for impl in impls:
            provider = self._providers[id(impl.plugin)]
            batch: list[T] = []

            def register(item: T, batch: list[T] = batch) -> None:
                if not isinstance(item, kind):
                    raise TypeError(f"register() takes a {kind.__name__}, got {item!r}")
                batch.append(item)

            others = [plugin for plugin in plugins if plugin is not impl.plugin]
            caller = self.manager.subset_hook_caller(hook_name, remove_plugins=others)
            try:
                caller(register=register)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # SystemExit too: the plugin is named, not obeyed
                self.problems.append(PluginProblem(impl.plugin_name, provider, _describe(exc)))
                continue
            for item in batch:
                self._keep(item, kind, into, impl.plugin_name, provider, builtin=provider == own)

    def _keep(
        self,
        item: T,
        kind: type[T],
        into: dict[str, Registered[T]],
        plugin: str,
        provider: Provider,
        *,
        builtin: bool,
    ) -> None:
        name: str = item.name  # type: ignore[attr-defined]
        if name in into:
            taken = into[name].provider
            what = "a built-in" if taken == _own_provider() else f"provided by {taken}"
            self.problems.append(
                PluginProblem(
                    plugin,
                    provider,
                    f"its {kind.__name__.lower()} {name!r} is {what} already; that one is "
                    "kept, the plugin's others are registered",
                    skipped=False,
                )
            )
            return
        into[name] = Registered(item, provider, builtin=builtin)


class _Plugin:
    """Stands for a plugin object pluggy cannot hash (a SimpleNamespace): same hooks."""


def _hashable(plugin: object) -> object:
    """`plugin`, or an object with the same attributes that can be put in a set."""
    try:
        hash(plugin)
    except TypeError:
        proxy = _Plugin()
        proxy.__dict__.update(vars(plugin))
        return proxy
    return plugin


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
    """The exporter whose extension `path` has — a built-in one where there is one, so that
    no outside plugin can take `.html` from everyone; several or none is a `PluginError`."""
    suffix = path.suffix.lower()
    matching = [r for r in exporters().values() if r.item.extension.lower() == suffix]
    found = [r.item for r in matching if r.builtin] or [r.item for r in matching]
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
