"""TOML configuration → model, through one private cattrs converter.

A configuration is a TOML file, or a directory holding ``strategy.toml`` and one
``evaluations/*.toml`` file per evaluated year. Every problem found is collected and
raised together as a `ConfigError`, each naming its file and place.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError

from . import checks
from .errors import ConfigError, Problem
from .model import Evaluation, PartialDate, Progress, Strategy, Text
from .spellings import rewrite_strategy

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]

T = TypeVar("T")

STRATEGY_FILE = "strategy.toml"
EVALUATIONS_DIR = "evaluations"


class _Invalid(ValueError):
    """A value of the wrong kind; its message is meant for the user as it is."""


def _kind(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
    for cls, name in names.items():
        if type(value) is cls:
            return f"{name} ({value!r})"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"expected a string, got {_kind(value)}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"expected true or false, got {_kind(value)}")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"expected an integer, got {_kind(value)}")
    return value


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Invalid(f"expected a number, got {_kind(value)}")
    if not math.isfinite(value):
        raise _Invalid(f"expected a finite number, got {value}")
    return float(value)


def _structure_text(value: object, _: type) -> Text:
    if isinstance(value, str):
        return Text.plain(value)
    if isinstance(value, Mapping):
        for lang, text in value.items():
            if not isinstance(text, str):
                raise _Invalid(f"the {lang!r} text must be a string, got {_kind(text)}")
        return Text(dict(value))
    raise _Invalid(
        f"expected a string or a table of language = text (ar, fr, en, zgh), got {_kind(value)}"
    )


def _unstructure_text(text: Text) -> str | dict[str, str]:
    if text.languages:
        return dict(text.values)
    return text.get()


def _structure_date(value: object, _: type) -> PartialDate:
    if isinstance(value, dt.date | str):
        return PartialDate.parse(value)
    raise _Invalid(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {_kind(value)}")


def _structure_targets(value: object, _: type) -> dict[int, float]:
    if not isinstance(value, Mapping):
        raise _Invalid(f"expected a table of year = target, got {_kind(value)}")
    targets = {}
    for key, target in value.items():
        year = int(key) if isinstance(key, str) and key.isdigit() else key
        if not isinstance(year, int):
            raise _Invalid(f"{key!r} is not a year")
        targets[year] = _structure_float(target, float)
    return targets


_PERCENT = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*%\s*")


def _structure_progress(value: object, _: type) -> float:
    """A share in [0, 1], or a percentage written as a string: ``"40%"``, ``"12,5 %"``."""
    if isinstance(value, str):
        match = _PERCENT.fullmatch(value)
        if match is None:
            raise _Invalid(
                f'expected a number in [0, 1] or a percentage such as "40%", got {value!r}'
            )
        share = float(match[1].replace(",", ".")) / 100
        if not 0 <= share <= 1:
            raise _Invalid(f"a percentage must be between 0 and 100 %, got {value!r}")
        return share
    share = _structure_float(value, float)
    if not 0 <= share <= 1:
        raise _Invalid(f'expected a number in [0, 1] or a percentage such as "40%", got {value!r}')
    return share


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(Text, _structure_text)
    converter.register_unstructure_hook(Text, _unstructure_text)
    converter.register_structure_hook(Progress, _structure_progress)
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_structure_hook_func(lambda t: t == Mapping[int, float], _structure_targets)
    return converter


_converter = _make_converter()


def _message(exc: BaseException, type_: type | None) -> str:
    """One readable sentence for an error cattrs collected."""
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(exc.extra_fields))
        expected = ", ".join(f.name for f in attrs.fields(exc.cl))
        plural = "s" if len(exc.extra_fields) > 1 else ""
        return f"unknown key{plural} {keys} (expected: {expected})"
    if isinstance(exc, KeyError):
        return "required key missing"
    if get_origin(type_) is Literal:
        return "expected one of: " + ", ".join(map(str, get_args(type_)))
    if isinstance(exc, ValueError | TypeError) and str(exc):
        if isinstance(exc, TypeError) and "object is not iterable" in str(exc):
            return "expected an array"
        return str(exc)
    return cattrs.v.format_exception(exc, type_)


_PATH_PART = re.compile(r"(?:^|\.)(\w+)|\[(\d+)\]|\['([^']*)'\]")


def _place(path: str, data: object) -> str:
    """``axes[1].actions[3]`` plus, where the raw data has one, the id of the item named."""
    label = ""
    node = data
    for match in _PATH_PART.finditer(path):
        name, index, key = match.groups()
        step: object = name if name is not None else int(index) if index else key
        try:
            node = node[step]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            break
        if index is not None and isinstance(node, Mapping):
            for key, noun in (("id", "id"), ("action", "action")):
                if isinstance(node.get(key), str):
                    label = f" ({noun} {node[key]!r})"
    return path + label if path else path


def _structure(data: Mapping[str, Any], cls: type[T], file: Path | None) -> T:
    raw, found = data, list[tuple[str, str]]()
    if cls is Strategy:
        data, found = rewrite_strategy(data)
    try:
        structured = _converter.structure(data, cls)
        if found:
            raise ConfigError(
                [Problem(file, _place(path, raw), message) for path, message in found]
            )
        return structured
    except (cattrs.ClassValidationError, cattrs.IterableValidationError) as exc:
        problems = []
        for line in cattrs.transform_error(exc, path="$", format_exception=_message):
            message, _, path = line.rpartition(" @ ")
            path = path.removeprefix("$").removeprefix(".")
            problems.append(Problem(file, _place(path, raw), message))
        found_problems = [Problem(file, _place(path, raw), message) for path, message in found]
        raise ConfigError(found_problems + problems) from None


def from_dict(data: Mapping[str, Any], *, file: Path | None = None) -> Strategy:
    """A strategy (with any inline ``evaluations``) from plain data, fully checked."""
    strategy = _structure(data, Strategy, file)
    problems = _cross_check(strategy, file, data, [])
    if problems:
        raise ConfigError(problems)
    return strategy


def to_dict(obj: object) -> Any:
    """Plain data (dicts, lists, strings, numbers) that `from_dict` reads back."""
    return _converter.unstructure(obj)


def _cross_check(
    strategy: Strategy,
    file: Path | None,
    data: Mapping[str, Any],
    evaluation_documents: Sequence[tuple[Path, Mapping[str, Any]]],
) -> list[Problem]:
    """Cross-checks, each problem placed in the document it comes from.

    The strategy's evaluations are its inline ``evaluations`` (from `data`) followed by
    one per evaluation document, in order.
    """
    problems = [
        Problem(file, _place(path, data), message)
        for path, message in checks.check_strategy(strategy)
    ]
    inline = data.get("evaluations", [])
    origins = [(file, data, f"evaluations[{i}].") for i in range(len(inline))]
    origins += [(f, d, "") for f, d in evaluation_documents]
    first: dict[int, str] = {}
    for evaluation, (origin, raw, prefix) in zip(strategy.evaluations, origins, strict=True):
        for path, message in checks.check_evaluation(strategy, evaluation):
            problems.append(Problem(origin, _place(prefix + path, raw), message))
        if evaluation.year in first:
            problems.append(
                Problem(
                    origin,
                    prefix + "year",
                    f"a second evaluation of {evaluation.year}"
                    f" (the first is in {first[evaluation.year]})",
                )
            )
        first.setdefault(evaluation.year, f"{origin}" + (f" at {prefix}year" if prefix else ""))
    return problems


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's data; a file that isn't UTF-8 or isn't TOML raises a `ConfigError`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError([Problem(path, "", f"cannot be read ({exc.strerror})")]) from None
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex().upper()
        raise ConfigError(
            [
                Problem(
                    path,
                    f"{line}:{column}",
                    f"not UTF-8 text (byte 0x{bad}); save the file with the UTF-8 encoding",
                )
            ]
        ) from None
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([_toml_problem(path, exc)]) from None
    return data


def _toml_problem(path: Path, exc: tomllib.TOMLDecodeError) -> Problem:
    message = str(exc)
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    match = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if match:
        message = message[: match.start()]
        line, column = int(match[1]), int(match[2])
    elif message.endswith(" (at end of document)"):
        message = message.removesuffix(" (at end of document)")
        lines = path.read_bytes().decode("utf-8", "replace").splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
    message = getattr(exc, "msg", message)
    place = f"{line}:{column}" if line is not None else ""
    return Problem(path, place, f"invalid TOML: {message}")


def configuration_files(path: Path) -> tuple[Path, list[Path]]:
    """The strategy file and the evaluation files a configuration path stands for."""
    if path.is_dir():
        strategy_file = path / STRATEGY_FILE
        if not strategy_file.is_file():
            raise ConfigError(
                [
                    Problem(
                        path,
                        "",
                        f"no {STRATEGY_FILE} in this directory (expected {STRATEGY_FILE}, "
                        f"with one {EVALUATIONS_DIR}/YEAR.toml per evaluated year)",
                    )
                ]
            )
        return strategy_file, sorted((path / EVALUATIONS_DIR).glob("*.toml"))
    if path.is_file():
        return path, []
    raise ConfigError([Problem(path, "", "no such file or directory")])


def load(path: str | os.PathLike[str]) -> Strategy:
    """Load and check a configuration file or directory; raise `ConfigError` on any problem.

    TOML is read here directly (it is also registered as the `toml` source); a file of
    another kind is read by the data source registered for its suffix. Imports that an
    evaluation names (``[[imports]]``) are applied through their data sources.
    """
    path = Path(path)
    if path.is_file() and path.suffix.lower() != ".toml":
        return _read_with_source(path, None, None, None)
    strategy_file, evaluation_files = configuration_files(path)
    problems: list[Problem] = []
    documents: list[tuple[Path, dict[str, Any]]] = []
    for file in (strategy_file, *evaluation_files):
        try:
            documents.append((file, read_toml(file)))
        except ConfigError as exc:
            problems += exc.problems
    strategy: Strategy | None = None
    evaluations: list[Evaluation] = []
    for file, data in documents:
        try:
            if file == strategy_file:
                strategy = _structure(data, Strategy, file)
            else:
                evaluations.append(_structure(data, Evaluation, file))
                if file.stem.isdigit() and data.get("year") != int(file.stem):
                    problems.append(
                        Problem(
                            file,
                            "year",
                            f"expected {int(file.stem)}, the year the file is named after",
                        )
                    )
        except ConfigError as exc:
            problems += exc.problems
    if problems or strategy is None:
        raise ConfigError(problems)
    strategy = attrs.evolve(strategy, evaluations=strategy.evaluations + tuple(evaluations))
    problems = _cross_check(strategy, strategy_file, documents[0][1], documents[1:])
    if problems:
        raise ConfigError(problems)
    inline = len(documents[0][1].get("evaluations", []))
    folders = [strategy_file.parent] * inline + [file.parent for file, _ in documents[1:]]
    for evaluation, folder in zip(strategy.evaluations, folders, strict=True):
        for item in evaluation.imports:
            strategy = apply_updates(strategy, folder / item.path, evaluation.year, item.source)
    return strategy


def _read_with_source(
    path: Path, base: Strategy | None, year: int | None, source: str | None
) -> Strategy:
    from .errors import PluginError
    from .plugins import get_source

    try:
        reader = get_source(source, path, updates=base is not None)
    except PluginError as exc:
        raise ConfigError([Problem(path, "", str(exc))]) from None
    if not path.is_file():
        raise ConfigError([Problem(path, "", "no such file")])
    return reader.read(path, base, year)


def apply_updates(strategy: Strategy, path: Path, year: int, source: str | None = None) -> Strategy:
    """`strategy` with `year`'s assessments updated from the file at `path`.

    The data source is `source`, else the one registered for the file's suffix (``.csv``).
    A missing evaluation of `year` is created. The result is checked again.
    """
    updated = _read_with_source(path, strategy, year, source)
    findings = checks.check_strategy(updated)
    findings += checks.check_evaluation(updated, updated.evaluation(year))
    if findings:
        raise ConfigError([Problem(path, place, message) for place, message in findings])
    return updated
