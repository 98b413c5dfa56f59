"""Helpers for tests, this project's and plugin authors' own: hypothesis strategies that
build valid configurations with arbitrary Unicode texts, and a TOML writer for them.

Requires hypothesis (``pip install hypothesis``); nothing else in the package imports it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

if TYPE_CHECKING:
    from .plugins import Exporter, Plugins
    from .scoring import EvaluationResult

from .model import (
    DEFAULT_SCALE,
    LANGUAGES,
    UNASSESSED,
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

__all__ = [
    "export",
    "plugins_with",
    "sample_result",
    "sample_strategy",
    "strategies",
    "text_values",
    "texts",
    "toml_dumps",
]

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
        id=st.from_regex(r"[a-z_]{1,12}", fullmatch=True).filter(lambda s: s != UNASSESSED),
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


def sample_strategy() -> Strategy:
    """A small strategy in Arabic, French, English and Tifinagh, with one evaluation that has
    an exclusion, an unassessed action, indicators, activities and evidence."""
    from .loading import from_dict

    def t(ar: str, fr: str, en: str, zgh: str | None = None) -> dict[str, str]:
        return {"ar": ar, "fr": fr, "en": en} | ({"zgh": zgh} if zgh else {})

    return from_dict(
        {
            "commune": t(
                "جماعة تيزنيت", "Commune de Tiznit", "Commune of Tiznit", "ⵜⴰⵎⵙⵎⵓⵏⵜ ⵏ ⵜⵉⵣⵏⵉⵜ"
            ),
            "title": t(
                "استراتيجية المشاركة 2024–2026",
                "Stratégie de participation 2024–2026",
                "Participation strategy 2024–2026",
            ),
            "period": {"start": 2024, "end": 2026},
            "axes": [
                {
                    "id": "open",
                    "number": 1,
                    "title": t("الانفتاح", "Ouverture", "Openness"),
                    "actions": [
                        {
                            "id": "o1",
                            "number": 1,
                            "title": t(
                                "بوابة المعطيات المفتوحة", "Portail open data", "Open data portal"
                            ),
                            "indicators": [
                                {
                                    "id": "datasets",
                                    "name": t("مجموعات البيانات", "Jeux de données", "Datasets"),
                                    "target": 20,
                                }
                            ],
                        },
                        {
                            "id": "o2",
                            "number": 2,
                            "title": t("الرقم الأخضر", "Numéro vert", "Green number"),
                        },
                    ],
                },
                {
                    "id": "amazigh",
                    "number": 2,
                    "title": t("الأمازيغية", "Amazighe", "Amazigh", "ⵜⴰⵎⴰⵣⵉⵖⵜ"),
                    "actions": [
                        {
                            "id": "z1",
                            "number": 3,
                            "title": t(
                                "لوحات بتيفيناغ",
                                "Panneaux en tifinagh",
                                "Tifinagh signs",
                                "ⵜⵉⴼⵉⵏⴰⵖ",
                            ),
                            "tags": ["amazigh"],
                        }
                    ],
                },
            ],
            "evaluations": [
                {
                    "year": 2025,
                    "exclusions": [
                        {"tags": ["amazigh"], "reason": t("مخطط خاص", "Plan propre", "Own plan")}
                    ],
                    "assessments": [
                        {
                            "action": "o1",
                            "status": "substantial",
                            "achievements": [
                                t(
                                    "نشر 12 مجموعة بيانات على www.tiznit.ma",
                                    "12 jeux publiés",
                                    "12 datasets published",
                                )
                            ],
                            "measurements": [{"indicator": "datasets", "value": 12}],
                            "activities": [
                                {
                                    "title": t("ورشة", "Atelier", "Workshop"),
                                    "date": "2025-03-14",
                                    "organiser": "OGP",
                                    "kind": "training",
                                }
                            ],
                            "evidence": [
                                {
                                    "document": "rapport-2025.pdf",
                                    "locator": "p. 4",
                                    "quote": "تم نشر 12 مجموعة بيانات بنسبة 60%",
                                }
                            ],
                        },
                        {
                            "action": "o2",
                            "status": "suspended",
                            "constraints": [t("نقص الموارد", "Manque de moyens", "Lack of staff")],
                        },
                    ],
                }
            ],
        }
    )


def sample_result() -> EvaluationResult:
    """`sample_strategy()` evaluated."""
    from .scoring import evaluate

    return evaluate(sample_strategy())


def export(exporter: Exporter | str, result: EvaluationResult, lang: str | None = None) -> bytes:
    """What an exporter (or the exporter of that name) writes for `result`."""
    from .plugins import ExportOptions, get_exporter

    found = get_exporter(exporter) if isinstance(exporter, str) else exporter
    stream = io.BytesIO()
    found.write(result, stream, ExportOptions(lang=lang))
    return stream.getvalue()


@contextmanager
def plugins_with(*plugins: object, entry_points: bool = False) -> Iterator[Plugins]:
    """Within the block, the registered plugins are the built-in ones plus `plugins`
    (modules or objects with hook implementations); installed ones only if asked."""
    from .plugins import Plugins, using

    with using(Plugins(entry_points=entry_points, extra=plugins)) as fresh:
        fresh.load()
        yield fresh
