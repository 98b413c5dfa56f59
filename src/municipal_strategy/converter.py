"""The one private cattrs converter that turns TOML data into the model and back.

Primitive hooks are strict (``"4"`` is not an integer); `Text` takes a string or a table
of languages; `PartialDate` a TOML date or ``"YYYY[-MM[-DD]]"``; `Progress` a share or a
percentage. Every error cattrs collects becomes a `Problem` with the field path and, where
the raw data has one, the id of the item it points into.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ForbiddenExtraKeysError

from .errors import ConfigError, Problem
from .model import PartialDate, Progress, Strategy, Text
from .spellings import rewrite_strategy
from .values import ANY_LANGUAGE, NO_LANGUAGE, NOT_A_CODE, FrozenMap, is_language_code

T = TypeVar("T")


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
    # The exact types first: they skip the slower checks of subclasses and of ABCs.
    if type(value) is str or isinstance(value, str):
        return Text.checked(FrozenMap({ANY_LANGUAGE: value}))
    if type(value) is dict or isinstance(value, Mapping):
        if not value:
            raise _Invalid(NO_LANGUAGE)
        for lang, text in value.items():
            if lang == "":
                raise _Invalid("a language code cannot be empty (write a plain string instead)")
            if not isinstance(lang, str) or not is_language_code(lang):
                raise _Invalid(NOT_A_CODE.format(lang))
            if type(text) is not str and not isinstance(text, str):
                raise _Invalid(f"the {lang!r} text must be a string, got {_kind(text)}")
        return Text.checked(FrozenMap(value))
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
        year = int(key) if isinstance(key, str) and re.fullmatch("[0-9]{1,4}", key) else key
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


def _homogeneous_tuple(type_: Any) -> bool:
    origin: Any = get_origin(type_)
    return origin is tuple and get_args(type_)[-1:] == (Ellipsis,)


def _arrays_only(tuple_type: Any, converter: Any) -> Any:
    """The structuring of `tuple[X, ...]` from an array only: a string or a table given
    where an array is expected is refused, not taken apart character by character.

    Each item is structured in one pass; only when one fails are they structured again by
    cattrs, which collects every item's error with its index."""
    base = homogenous_tuple_structure_factory(tuple_type, converter)
    item_type = get_args(tuple_type)[0]
    try:
        item = converter.get_structure_hook(item_type)
    except RecursionError:  # (a type that holds itself, as a group its groups: late binding)
        item = converter.structure

    def structure(value: object, type_: type) -> Any:
        if type(value) is not list and (
            isinstance(value, str | Mapping) or not isinstance(value, list | tuple)
        ):
            raise _Invalid(f"expected an array, got {_kind(value)}")
        try:
            return tuple([item(element, item_type) for element in value])
        except Exception:
            return base(value, type_)

    return structure


def _optional(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) in (Union, UnionType) and len(args) == 2 and NoneType in args


def _optional_hook(type_: Any, converter: Any) -> Any:
    """`X | None`, with X's hook looked up once rather than at every value (cattrs's own
    looks it up each time)."""
    (inner,) = (arg for arg in get_args(type_) if arg is not NoneType)
    try:
        hook = converter.get_structure_hook(inner)
    except RecursionError:  # (a type that holds itself: late binding, as for arrays)
        hook = converter.structure

    def structure(value: object, _: type) -> Any:
        return None if value is None else hook(value, inner)

    return structure


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
    converter.register_structure_hook_factory(_homogeneous_tuple, _arrays_only)
    converter.register_structure_hook_factory(_optional, _optional_hook)
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


def place(path: str, data: object) -> str:
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


def structure(data: Mapping[str, Any], cls: type[T], file: Path | None) -> T:
    raw, found = data, list[tuple[str, str]]()
    if cls is Strategy:
        data, found = rewrite_strategy(data)
    try:
        structured = _converter.structure(data, cls)
        if found:
            raise ConfigError([Problem(file, place(path, raw), message) for path, message in found])
        return structured
    except (cattrs.ClassValidationError, cattrs.IterableValidationError) as exc:
        problems = []
        for line in cattrs.transform_error(exc, path="$", format_exception=_message):
            message, _, path = line.rpartition(" @ ")
            path = path.removeprefix("$").removeprefix(".")
            problems.append(Problem(file, place(path, raw), message))
        found_problems = [Problem(file, place(path, raw), message) for path, message in found]
        raise ConfigError(found_problems + problems) from None


def to_dict(obj: object) -> Any:
    """Plain data (dicts, lists, strings, numbers) that `from_dict` reads back."""
    return _converter.unstructure(obj)
