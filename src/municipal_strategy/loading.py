"""TOML configuration → model, through one private cattrs converter.

A configuration is a TOML file, or a directory holding ``strategy.toml`` and one
``evaluations/*.toml`` file per evaluated year. Every problem found is collected and
raised together as a `ConfigError`, each naming its file and place.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

# tomli rather than the standard library's tomllib: its compiled wheels parse about three
# times faster, which is most of the time a configuration takes to load.
import tomli as tomllib

from . import checks
from .converter import place, structure
from .errors import ConfigError, Problem
from .model import Evaluation, Strategy

T = TypeVar("T")

STRATEGY_FILE = "strategy.toml"
EVALUATIONS_DIR = "evaluations"


def from_dict(data: Mapping[str, Any], *, file: Path | None = None) -> Strategy:
    """A strategy (with any inline ``evaluations``) from plain data, fully checked."""
    strategy = structure(data, Strategy, file)
    problems = _cross_check(strategy, file, data, [])
    if problems:
        raise ConfigError(problems)
    checks.mark_sound(strategy)
    return strategy


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
        Problem(file, place(path, data), message)
        for path, message in checks.check_strategy(strategy)
    ]
    inline = data.get("evaluations", [])
    origins = [(file, data, f"evaluations[{i}].") for i in range(len(inline))]
    origins += [(f, d, "") for f, d in evaluation_documents]
    first: dict[int, str] = {}
    for evaluation, (origin, raw, prefix) in zip(strategy.evaluations, origins, strict=True):
        for path, message in checks.check_evaluation(strategy, evaluation):
            problems.append(Problem(origin, place(prefix + path, raw), message))
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


def read_toml(path: Path, text: str | None = None) -> dict[str, Any]:
    """A TOML file's data (or that of `text`, standing for the file's content); a file that
    isn't UTF-8 or isn't TOML raises a `ConfigError`."""
    if text is not None:
        return _parse_toml(path, text)
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
    return _parse_toml(path, text)


def _parse_toml(path: Path, text: str) -> dict[str, Any]:
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([_toml_problem(path, exc, text)]) from None
    except RecursionError:
        raise ConfigError(
            [Problem(path, _deepest(text), "invalid TOML: arrays or tables nested too deep")]
        ) from None
    return data


def _deepest(text: str) -> str:
    """The LINE:COLUMN where brackets and braces nest deepest (outside strings, roughly)."""
    depth = best = 0
    where = (1, 1)
    line, column = 1, 0
    for char in text:
        column += 1
        if char == "\n":
            line, column = line + 1, 0
        elif char in "[{":
            depth += 1
            if depth > best:
                best, where = depth, (line, column)
        elif char in "]}":
            depth -= 1
    return f"{where[0]}:{where[1]}"


def _toml_problem(path: Path, exc: tomllib.TOMLDecodeError, text: str) -> Problem:
    message = str(exc)
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    match = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if match:
        message = message[: match.start()]
        line, column = int(match[1]), int(match[2])
    elif message.endswith(" (at end of document)"):
        message = message.removesuffix(" (at end of document)")
        lines = text.splitlines() or [""]
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


def load(path: str | os.PathLike[str], *, replaced: Mapping[Path, str] | None = None) -> Strategy:
    """Load and check a configuration file or directory; raise `ConfigError` on any problem.

    TOML is read here directly (it is also registered as the `toml` source); a file of
    another kind is read by the data source registered for its suffix. Imports that an
    evaluation names (``[[imports]]``) are applied through their data sources. `replaced`
    gives the text of files as they would be written (a file of ``evaluations/`` that does
    not exist yet is read too): what is about to be written is checked first.
    """
    path = Path(path)
    if path.is_file() and path.suffix.lower() != ".toml":
        return _read_with_source(path, None, None, None)
    strategy_file, evaluation_files = configuration_files(path)
    texts: dict[Path, str] = {}
    if replaced:  # (resolving paths costs system calls: only when there is something to match)
        texts = {file.resolve(): text for file, text in replaced.items()}
        listed = {file.resolve() for file in evaluation_files}
        evaluation_files = sorted(
            [*evaluation_files]
            + [
                file
                for file in replaced
                if file.resolve() not in listed and file.resolve() != strategy_file.resolve()
            ]
        )
    problems: list[Problem] = []
    documents: list[tuple[Path, dict[str, Any]]] = []
    for file in (strategy_file, *evaluation_files):
        try:
            documents.append((file, read_toml(file, texts.get(file.resolve()) if texts else None)))
        except ConfigError as exc:
            problems += exc.problems
    strategy: Strategy | None = None
    evaluations: list[Evaluation] = []
    for file, data in documents:
        try:
            if file == strategy_file:
                strategy = structure(data, Strategy, file)
            else:
                evaluations.append(structure(data, Evaluation, file))
                if re.fullmatch("[0-9]{4}", file.stem) and data.get("year") != int(file.stem):
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
    if strategy.logo is not None:
        logo, problem = _logo(strategy_file, strategy.logo)
        problems += [problem] if problem else []
        strategy = attrs.evolve(strategy, logo=str(logo))
    if problems:
        raise ConfigError(problems)
    inline = len(documents[0][1].get("evaluations", []))
    folders = [strategy_file.parent] * inline + [file.parent for file, _ in documents[1:]]
    for evaluation, folder in zip(strategy.evaluations, folders, strict=True):
        for item in evaluation.imports:
            strategy = apply_updates(strategy, folder / item.path, evaluation.year, item.source)
    checks.mark_sound(strategy)
    return strategy


#: The first bytes of the image files a logo may be.
_IMAGES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def _logo(strategy_file: Path, logo: str) -> tuple[Path, Problem | None]:
    """The logo's path, resolved beside the strategy file, and what is wrong with it."""
    path = (strategy_file.parent / logo).resolve()
    try:
        with path.open("rb") as file:
            head = file.read(8)
    except OSError as exc:
        return path, Problem(strategy_file, "logo", f"{logo!r} cannot be read ({exc.strerror})")
    if not any(head.startswith(magic) for magic in _IMAGES):
        return path, Problem(strategy_file, "logo", f"{logo!r} is not a PNG or JPEG image")
    return path, None


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
