"""A filled monitoring sheet written into the year's TOML, keeping the file's comments,
order and formatting (tomlkit): only the values that changed are touched."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import tomlkit
from tomlkit.items import AoT, Table

from .converter import to_dict
from .errors import ConfigError, Problem
from .loading import EVALUATIONS_DIR, configuration_files, load
from .model import Assessment, Strategy
from .sheet import Edit, apply_edits


@attrs.frozen
class Written:
    """What an import changed: the file, and one line per changed value."""

    file: Path
    created: bool
    lines: tuple[str, ...]
    text: str


def _target(config: Path, strategy: Strategy, year: int) -> tuple[Path, bool]:
    """The file that holds `year`'s evaluation, and whether it is inline in the strategy."""
    strategy_file, evaluation_files = configuration_files(config)
    for file in evaluation_files:
        if file.stem == str(year):
            return file, False
    inline = tomlkit.parse(strategy_file.read_text(encoding="utf-8-sig")).get("evaluations", [])
    if any(item.get("year") == year for item in inline):
        return strategy_file, True
    if config.is_dir():
        return config / EVALUATIONS_DIR / f"{year}.toml", False
    raise ConfigError(
        [
            Problem(
                config,
                "",
                f"no evaluation of {year} to write into: a single-file configuration needs an "
                f"[[evaluations]] table with year = {year} first",
            )
        ]
    )


def _container(document: tomlkit.TOMLDocument, inline: bool, year: int) -> Any:
    if not inline:
        return document
    return next(item for item in document["evaluations"] if item.get("year") == year)


def _plain(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value


def _set_text(table: Any, key: str, value: Any) -> None:
    """A text written in the style it had: per-language keys stay per-language keys."""
    current = table.get(key)
    if value is None:
        if key in table:
            del table[key]
        return
    if isinstance(value, dict) and current is None:  # a new text: dotted keys, one a line
        for lang, text in value.items():
            table.add(tomlkit.key([key, lang]), text)
        return
    if isinstance(value, dict) and current is not None and hasattr(current, "keys"):
        for lang in [k for k in current if k not in value]:
            del current[lang]
        for lang, text in value.items():
            if _plain(current.get(lang)) != text:
                current[lang] = text
        return
    table[key] = value


def _set_list(table: Any, key: str, values: list[Any]) -> None:
    """A list written as it was: an array of tables stays one, an array stays an array."""
    if not values:
        if key in table:
            del table[key]
        return
    current = table.get(key)
    if isinstance(current, AoT):
        for item, value in zip(current, values, strict=False):
            _set_table(item, value)
        while len(current) > len(values):
            del current[len(current) - 1]
        for value in values[len(current) :]:
            current.append(_table(value, spaced=True))
        return
    if current is None and all(isinstance(v, dict) for v in values):
        array = tomlkit.aot()
        for value in values:
            array.append(_table(value))
        table[key] = array
        return
    table[key] = values


def _table(values: dict[str, Any], *, spaced: bool = False) -> Table:
    """A new table; `spaced`, followed by a blank line (added among written tables)."""
    table = tomlkit.table()
    for key, value in values.items():
        table[key] = value
    if spaced:
        table.add(tomlkit.nl())
    return table


def _set_table(item: Any, values: dict[str, Any]) -> None:
    for key in [k for k in item if k not in values]:
        del item[key]
    for key, value in values.items():
        if isinstance(value, dict):
            _set_text(item, key, value)
        elif _plain(item.get(key)) != value:
            item[key] = value


def _numbers(value: Any) -> Any:
    """Whole numbers written as integers (``4``, not ``4.0``), as people write them."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    return value


def _write_field(table: Any, field: str, assessment: Assessment) -> None:
    data = _numbers(to_dict(assessment))
    value = data.get(field)
    if field in ("status", "progress", "committed", "spent"):
        if value is None:
            if field in table:
                del table[field]
        else:
            table[field] = value
    elif field == "justification":
        _set_text(table, field, value)
    else:
        _set_list(table, field, list(value or []))


def _assessment_table(container: Any, action: str, order: Sequence[str]) -> Any:
    tables = container.get("assessments")
    if tables is None:
        tables = tomlkit.aot()
        container["assessments"] = tables
    for table in tables:
        if table.get("action") == action:
            return table
    table = tomlkit.table()
    table["action"] = action
    position = order.index(action)
    later = [i for i, t in enumerate(tables) if t.get("action") in order[position + 1 :]]
    if later:
        tables.insert(later[0], table)
    else:
        tables.append(table)
    return next(t for t in tables if t.get("action") == action)


def write_edits(
    config: Path, strategy: Strategy, year: int, edits: Sequence[Edit], *, dry_run: bool = False
) -> Written:
    """Write `edits` into `year`'s evaluation file (created if needed), keeping everything
    else of the file as it was; the whole configuration is checked again before anything is
    written, atomically."""
    file, inline = _target(config, strategy, year)
    created = not file.exists()
    source = file.read_text(encoding="utf-8-sig") if not created else f"year = {year}\n\n"
    document = tomlkit.parse(source)
    container = _container(document, inline, year)
    updated = apply_edits(strategy, year, edits)
    new = {a.action: a for a in updated.evaluation(year).assessments}
    order = [action.id for _, action in strategy.walk()]
    for action, field in _distinct((e.action, e.field.partition(".")[0]) for e in edits):
        table = _assessment_table(container, action, order)
        _write_field(table, field, new[action])
    lines = [f"{e.action} {e.column}: {_short(e.before)} → {_short(e.after)}" for e in edits]
    text = tomlkit.dumps(document)
    load(config, replaced={file: text})  # raises ConfigError: nothing is written
    if not dry_run and (created or text != source):
        from .output import write_atomic

        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(file, lambda stream: stream.write(text.encode("utf-8")))
    return Written(file, created, tuple(lines), text)


def _distinct(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys(pairs))


def _short(cell: str) -> str:
    text = cell.replace("\n", " / ") or "—"
    return text if len(text) <= 60 else text[:59] + "…"
