"""Older spellings and one-line shorthands of a configuration, rewritten into the keys of
the model before it is structured.

- ``number = 3`` on an axis, a group or an action is the older spelling of ``code = "3"``;
  an integer ``code`` is taken as its digits.
- ``scale = "ogp"`` names a preset scale (`SCALE_PRESETS`) instead of listing its levels.

The raw data is never changed: what differs is copied. Problems come back with the field
path of the key the file holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .scales import SCALE_PRESETS

Found = list[tuple[str, str]]


def _code(item: Mapping[str, Any], path: str, found: Found) -> Mapping[str, Any]:
    # One problem is told per key: what stands in for a bad value raises no other.
    if "number" in item:
        rest = {k: v for k, v in item.items() if k != "number"}
        if "code" in item:
            found.append((f"{path}.number", "give code or number, not both (code is preferred)"))
            item = rest
        else:
            number = item["number"]
            if isinstance(number, bool) or not isinstance(number, int | str):
                found.append((f"{path}.number", f"expected an integer or a string, got {number!r}"))
            item = rest | {"code": str(number)}
    code = item.get("code")
    if isinstance(code, int) and not isinstance(code, bool):
        item = {**item, "code": str(code)}
    return item


def _node(item: object, path: str, found: Found) -> object:
    if not isinstance(item, Mapping):
        return item
    item = _code(item, path, found)
    for key in ("groups", "actions"):
        children = item.get(key)
        if isinstance(children, list):
            rewritten = [
                (_node if key == "groups" else _leaf)(child, f"{path}.{key}[{i}]", found)
                for i, child in enumerate(children)
            ]
            item = {**item, key: rewritten}
    return item


def _leaf(item: object, path: str, found: Found) -> object:
    return _code(item, path, found) if isinstance(item, Mapping) else item


def _scale(value: object, found: Found) -> object:
    if not isinstance(value, str):
        return value
    preset = SCALE_PRESETS.get(value)
    if preset is None:  # told once; the default stands in from here on
        names = ", ".join(f'"{name}"' for name in SCALE_PRESETS)
        found.append(
            ("scale", f"unknown scale {value!r} (expected one of {names}, or [[scale]] levels)")
        )
        preset = SCALE_PRESETS["default"]
    from .converter import to_dict

    return [to_dict(level) for level in preset]


def rewrite_strategy(data: Mapping[str, Any]) -> tuple[Mapping[str, Any], Found]:
    """`data` in the model's own keys, and the problems found on the way."""
    found: Found = []
    axes = data.get("axes")
    if isinstance(axes, list):
        data = {**data, "axes": [_node(axis, f"axes[{i}]", found) for i, axis in enumerate(axes)]}
    if "scale" in data:
        data = {**data, "scale": _scale(data["scale"], found)}
    return data, found
