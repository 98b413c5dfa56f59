"""The monitoring sheet: one row per action, which the monitoring team fills and sends back.

The sheet is format-free here — its columns, its rows of cells as text, and how a filled
sheet is read back — so that CSV (`sheet_csv`) and XLSX (the xlsx plugin) only write and
read cells. A sheet is read back by difference: a cell that still holds what was written
changes nothing, so that sending a sheet out and back without an edit changes nothing, and
an edited cell changes exactly its own value.

The first row identifies the sheet (the plan's fingerprint, the year, the languages); the
second is the header, which must come back unchanged.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Literal

import attrs

from .cells import inert, meant
from .errors import ConfigError, Problem, stop_after
from .model import Action, Assessment, Evaluation, Evidence, Measurement, Progress, Strategy, Text

MARK = "#municipal-strategy monitoring sheet"
__all__ = ["MARK", "Column", "Edit", "Sheet", "apply_edits", "build_sheet", "inert", "read_sheet"]
LIST_FIELDS = ("achievements", "constraints", "next_steps")
Kind = Literal["locked", "status", "share", "text", "lines", "amount", "measurements", "links"]


@attrs.frozen
class Column:
    """A column of the sheet: its header (what is read back), what it holds, and, for a
    text, its language ('' for texts given without one)."""

    header: str
    kind: Kind
    field: str
    lang: str = ""

    @property
    def locked(self) -> bool:
        return self.kind == "locked"


@attrs.frozen
class Sheet:
    """A monitoring sheet for one year: what identifies it, its columns and its rows."""

    fingerprint: str
    year: int
    #: The language titles and statuses are shown in.
    lang: str
    #: The languages of the text columns.
    langs: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    #: The action of each row.
    actions: tuple[Action, ...]
    #: The scale's labels in the sheet's language, in scale order (for a drop-down).
    statuses: tuple[str, ...] = ()

    @property
    def mark(self) -> tuple[str, ...]:
        return (
            MARK,
            f"plan={self.fingerprint}",
            f"year={self.year}",
            f"lang={self.lang}",
            f"texts={','.join(self.langs)}",
        )

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)


def fingerprint(strategy: Strategy) -> str:
    """What identifies a plan: its actions' ids and codes, hashed."""
    items = "\n".join(f"{a.id}\t{a.code}" for _, a in strategy.walk())
    return hashlib.sha256(items.encode("utf-8")).hexdigest()[:12]


def sheet_languages(strategy: Strategy) -> tuple[str, ...]:
    """The languages of the sheet's text columns: those of the strategy's title."""
    return strategy.title.languages or ("",)


def columns(langs: Sequence[str]) -> tuple[Column, ...]:
    def texts(field: str, kind: Kind) -> list[Column]:
        return [Column(f"{field}.{lang}" if lang else field, kind, field, lang) for lang in langs]

    return (
        Column("action", "locked", "action"),
        Column("code", "locked", "code"),
        Column("title", "locked", "title"),
        Column("responsible", "locked", "responsible"),
        Column("status", "status", "status"),
        Column("progress", "share", "progress"),
        *texts("justification", "text"),
        *(column for field in LIST_FIELDS for column in texts(field, "lines")),
        Column("committed", "amount", "committed"),
        Column("spent", "amount", "spent"),
        Column("measurements", "measurements", "measurements"),
        Column("evidence", "links", "evidence"),
    )


def number(value: float | None) -> str:
    """A number as a cell: exact, so that it reads back the same ('' for None)."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def _text(text: Text | None, lang: str) -> str:
    if text is None:
        return ""
    return text.values.get(lang, "")


def cell(
    strategy: Strategy, action: Action, assessment: Assessment | None, column: Column, lang: str
) -> str:
    """What the sheet shows for `action` in `column` (texts of `lang` where one language
    is asked: the title, a status label)."""
    a = assessment
    if column.field == "action":
        return action.id
    if column.field == "code":
        return action.code
    if column.field == "title":
        return action.title.get(lang, strategy.fallback)
    if column.field == "responsible":
        return action.responsible.get(lang, strategy.fallback) if action.responsible else ""
    if column.kind == "measurements":  # the indicators' ids, to fill in, even before any
        measured = {m.indicator: m.value for m in a.measurements} if a else {}
        return "\n".join(
            f"{i.id} = {number(measured.get(i.id))}".rstrip() for i in action.indicators
        )
    if a is None:
        return ""
    if column.kind == "status":
        level = strategy.level(a.status) if a.status else None
        return level.label.get(lang, strategy.fallback) if level else ""
    if column.kind == "share":
        return number(a.progress)
    if column.kind == "text":
        return _text(a.justification, column.lang)
    if column.kind == "lines":
        items: tuple[Text, ...] = getattr(a, column.field)
        return "\n".join(item.values.get(column.lang, "") for item in items)
    if column.kind == "amount":
        return number(getattr(a, column.field))
    return "\n".join(e.url for e in a.evidence if e.url)


def _source_evaluation(strategy: Strategy, year: int) -> Evaluation | None:
    """The year's evaluation, else the latest earlier one (a starting point), else None."""
    earlier = [e for e in strategy.evaluations if e.year <= year]
    return max(earlier, key=lambda e: e.year) if earlier else None


def build_sheet(
    strategy: Strategy, year: int, lang: str | None = None, *, carry: bool = True
) -> Sheet:
    """The sheet for `year`, pre-filled with the year's assessments (or, before the year has
    any and with `carry`, the latest earlier year's: a starting point); titles and statuses
    in `lang`."""
    langs = sheet_languages(strategy)
    shown = lang or (langs[0] if langs[0] else "en")
    source = _source_evaluation(strategy, year)
    if source is not None and source.year != year and not carry:
        source = None
    found = {a.action: a for a in source.assessments} if source else {}
    cols = columns(langs)
    actions = tuple(action for _, action in strategy.walk())
    rows = tuple(
        tuple(cell(strategy, action, found.get(action.id), column, shown) for column in cols)
        for action in actions
    )
    statuses = tuple(level.label.get(shown, strategy.fallback) for level in strategy.scale)
    return Sheet(fingerprint(strategy), year, shown, langs, cols, rows, actions, statuses)


# -- reading a filled sheet back ---------------------------------------------------------


@attrs.frozen
class Edit:
    """One edited cell, read: the action, the assessment's field and its new value."""

    action: str
    field: str
    value: object
    row: int
    column: str
    #: The cell as the sheet was made, and as it came back.
    before: str = ""
    after: str = ""


class _Problems:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.found: list[Problem] = []

    def add(self, row: int, column: str, message: str) -> None:
        place = f"row {row}, column {column!r}" if column else f"row {row}"
        self.found.append(Problem(self.path, place, message))
        stop_after(self.found, self.path)


_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
_SPACES = str.maketrans("", "", " \u00a0\u202f")


def _parse_number(text: str) -> float | None:
    compact = text.strip().translate(_SPACES)
    if not _NUMBER.fullmatch(compact):
        return None
    return float(compact.replace(",", "."))


def read_sheet(
    strategy: Strategy, year: int, records: Sequence[Sequence[str]], path: Path
) -> list[Edit]:
    """The edits a filled sheet makes to `year`'s assessments of `strategy`: every cell
    that differs from what the sheet was made with. Problems raise a `ConfigError` naming
    the row and the column."""
    problems = _Problems(path)
    # Compared with the year's own assessments only: before the year has any, every cell
    # carried over from the year before is the year's now.
    expected = build_sheet(strategy, year, _lang_of(records), carry=False)
    if not records or not records[0] or records[0][0].strip() != MARK:
        raise ConfigError(
            [
                Problem(
                    path, "row 1", f"not a monitoring sheet (expected {MARK!r} in its first cell)"
                )
            ]
        )
    _check_mark(problems, records[0], expected)
    header = tuple(c.strip() for c in (records[1] if len(records) > 1 else ()))
    if header != expected.header:
        _header_problem(problems, header, expected.header)
    if problems.found:
        raise ConfigError(problems.found)
    rows = {
        action.id: (action, row)
        for action, row in zip(expected.actions, expected.rows, strict=True)
    }
    edits: list[Edit] = []
    seen: dict[str, int] = {}
    for number_, record in enumerate(records[2:], start=3):
        cells = [c if isinstance(c, str) else str(c) for c in record]
        if not any(c.strip() for c in cells):
            continue
        action_id = cells[0].strip() if cells else ""
        if action_id not in rows:
            problems.add(
                number_,
                "action",
                f"unknown action {action_id!r} (expected an action id of the plan)",
            )
            continue
        if action_id in seen:
            problems.add(
                number_, "action", f"action {action_id!r} is already on row {seen[action_id]}"
            )
            continue
        seen[action_id] = number_
        action, before = rows[action_id]
        if len(cells) > len(expected.columns):
            problems.add(
                number_, "", f"the row has {len(cells)} cells, the header {len(expected.columns)}"
            )
            continue
        cells += [""] * (len(expected.columns) - len(cells))
        for column, now, then in zip(expected.columns, cells, before, strict=True):
            if column.locked or now.replace("\r\n", "\n") == inert(then).replace("\r\n", "\n"):
                continue
            if now.startswith("="):
                problems.add(number_, column.header, "a formula is not read: type the value itself")
                continue
            text = meant(now.replace("\r\n", "\n"))
            edit = _edit(strategy, action, column, text, number_, problems)
            if edit is not None and edit != _edit(
                strategy, action, column, then, number_, problems
            ):
                edits.append(attrs.evolve(edit, before=then, after=text))
    if problems.found:
        raise ConfigError(problems.found)
    return edits


def _header_problem(problems: _Problems, header: Sequence[str], expected: Sequence[str]) -> None:
    at = next(
        (i for i, (a, b) in enumerate(zip(header, expected, strict=False)) if a != b),
        min(len(header), len(expected)),
    )
    got = header[at] if at < len(header) else "(nothing)"
    want = expected[at] if at < len(expected) else "(nothing)"
    problems.add(2, got, f"the header was changed: expected {want!r} here")


def _lang_of(records: Sequence[Sequence[str]]) -> str | None:
    for part in records[0] if records else ():
        if isinstance(part, str) and part.startswith("lang="):
            return part.removeprefix("lang=") or None
    return None


def _check_mark(problems: _Problems, mark: Sequence[str], expected: Sheet) -> None:
    found: dict[str, str] = {}
    for part in mark[1:]:
        key, _, value = str(part).partition("=")
        found[key] = value
    if found.get("plan") != expected.fingerprint:
        problems.add(
            1,
            "",
            "this sheet was made for another plan (its actions differ from the configuration's)",
        )
    if found.get("year") != str(expected.year):
        problems.add(
            1,
            "",
            f"this sheet was made for {found.get('year', 'another year')}, not {expected.year}",
        )


class _CellError(ValueError):
    """A cell that cannot be read; its message says what was expected."""


def _edit(
    strategy: Strategy, action: Action, column: Column, text: str, row: int, problems: _Problems
) -> Edit | None:
    field = f"{column.field}.{column.lang}" if column.kind in ("text", "lines") else column.field
    try:
        value = _parse(strategy, action, column, text)
    except _CellError as exc:
        problems.add(row, column.header, str(exc))
        return None
    return Edit(action.id, field, value, row, column.header)


def _parse(strategy: Strategy, action: Action, column: Column, text: str) -> object:
    """The value a cell holds, for its column's kind."""
    if column.kind == "status":
        return _status(strategy, text)
    if column.kind == "share":
        return _share(text)
    if column.kind == "amount":
        if not text.strip():
            return None
        value = _parse_number(text)
        if value is None or value < 0:
            raise _CellError(f"expected an amount such as 125000 or 125 000,50, got {text!r}")
        return value
    if column.kind == "measurements":
        return _measurements(action, text)
    if column.kind == "links":
        return tuple(line.strip() for line in text.split("\n") if line.strip())
    if column.kind == "lines":
        return tuple(line.strip() for line in text.split("\n"))
    return text.strip()


def _status(strategy: Strategy, text: str) -> str | None:
    wanted = text.strip().casefold()
    if not wanted:
        return None
    for level in strategy.scale:
        if wanted in {level.id.casefold(), *(v.casefold() for v in level.label.values.values())}:
            return level.id
    first = strategy.title.languages[0] if strategy.title.languages else None
    names = ", ".join(level.label.get(first, strategy.fallback) for level in strategy.scale)
    raise _CellError(f"{text.strip()!r} is not a status of the scale (expected one of: {names})")


def _share(text: str) -> float | None:
    value = text.strip()
    if not value:
        return None
    parsed = _parse_number(value.rstrip("%").strip())
    if parsed is not None and value.endswith("%"):
        parsed /= 100
    if parsed is None or not 0 <= parsed <= 1:
        raise _CellError(f"expected a share between 0 and 1, or a percentage, got {text!r}")
    return parsed


def _measurements(action: Action, text: str) -> dict[str, float | None]:
    indicators = {i.id for i in action.indicators}
    values: dict[str, float | None] = {}
    for line in text.split("\n"):
        if not line.strip():
            continue
        key, sep, raw = line.partition("=")
        key = key.strip()
        if not sep or key not in indicators:
            expected = ", ".join(sorted(indicators)) or "none: the action has no indicator"
            raise _CellError(
                f"expected lines 'indicator = value' (indicators: {expected}), got {line.strip()!r}"
            )
        value = _parse_number(raw) if raw.strip() else None
        if raw.strip() and value is None:
            raise _CellError(f"{key}: expected a number, got {raw.strip()!r}")
        values[key] = value
    return values


# -- applying edits to the model -------------------------------------------------------------


def _texts(before: tuple[Text, ...], lang: str, lines: tuple[str, ...]) -> tuple[Text, ...]:
    """A list of texts with its `lang` lines replaced, item by item; empty items dropped."""
    count = max(len(before), len(lines))
    items = []
    for i in range(count):
        values = dict(before[i].values) if i < len(before) else {}
        line = lines[i] if i < len(lines) else ""
        if line:
            values[lang] = line
        else:
            values.pop(lang, None)
        if values:
            items.append(Text(values))
    return tuple(items)


def apply_edit(strategy: Strategy, assessment: Assessment, edit: Edit) -> Assessment:
    """`assessment` with one edit made."""
    field, _, lang = edit.field.partition(".")
    value = edit.value
    number_ = float(value) if isinstance(value, int | float) else None
    if field == "status":
        return attrs.evolve(assessment, status=value if isinstance(value, str) else None)
    if field == "progress":
        return attrs.evolve(assessment, progress=Progress(number_) if number_ is not None else None)
    if field == "committed":
        return attrs.evolve(assessment, committed=number_)
    if field == "spent":
        return attrs.evolve(assessment, spent=number_)
    if field == "justification":
        values = dict(assessment.justification.values) if assessment.justification else {}
        if value:
            values[lang] = str(value)
        else:
            values.pop(lang, None)
        return attrs.evolve(assessment, justification=Text(values) if values else None)
    if field == "measurements":
        assert isinstance(value, Mapping)
        return attrs.evolve(assessment, measurements=_measured(assessment, value))
    assert isinstance(value, tuple)
    if field == "evidence":
        others = tuple(e for e in assessment.evidence if not e.url)
        by_url = {e.url: e for e in assessment.evidence if e.url}
        links = tuple(by_url.get(url, Evidence(url=url)) for url in value)
        return attrs.evolve(assessment, evidence=others + links)
    lines = tuple(str(line) for line in value)
    if field == "achievements":
        return attrs.evolve(assessment, achievements=_texts(assessment.achievements, lang, lines))
    if field == "constraints":
        return attrs.evolve(assessment, constraints=_texts(assessment.constraints, lang, lines))
    return attrs.evolve(assessment, next_steps=_texts(assessment.next_steps, lang, lines))


def _measured(assessment: Assessment, values: Mapping[str, object]) -> tuple[Measurement, ...]:
    kept = {m.indicator: m for m in assessment.measurements}
    for indicator, value in values.items():
        if not isinstance(value, int | float):
            kept.pop(indicator, None)
        elif indicator in kept:
            kept[indicator] = attrs.evolve(kept[indicator], value=float(value))
        else:
            kept[indicator] = Measurement(indicator, float(value))
    return tuple(kept.values())


def apply_edits(strategy: Strategy, year: int, edits: Sequence[Edit]) -> Strategy:
    """`strategy` with `year`'s assessments edited (the evaluation created if needed)."""
    existing = next((e for e in strategy.evaluations if e.year == year), Evaluation(year=year))
    assessments = {a.action: a for a in existing.assessments}
    for edit in edits:
        current = assessments.get(edit.action, Assessment(action=edit.action))
        assessments[edit.action] = apply_edit(strategy, current, edit)
    order = [action.id for _, action in strategy.walk()]
    ordered = sorted(
        assessments.values(),
        key=lambda a: order.index(a.action) if a.action in order else len(order),
    )
    return strategy.with_evaluation(attrs.evolve(existing, assessments=tuple(ordered)))


def changed_fields(edits: Sequence[Edit]) -> Iterator[tuple[str, str]]:
    """(action, field) of each edit, for a report of what changed."""
    for edit in edits:
        yield edit.action, edit.field
