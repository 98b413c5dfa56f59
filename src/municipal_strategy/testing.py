"""Helpers for tests, this project's and plugin authors' own: hypothesis strategies that
build valid configurations with arbitrary Unicode texts, and a TOML writer for them.

Requires hypothesis (``pip install hypothesis``); nothing else in the package imports it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from hypothesis import strategies as st

from .model import (
    DEFAULT_SCALE,
    LANGUAGES,
    Action,
    Assessment,
    Axis,
    Evaluation,
    ExclusionRule,
    Indicator,
    Measurement,
    Period,
    StatusLevel,
    Strategy,
    Text,
)

__all__ = ["strategies", "text_values", "texts", "toml_dumps"]

#: Any character a UTF-8 file can hold: every code point but the surrogates.
unicode_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


def texts() -> st.SearchStrategy[Text]:
    """Plain or multilingual texts made of arbitrary Unicode."""
    plain = unicode_text.map(Text.plain)
    multilingual = st.dictionaries(st.sampled_from(LANGUAGES), unicode_text, min_size=1).map(Text)
    return plain | multilingual


def text_values() -> st.SearchStrategy[str]:
    """Arbitrary Unicode strings, as `texts` uses them."""
    return unicode_text


_weights = st.floats(min_value=0, max_value=1, allow_nan=False)
_scales = st.lists(
    st.builds(
        StatusLevel,
        id=st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
        weight=_weights,
        label=texts(),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda level: level.id,
).map(tuple)


@st.composite
def strategies(
    draw: st.DrawFn,
    *,
    max_axes: int = 4,
    max_actions: int = 6,
    scale: Sequence[StatusLevel] | None = None,
) -> Strategy:
    """Valid strategies with one evaluation, some actions excluded, some left unassessed."""
    levels = tuple(scale) if scale is not None else draw(st.just(DEFAULT_SCALE) | _scales)
    start = draw(st.integers(2000, 2040))
    period = Period(start, start + draw(st.integers(0, 10)))
    year = draw(st.integers(period.start, period.end))
    axes, assessments, number = [], [], 0
    tags = st.lists(st.sampled_from(["amazigh", "budget", "digital"]), max_size=2, unique=True)
    for i in range(draw(st.integers(1, max_axes))):
        actions = []
        for _ in range(draw(st.integers(0, max_actions))):
            number += 1
            indicator = Indicator(
                id="ind",
                name=draw(texts()),
                direction=draw(st.sampled_from(["increase", "decrease"])),
                baseline=draw(st.none() | st.floats(0, 1000)),
                target=draw(st.none() | st.floats(0, 1000)),
            )
            action = Action(
                id=f"a{number}",
                number=number,
                title=draw(texts()),
                tags=tuple(draw(tags)),
                indicators=(indicator,) if draw(st.booleans()) else (),
            )
            actions.append(action)
            status = draw(st.none() | st.sampled_from([level.id for level in levels]))
            if status is not None or draw(st.booleans()):
                measurements = tuple(
                    Measurement("ind", draw(st.floats(0, 1000))) for _ in action.indicators
                )
                assessments.append(
                    Assessment(
                        action=action.id,
                        status=status,
                        achievements=tuple(draw(st.lists(texts(), max_size=2))),
                        measurements=measurements,
                    )
                )
        axes.append(Axis(id=f"axis{i}", number=i + 1, title=draw(texts()), actions=tuple(actions)))
    action_ids = [f"a{n}" for n in range(1, number + 1)]
    exclusions = tuple(
        ExclusionRule(
            reason=draw(texts()),
            actions=tuple(
                draw(st.lists(st.sampled_from(action_ids), max_size=2)) if action_ids else []
            ),
            axes=(f"axis{draw(st.integers(0, len(axes) - 1))}",),
        )
        for _ in range(draw(st.integers(0, 1)))
    )
    evaluation = Evaluation(year=year, assessments=tuple(assessments), exclusions=exclusions)
    return Strategy(
        commune=draw(texts()),
        title=draw(texts()),
        period=period,
        axes=tuple(axes),
        scale=levels,
        evaluations=(evaluation,),
    )


def _toml_string(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\' or ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("TOML cannot hold this number here")
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        items = ", ".join(f"{_toml_string(str(k))} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def toml_dumps(data: Mapping[str, Any]) -> str:
    """A TOML document for plain data such as `municipal_strategy.to_dict` returns.

    Every value is written inline, which TOML allows for any data; it is meant for tests,
    not for files people edit.
    """
    return "".join(f"{_toml_string(key)} = {_toml_value(value)}\n" for key, value in data.items())
