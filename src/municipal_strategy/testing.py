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
from typing import TYPE_CHECKING, Any, Literal

from hypothesis import strategies as st

if TYPE_CHECKING:
    from .plugins import Exporter, Plugins
    from .scoring import EvaluationResult

import attrs

from .model import (
    DEFAULT_SCALE,
    LANGUAGES,
    UNASSESSED,
    Action,
    Activity,
    Assessment,
    Budget,
    Evaluation,
    Evidence,
    ExclusionRule,
    Indicator,
    Measurement,
    Node,
    PartialDate,
    Period,
    Progress,
    StatusLevel,
    Strategy,
    Text,
)

__all__ = [
    "export",
    "plugins_with",
    "sample_result",
    "sample_strategy",
    "schema_validator",
    "strategies",
    "text_values",
    "texts",
    "toml_dumps",
]

#: Any character a UTF-8 file can hold: every code point but the surrogates.
unicode_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
_texts = unicode_text.map(Text.plain) | st.dictionaries(
    st.sampled_from(LANGUAGES), unicode_text, min_size=1
).map(Text)


def texts() -> st.SearchStrategy[Text]:
    """Plain or multilingual texts made of arbitrary Unicode."""
    return _texts


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
        scored=st.booleans() | st.just(True),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda level: level.id,
).map(tuple)
_any_scale = st.just(DEFAULT_SCALE) | _scales
#: Plan weights: mostly the default 1, sometimes another, sometimes zero.
_plan_weights = st.just(1.0) | st.sampled_from([0.0, 0.5, 2.0, 3.0]) | st.floats(0.01, 10)
#: How siblings are coded: "3", "T3", "A-03", "1.2.3"-like.
_code_styles = st.sampled_from(["{n}", "T{n}", "A-{n:02d}", "{parent}.{n}"])


_months = st.none() | st.integers(1, 12)
_days = st.none() | st.integers(1, 28)
_maybe_thousands = st.none() | st.floats(0, 1000)
_maybe_amount = st.none() | st.floats(0, 1e7)
_maybe_share = st.none() | st.floats(0, 1)
_directions: st.SearchStrategy[Literal["increase", "decrease"]] = st.sampled_from(
    ["increase", "decrease"]
)
_urls = st.sampled_from(["https://example.org/r", None])


def _dates(period: Period) -> st.SearchStrategy[PartialDate | None]:
    """Dates in the period, as precise as the year, the month or the day; or None."""

    @st.composite
    def dates(draw: st.DrawFn) -> PartialDate:
        year = draw(st.integers(period.start, period.end))
        month = draw(_months)
        return PartialDate(year, month, draw(_days) if month is not None else None)

    return st.none() | dates()


class _Tree:
    """Draws a tree of nodes and actions with ids unique across it."""

    def __init__(
        self, draw: st.DrawFn, period: Period, max_actions: int, max_total: int, budgets: bool
    ) -> None:
        self.draw, self.dates, self.budgets = draw, _dates(period), budgets
        self.max_actions, self.max_total = max_actions, max_total
        self.actions: list[Action] = []
        self.nodes: list[Node] = []

    def weights(self, count: int) -> list[float]:
        weights = [self.draw(_plan_weights) for _ in range(count)]
        if weights and not any(weights):
            weights[0] = 1.0  # siblings may not all weigh zero
        return weights

    def codes(self, count: int, parent: str) -> list[str]:
        style = self.draw(_code_styles)
        return [style.format(n=n, parent=parent) for n in range(1, count + 1)]

    def action(self, code: str, weight: float) -> Action:
        draw = self.draw
        number = len(self.actions) + 1
        start, end = draw(self.dates), draw(self.dates)
        if start is not None and end is not None and end.last_day() < start.first_day():
            start, end = end, start
        indicator = Indicator(
            id="ind",
            name=draw(_texts),
            direction=draw(_directions),
            baseline=draw(_maybe_thousands),
            target=draw(_maybe_thousands),
        )
        amount = draw(_maybe_amount) if self.budgets else None
        action = Action(
            id=f"a{number}",
            code=code,
            title=draw(_texts),
            tags=tuple(draw(_tags)),
            weight=weight,
            start=start,
            end=end,
            budget=Budget(amount) if amount is not None else None,
            indicators=(indicator,) if draw(st.booleans()) else (),
        )
        self.actions.append(action)
        return action

    def node(self, code: str, weight: float, depth: int) -> Node:
        draw = self.draw
        number = len(self.nodes) + 1
        groups_count = draw(st.integers(0, 2)) if depth > 0 else 0
        room = max(0, self.max_total - len(self.actions))
        actions_count = draw(st.integers(0, min(self.max_actions, room)))
        weights = self.weights(groups_count + actions_count)
        codes = self.codes(groups_count + actions_count, code)
        node = Node(id=f"g{number}", code=code, title=draw(_texts), weight=weight)
        self.nodes.append(node)  # its place, so that ids follow the order of the tree
        actions = tuple(
            self.action(c, w) for c, w in zip(codes[:actions_count], weights, strict=False)
        )
        groups = tuple(
            self.node(c, w, depth - 1)
            for c, w in zip(codes[actions_count:], weights[actions_count:], strict=True)
        )
        node = attrs.evolve(node, tags=tuple(draw(_tags)), groups=groups, actions=actions)
        self.nodes[number - 1] = node
        return node


_tags = st.lists(st.sampled_from(["amazigh", "budget", "digital"]), max_size=2, unique=True)


def _rules(draw: st.DrawFn, tree: _Tree, count: int) -> tuple[ExclusionRule, ...]:
    action_ids = [a.id for a in tree.actions]
    node_ids = [n.id for n in tree.nodes]
    items: list[Action | Node] = [*tree.actions, *tree.nodes]
    tags = sorted({t for item in items for t in item.tags})
    rules = []
    for _ in range(count):
        actions = draw(st.lists(st.sampled_from(action_ids), max_size=2)) if action_ids else []
        nodes = draw(st.lists(st.sampled_from(node_ids), max_size=1)) if node_ids else []
        chosen = draw(st.lists(st.sampled_from(tags), max_size=1)) if tags else []
        if not (actions or nodes or chosen):
            continue
        rules.append(
            ExclusionRule(
                reason=draw(_texts), actions=tuple(actions), nodes=tuple(nodes), tags=tuple(chosen)
            )
        )
    return tuple(rules)


def _assessment(
    draw: st.DrawFn, action: Action, statuses: st.SearchStrategy[str | None]
) -> Assessment | None:
    status = draw(statuses)
    progress = draw(_maybe_share)
    if status is None and progress is None and not draw(st.booleans()):
        return None
    spent = draw(_maybe_amount) if action.budget else None
    return Assessment(
        action=action.id,
        status=status,
        progress=Progress(progress) if progress is not None else None,
        committed=draw(_maybe_amount) if action.budget else None,
        spent=spent,
        achievements=tuple(draw(st.lists(_texts, max_size=2))),
        activities=tuple(
            Activity(title=draw(_texts), date=PartialDate(2024, 3), end=PartialDate(2024, 3, 20))
            for _ in range(draw(st.integers(0, 1)))
        ),
        evidence=tuple(
            Evidence(url=draw(_urls), quote="«…»") for _ in range(draw(st.integers(0, 1)))
        ),
        measurements=tuple(Measurement("ind", draw(st.floats(0, 1000))) for _ in action.indicators),
    )


@st.composite
def strategies(
    draw: st.DrawFn,
    *,
    max_axes: int = 4,
    max_actions: int = 6,
    scale: Sequence[StatusLevel] | None = None,
    max_depth: int = 2,
    max_years: int = 1,
) -> Strategy:
    """Valid strategies: a tree of axes, groups (up to `max_depth` levels below the axes)
    and actions with codes, weights, schedules and budgets; up to `max_years` evaluations,
    each with some actions excluded (by id, node or tag, yearly and standing) and some left
    unassessed; scored by status or by progress."""
    levels = tuple(scale) if scale is not None else draw(_any_scale)
    start = draw(st.integers(2000, 2040))
    period = Period(start, start + draw(st.integers(0, 10)))
    tree = _Tree(draw, period, max_actions, max_axes * max_actions, budgets=draw(st.booleans()))
    count = draw(st.integers(1, max_axes))
    weights, codes = tree.weights(count), tree.codes(count, "")
    depth = draw(st.integers(0, max_depth))
    axes = tuple(tree.node(c.lstrip("."), w, depth) for c, w in zip(codes, weights, strict=True))
    statuses = st.none() | st.sampled_from([level.id for level in levels])
    years = draw(
        st.lists(st.integers(period.start, period.end), min_size=1, max_size=max_years, unique=True)
    )
    evaluations = tuple(
        Evaluation(
            year=year,
            assessments=tuple(
                a
                for action in tree.actions
                for a in [_assessment(draw, action, statuses)]
                if a is not None
            ),
            exclusions=_rules(draw, tree, draw(st.integers(0, 2))),
        )
        for year in sorted(years)
    )
    return Strategy(
        commune=draw(_texts),
        title=draw(_texts),
        period=period,
        axes=axes,
        scale=levels,
        scoring=draw(st.sampled_from(["status", "progress"])),
        currency="MAD",
        exclusions=_rules(draw, tree, draw(st.integers(0, 1))),
        evaluations=evaluations,
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
        if isinstance(value, float) and math.isnan(value):
            return "nan"
        if isinstance(value, float) and math.isinf(value):
            return "inf" if value > 0 else "-inf"
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
                    "code": "1",
                    "title": t("الانفتاح", "Ouverture", "Openness"),
                    "actions": [
                        {
                            "id": "o1",
                            "code": "1",
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
                            "code": "2",
                            "title": t("الرقم الأخضر", "Numéro vert", "Green number"),
                        },
                    ],
                },
                {
                    "id": "amazigh",
                    "code": "2",
                    "title": t("الأمازيغية", "Amazighe", "Amazigh", "ⵜⴰⵎⴰⵣⵉⵖⵜ"),
                    "actions": [
                        {
                            "id": "z1",
                            "code": "3",
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


def schema_validator(name: str = "evaluation.schema.json") -> Any:
    """A `jsonschema` validator for a shipped schema, its references to the other shipped
    schemas resolved (needs jsonschema)."""
    import json
    from importlib import resources

    import jsonschema
    from referencing import Registry, Resource

    folder = resources.files("municipal_strategy").joinpath("schemas")
    schemas = {
        entry.name: json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    }
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    return jsonschema.Draft202012Validator(schemas[name], registry=registry)


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
