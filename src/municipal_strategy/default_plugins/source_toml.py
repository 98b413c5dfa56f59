"""The `toml` source: a strategy and its evaluations from TOML (docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path

from ..hookspecs import hookimpl
from ..loading import load
from ..model import Strategy
from ..plugins import RegisterSource, Source


def read(path: Path, base: Strategy | None, year: int | None) -> Strategy:
    return load(path)


@hookimpl
def register_sources(register: RegisterSource) -> None:
    register(
        Source(
            name="toml",
            reads="a strategy and its evaluations: a TOML file, or a directory with strategy.toml",
            suffixes=(".toml",),
            read=read,
        )
    )
