"""The exceptions the library raises."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs


class MunicipalStrategyError(Exception):
    """Base class of this library's errors."""


@attrs.frozen
class Problem:
    """One thing wrong with a configuration: the file, the place in it, and what was expected.

    `place` is either a TOML position ``LINE:COLUMN`` or a field path such as
    ``axes[1].actions[3].status``; it is empty when the problem concerns the whole file.
    """

    file: Path | None
    place: str
    message: str

    def __str__(self) -> str:
        file = str(self.file) if self.file is not None else "<configuration>"
        if not self.place:
            return f"{file}: {self.message}"
        if self.place[0].isdigit():  # LINE:COLUMN, the form editors jump to
            return f"{file}:{self.place}: {self.message}"
        return f"{file}: {self.place}: {self.message}"


#: A file with more problems than this is not read further: its first ones say enough, and
#: a million-row sheet of errors must not take a million lines (nor the memory for them).
MAX_PROBLEMS = 200


def stop_after(problems: list[Problem], file: Path | None) -> None:
    """Raise `ConfigError` once `problems` reaches `MAX_PROBLEMS`, saying reading stopped."""
    if len(problems) >= MAX_PROBLEMS:
        stopped = Problem(file, "", f"stopped after {MAX_PROBLEMS} problems: fix these first")
        raise ConfigError([*problems, stopped])


class ConfigError(MunicipalStrategyError):
    """A configuration could not be loaded; `problems` lists every reason found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, self.problems)))


class EvaluationError(MunicipalStrategyError, LookupError):
    """An evaluation was asked for that the configuration cannot give (e.g. a missing year)."""


class PluginError(MunicipalStrategyError):
    """A format or data source was asked for that no plugin provides."""


class OutputError(MunicipalStrategyError):
    """An output cannot be made as asked: a bad SOURCE_DATE_EPOCH, a path that cannot be
    written over."""
