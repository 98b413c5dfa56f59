"""Tables and their Table Schema: fields, keys, and the CSV they are written as.

A `Table` is what one CSV resource of the package holds: its fields, in column order, and
its rows, each a mapping from field name to a plain Python value (`Cell`). The values are
written the way Table Schema reads them back: numbers as numbers, booleans as
``true``/``false``, lists as JSON arrays, nothing as an empty cell.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

#: What a cell holds before it is written.
Cell: TypeAlias = str | int | float | bool | list[str] | None
Row: TypeAlias = Mapping[str, Cell]

#: RFC 4180, as Table Schema's CSV dialect spells it (these are also its defaults).
DIALECT: dict[str, Any] = {
    "delimiter": ",",
    "quoteChar": '"',
    "doubleQuote": True,
    "lineTerminator": "\r\n",
    "header": True,
}


@dataclass(frozen=True)
class Field:
    """A column: its Table Schema name, type, documentation and constraints."""

    name: str
    type: str
    title: str
    description: str
    constraints: Mapping[str, Any] = field(default_factory=dict)

    def descriptor(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "title": self.title,
            "description": self.description,
        }
        if self.constraints:
            found["constraints"] = dict(self.constraints)
        return found


@dataclass(frozen=True)
class ForeignKey:
    """Columns of this table that name a row of another table of the package."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]

    def descriptor(self) -> dict[str, Any]:
        return {
            "fields": list(self.fields),
            "reference": {"resource": self.resource, "fields": list(self.reference)},
        }


@dataclass(frozen=True)
class Table:
    """One resource of the package: documented columns and the rows under them."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    rows: tuple[Row, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"table {self.name!r} has a field twice")
        for row in self.rows:
            if list(row) != names:
                raise ValueError(f"a row of {self.name!r} has {list(row)}, expected {names}")

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [f.descriptor() for f in self.fields],
            "missingValues": [""],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [key.descriptor() for key in self.foreign_keys]
        return schema

    def csv_bytes(self) -> bytes:
        """The table as RFC 4180 CSV in UTF-8 without a byte-order mark, header first."""
        text = io.StringIO(newline="")
        writer = csv.writer(text, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([f.name for f in self.fields])
        writer.writerows([encode(row[f.name]) for f in self.fields] for row in self.rows)
        return text.getvalue().encode("utf-8")


def encode(value: Cell) -> str:
    """A cell as Table Schema reads it: '' for nothing, true/false, 0.56, ["a", "b"]."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def number(value: float) -> str:
    """A float in full precision: 12.0 → '12', 0.56 → '0.56', nan → 'NaN', inf → 'INF'."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def string(name: str, title: str, description: str, **constraints: Any) -> Field:
    return Field(name, "string", title, description, constraints)


def integer(name: str, title: str, description: str, **constraints: Any) -> Field:
    return Field(name, "integer", title, description, constraints)


def decimal(name: str, title: str, description: str, **constraints: Any) -> Field:
    return Field(name, "number", title, description, constraints)


def share(name: str, title: str, description: str) -> Field:
    """A number between 0 and 1 (a rate, a weight, an achievement)."""
    return Field(name, "number", title, description, {"minimum": 0, "maximum": 1})


def boolean(name: str, title: str, description: str) -> Field:
    return Field(name, "boolean", title, description, {"required": True})


def array(name: str, title: str, description: str) -> Field:
    return Field(name, "array", title, description)


def required(field_: Field) -> Field:
    """The same field, never empty."""
    return Field(
        field_.name,
        field_.type,
        field_.title,
        field_.description,
        {**field_.constraints, "required": True},
    )
