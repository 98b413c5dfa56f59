"""The domain model: frozen attrs value classes, validated for their invariants only.

A `Strategy` holds the plan (axes, actions, indicators, the status scale) and the
evaluations of it, one per year. Cross-references between objects (an assessment that
names an unknown action, ...) are checked by `municipal_strategy.checks`, not here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal

import attrs

from .errors import EvaluationError

#: Languages a text may be given in; any other well-formed code is accepted too.
LANGUAGES = ("ar", "fr", "en", "zgh")
#: The status of an action that has none this year; no level of a scale may take its name.
UNASSESSED = "unassessed"
#: The key under which a plain (language-less) string is kept.
ANY_LANGUAGE = ""

_LANG_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _text_values(_: Any, attribute: attrs.Attribute[Any], value: Mapping[str, str]) -> None:
    if not value:
        raise ValueError("a text needs at least one language")
    for lang, text in value.items():
        if lang != ANY_LANGUAGE and not _LANG_CODE.fullmatch(lang):
            raise ValueError(f"{lang!r} is not a language code (expected e.g. ar, fr, en, zgh)")
        if not isinstance(text, str):
            raise TypeError(f"the {lang or 'text'} value must be a string")


@attrs.frozen
class Text:
    """A text in one or more languages, or a plain string in none in particular."""

    values: Mapping[str, str] = attrs.field(validator=_text_values)

    @classmethod
    def plain(cls, text: str) -> Text:
        return cls({ANY_LANGUAGE: text})

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.values if lang != ANY_LANGUAGE)

    def get(self, lang: str | None = None, fallback: Sequence[str] = LANGUAGES) -> str:
        """The text in `lang`, else in the first language of `fallback` it has, else any."""
        for candidate in (lang, *fallback, ANY_LANGUAGE):
            if candidate is not None and candidate in self.values:
                return self.values[candidate]
        return next(iter(self.values.values()))

    def language_of(self, lang: str | None = None, fallback: Sequence[str] = LANGUAGES) -> str:
        """The language that `get` picks for these arguments ('' for a plain string)."""
        for candidate in (lang, *fallback, ANY_LANGUAGE):
            if candidate is not None and candidate in self.values:
                return candidate
        return next(iter(self.values))

    def __str__(self) -> str:
        return self.get()


@attrs.frozen(order=True)
class PartialDate:
    """A date known to the year, the month or the day: 2022, 2022-03, 2022-03-14."""

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            assert self.month is not None
            dt.date(self.year, self.month, self.day)  # raises ValueError if impossible

    @classmethod
    def parse(cls, value: str | dt.date) -> PartialDate:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        match = _PARTIAL_DATE.fullmatch(value)
        if match is None:
            raise ValueError(f"{value!r} is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        return cls(year, month, day)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        parts += [f"{n:02d}" for n in (self.month, self.day) if n is not None]
        return "-".join(parts)


def _unit_interval(_: Any, attribute: attrs.Attribute[Any], value: float | None) -> None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be between 0 and 1, got {value}")


def _not_blank(_: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


@attrs.frozen
class Period:
    """The years a strategy covers, both included."""

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"the period starts ({self.start}) after it ends ({self.end})")

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.start <= year <= self.end

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"


@attrs.frozen
class Session:
    """Where and when a document was adopted or presented: a council's session."""

    session: Text
    body: Text | None = None
    date: PartialDate | None = None


@attrs.frozen
class StatusLevel:
    """One level of a status scale and the weight it counts for in the rate."""

    id: str = attrs.field(validator=_not_blank)
    weight: float = attrs.field(validator=_unit_interval)
    label: Text
    description: Text | None = None


@attrs.frozen
class Indicator:
    """What an action is measured by, with its baseline and targets."""

    id: str = attrs.field(validator=_not_blank)
    name: Text
    unit: Text | None = None
    direction: Literal["increase", "decrease"] = "increase"
    baseline: float | None = None
    baseline_year: int | None = None
    target: float | None = None
    targets: Mapping[int, float] = attrs.field(factory=dict)
    notes: tuple[Text, ...] = ()

    def target_for(self, year: int) -> float | None:
        """The target set for `year`, else the target for the whole period."""
        return self.targets.get(year, self.target)


@attrs.frozen
class Action:
    """An executive action of the strategy."""

    id: str = attrs.field(validator=_not_blank)
    number: int
    title: Text
    description: Text | None = None
    tags: tuple[str, ...] = ()
    responsible: Text | None = None
    indicators: tuple[Indicator, ...] = ()


@attrs.frozen
class Axis:
    """A strategic axis grouping actions."""

    id: str = attrs.field(validator=_not_blank)
    number: int
    title: Text
    description: Text | None = None
    actions: tuple[Action, ...] = ()


@attrs.frozen
class Activity:
    """A dated thing done for an action: a meeting, a training session, a launch."""

    title: Text
    date: PartialDate | None = None
    end: PartialDate | None = None
    organiser: Text | None = None
    audience: Text | None = None
    kind: str | None = None
    note: Text | None = None


@attrs.frozen
class Evidence:
    """What an assessment rests on: a link, a document, a quoted sentence."""

    title: Text | None = None
    url: str | None = None
    document: str | None = None
    locator: str | None = None
    quote: str | None = None
    note: Text | None = None

    def __attrs_post_init__(self) -> None:
        if self.url is None and self.document is None and self.quote is None:
            raise ValueError("evidence needs a url, a document or a quote")


@attrs.frozen
class Measurement:
    """A value an indicator of the assessed action took in the evaluated year."""

    indicator: str
    value: float
    source: str | None = None
    note: Text | None = None


@attrs.frozen
class Assessment:
    """The evaluation of one action in one year; no status means not assessed."""

    action: str
    status: str | None = None
    progress: float | None = attrs.field(default=None, validator=_unit_interval)
    justification: Text | None = None
    achievements: tuple[Text, ...] = ()
    constraints: tuple[Text, ...] = ()
    next_steps: tuple[Text, ...] = ()
    activities: tuple[Activity, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    notes: tuple[Text, ...] = ()


@attrs.frozen
class ExclusionRule:
    """Removes the actions it selects from the rate (never from the report), with a reason."""

    reason: Text
    actions: tuple[str, ...] = ()
    axes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not (self.actions or self.axes or self.tags):
            raise ValueError("an exclusion needs at least one of actions, axes or tags")

    def selects(self, action: Action, axis: Axis) -> bool:
        return (
            action.id in self.actions
            or axis.id in self.axes
            or any(tag in self.tags for tag in action.tags)
        )


@attrs.frozen
class Import:
    """A file of assessment updates read by a data source, e.g. a monitoring spreadsheet."""

    path: str = attrs.field(validator=_not_blank)
    source: str | None = None


@attrs.frozen
class Evaluation:
    """One year's evaluation of the strategy."""

    year: int
    title: Text | None = None
    presented: Session | None = None
    exclusions: tuple[ExclusionRule, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    imports: tuple[Import, ...] = ()
    notes: tuple[Text, ...] = ()

    def assessment(self, action_id: str) -> Assessment | None:
        return next((a for a in self.assessments if a.action == action_id), None)


def _default_scale() -> tuple[StatusLevel, ...]:
    return DEFAULT_SCALE


@attrs.frozen
class Strategy:
    """A commune's multi-year strategy and its annual evaluations."""

    commune: Text
    title: Text
    period: Period
    axes: tuple[Axis, ...]
    adopted: Session | None = None
    website: str | None = None
    description: Text | None = None
    notes: tuple[Text, ...] = ()
    scale: tuple[StatusLevel, ...] = attrs.field(factory=_default_scale)
    evaluations: tuple[Evaluation, ...] = ()

    def actions(self) -> Iterator[tuple[Axis, Action]]:
        """Every action with its axis, in order."""
        for axis in self.axes:
            for action in axis.actions:
                yield axis, action

    def level(self, status: str) -> StatusLevel | None:
        return next((level for level in self.scale if level.id == status), None)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(e.year for e in self.evaluations))

    def with_evaluation(self, evaluation: Evaluation) -> Strategy:
        """This strategy with `evaluation` in place of the one of its year, or added."""
        others = tuple(e for e in self.evaluations if e.year != evaluation.year)
        return attrs.evolve(
            self, evaluations=tuple(sorted((*others, evaluation), key=lambda e: e.year))
        )

    def evaluation(self, year: int | None = None) -> Evaluation:
        """The evaluation of `year`; without a year, the only one there is."""
        if year is None:
            if len(self.evaluations) != 1:
                found = ", ".join(map(str, self.years)) or "none"
                raise EvaluationError(
                    f"choose a year: the configuration has evaluations for {found}"
                )
            return self.evaluations[0]
        for evaluation in self.evaluations:
            if evaluation.year == year:
                return evaluation
        found = ", ".join(map(str, self.years)) or "none"
        raise EvaluationError(f"no evaluation for {year} (the configuration has {found})")


def _label(ar: str, fr: str, en: str) -> Text:
    return Text({"ar": ar, "fr": fr, "en": en})


#: An OGP-style completion scale, plus suspended, used when a configuration gives none.
DEFAULT_SCALE: tuple[StatusLevel, ...] = (
    StatusLevel("not_started", 0.0, _label("لم ينطلق", "Non commencée", "Not started")),
    StatusLevel("limited", 0.25, _label("محدود", "Limitée", "Limited")),
    StatusLevel("substantial", 0.75, _label("جوهري", "Substantielle", "Substantial")),
    StatusLevel("complete", 1.0, _label("مكتمل", "Achevée", "Complete")),
    StatusLevel("suspended", 0.0, _label("معلّق", "Suspendue", "Suspended")),
)
