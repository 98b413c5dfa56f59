"""The `csv` source: a monitoring spreadsheet that updates a year's assessments.

A monitoring sheet written by `municipal-strategy sheet` (its first cell says so) is read
by difference, as `import` reads it (`municipal_strategy.sheet`). Otherwise, one row per
action. Columns: ``action`` (required), ``status``, ``progress``,
``justification``, ``achievements``, ``constraints``, ``next_steps``, ``notes``. A text
column may be given per language (``achievements.ar``, ``achievements.fr``). In list
columns each line of a cell is one item. An empty cell leaves the value as it was.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from ..errors import ConfigError, Problem, stop_after
from ..hookspecs import hookimpl
from ..model import Assessment, Evaluation, Strategy, Text
from ..plugins import RegisterSource, Source
from ..sheet import MARK, apply_edits, read_sheet
from . import sheet_csv

LIST_FIELDS = ("achievements", "constraints", "next_steps", "notes")
TEXT_FIELDS = ("justification", *LIST_FIELDS)
FIELDS = ("action", "status", "progress", *TEXT_FIELDS)
_COLUMN = re.compile(r"(?P<field>[a-z_]+)(?:\.(?P<lang>[a-z]{2,3}))?")


class _Rows:
    """Collects problems, each placed by row and column."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(self.path, f"row {row}, column {column!r}", message))
        stop_after(self.problems, self.path)


def _columns(rows: _Rows, header: Sequence[str]) -> dict[str, dict[str, int]]:
    """field → language ('' for none) → column index."""
    columns: dict[str, dict[str, int]] = {}
    for index, name in enumerate(header):
        match = _COLUMN.fullmatch(name.strip())
        field = match["field"] if match else None
        if match is None or field not in FIELDS or (match["lang"] and field not in TEXT_FIELDS):
            rows.error(
                1,
                name,
                f"unknown column (expected: {', '.join(FIELDS)}; "
                "text columns may end in a language, e.g. achievements.fr)",
            )
            continue
        lang = match["lang"] or ""
        if lang in columns.get(field, {}):
            rows.error(1, name, "the column appears twice")
        columns.setdefault(field, {})[lang] = index
    if "action" not in columns:
        rows.error(1, "action", "the header has no action column")
    return columns


def _texts(rows: _Rows, row: int, column: str, cells: Mapping[str, str]) -> list[Text] | None:
    """The Texts in one field's cells (one per line), None when they are all empty."""
    lines = {
        lang: [x.strip() for x in cell.splitlines() if x.strip()] for lang, cell in cells.items()
    }
    lines = {lang: items for lang, items in lines.items() if items}
    if not lines:
        return None
    counts = {len(items) for items in lines.values()}
    if len(counts) > 1:
        rows.error(row, column, "the languages have different numbers of lines")
        return None
    return [Text({lang: items[i] for lang, items in lines.items()}) for i in range(counts.pop())]


def _progress(rows: _Rows, row: int, cell: str) -> float | None:
    text = cell.strip().replace(",", ".")
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        rows.error(
            row, "progress", f"expected a number between 0 and 1, or a percentage, got {cell!r}"
        )
        return None
    if not 0 <= value <= 1:
        rows.error(
            row, "progress", f"expected a value between 0 and 1 (or 0% to 100%), got {cell!r}"
        )
        return None
    return value


def _status(rows: _Rows, row: int, cell: str, strategy: Strategy) -> str | None:
    wanted = cell.strip().casefold()
    for level in strategy.scale:
        if wanted == level.id.casefold() or wanted in {
            v.casefold() for v in level.label.values.values()
        }:
            return level.id
    expected = ", ".join(level.id for level in strategy.scale)
    rows.error(
        row,
        "status",
        f"{cell.strip()!r} is not a status of the scale (expected one of: {expected}, or their labels)",
    )
    return None


def read(path: Path, base: Strategy | None, year: int | None) -> Strategy:
    if base is None:
        raise ConfigError(
            [Problem(path, "", "a CSV file updates a strategy: load the strategy first")]
        )
    if year is None:
        year = base.evaluation().year
    rows = _Rows(path)
    records = sheet_csv.read(path)
    if records and records[0] and records[0][0].strip() == MARK:
        return apply_edits(base, year, read_sheet(base, year, records, path))
    if not records:
        raise ConfigError([Problem(path, "", "the file is empty (expected a header row)")])
    columns = _columns(rows, records[0])
    header = records[0]
    known = {action.id for _, action in base.actions()}
    existing = next((e for e in base.evaluations if e.year == year), Evaluation(year=year))
    assessments = {a.action: a for a in existing.assessments}
    seen: dict[str, int] = {}
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            rows.error(
                number, header[-1], f"the row has {len(record)} cells, the header {len(header)}"
            )
            continue

        def cell(field: str, lang: str = "", record: list[str] = record) -> str:
            index = columns.get(field, {}).get(lang)
            return record[index] if index is not None and index < len(record) else ""

        action = cell("action").strip()
        if action not in known:
            rows.error(
                number,
                "action",
                f"unknown action {action!r} (expected an action id of the strategy)",
            )
            continue
        if action in seen:
            rows.error(
                number, "action", f"action {action!r} is already updated by row {seen[action]}"
            )
            continue
        seen[action] = number
        changes: dict[str, object] = {}
        if cell("status").strip():
            changes["status"] = _status(rows, number, cell("status"), base)
        if cell("progress").strip():
            changes["progress"] = _progress(rows, number, cell("progress"))
        for field in TEXT_FIELDS:
            texts = _texts(
                rows, number, field, {lang: cell(field, lang) for lang in columns.get(field, {})}
            )
            if texts is not None:
                changes[field] = (
                    texts[0] if field == "justification" and len(texts) == 1 else tuple(texts)
                )
                if field == "justification" and len(texts) != 1:
                    changes[field] = Text(
                        {k: "\n".join(t.values[k] for t in texts) for k in texts[0].values}
                    )
        current = assessments.get(action, Assessment(action=action))
        assessments[action] = attrs.evolve(current, **changes)  # type: ignore[arg-type]
    if rows.problems:
        raise ConfigError(rows.problems)
    order = [action.id for _, action in base.actions()]
    updated = attrs.evolve(
        existing,
        assessments=tuple(sorted(assessments.values(), key=lambda a: order.index(a.action))),
    )
    return base.with_evaluation(updated)


@hookimpl
def register_sources(register: RegisterSource) -> None:
    register(
        Source(
            name="csv",
            reads="assessment updates: a CSV sheet, one row per action (action, status, progress, "
            "achievements, constraints, next_steps)",
            suffixes=(".csv",),
            read=read,
            updates=True,
        )
    )
