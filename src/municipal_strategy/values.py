"""The small immutable values the model is made of: texts, partial dates, periods, sessions,
amounts of money, and the read-only mapping they keep their items in."""

# No `from __future__ import annotations` here: the fields' types are evaluated with the
# classes, rather than compiled one by one when cattrs first reads them (some 5 ms of a
# command's start-up). A type named before it is defined is written as a string.
import datetime as dt
import re
from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, Sequence, ValuesView
from typing import Any, TypeVar

import attrs

K = TypeVar("K")
V = TypeVar("V")

#: Languages a text may be given in; any other well-formed code is accepted too.
LANGUAGES = ("ar", "fr", "en", "zgh")
#: The key under which a plain (language-less) string is kept.
ANY_LANGUAGE = ""
#: The years a date, a period or an evaluation may name.
MIN_YEAR, MAX_YEAR = 1, 9998

LANG_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


_RUNS = re.compile(r"([0-9]+)")


def natural_key(code: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key that puts "2" before "10", "T2" before "T10" and "1.2" before "1.10"."""
    return tuple(
        (0, int(run), "") if _RUNS.fullmatch(run) else (1, 0, run.casefold())
        for run in _RUNS.split(code)
        if run
    )


class FrozenMap(Mapping[K, V]):
    """A read-only, hashable mapping: what a frozen value class keeps its tables in."""

    __slots__ = ("_data",)

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._data: dict[K, V] = dict(items)

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    # The dict's own methods: `Mapping`'s would look every key up again.
    def __contains__(self, key: object) -> bool:
        return key in self._data

    def keys(self) -> KeysView[K]:
        return self._data.keys()

    def items(self) -> ItemsView[K, V]:
        return self._data.items()

    def values(self) -> ValuesView[V]:
        return self._data.values()

    def get(self, key: K, default: Any = None) -> Any:
        return self._data.get(key, default)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


def frozen_map(items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> FrozenMap[K, V]:
    """`items` as a `FrozenMap` (the attrs converter of mapping fields)."""
    return items if isinstance(items, FrozenMap) else FrozenMap(items)


def _text_map(values: Mapping[str, str]) -> FrozenMap[str, str]:
    return frozen_map(values)


NO_LANGUAGE = "a text needs at least one language"
NOT_A_CODE = "{!r} is not a language code (expected e.g. ar, fr, en, zgh)"


def is_language_code(lang: str) -> bool:
    """ar, fr, en, zgh, or any other well-formed code (``fr-MA``)."""
    return lang in LANGUAGES or LANG_CODE.fullmatch(lang) is not None


def _text_values(_: Any, attribute: "attrs.Attribute[Any]", value: Mapping[str, str]) -> None:
    if not value:
        raise ValueError(NO_LANGUAGE)
    for lang, text in value.items():
        if lang != ANY_LANGUAGE and not is_language_code(lang):
            raise ValueError(NOT_A_CODE.format(lang))
        if not isinstance(text, str):
            raise TypeError(f"the {lang or 'text'} value must be a string")


@attrs.frozen
class Text:
    """A text in one or more languages, or a plain string in none in particular."""

    values: Mapping[str, str] = attrs.field(converter=_text_map, validator=_text_values)

    @classmethod
    def plain(cls, text: str) -> "Text":
        return cls({ANY_LANGUAGE: text})

    @classmethod
    def checked(cls, values: FrozenMap[str, str]) -> "Text":
        """The text of `values` that the caller has checked as the validator does (the
        converter, for the hundreds of texts of a configuration), made without a second
        check."""
        text = object.__new__(cls)
        object.__setattr__(text, "values", values)
        return text

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.values if lang != ANY_LANGUAGE)

    def get(self, lang: str | None = None, fallback: Sequence[str] = LANGUAGES) -> str:
        """The text in `lang`, else in the first language of `fallback` it has, else any."""
        return self.values[self.language_of(lang, fallback)]

    def language_of(self, lang: str | None = None, fallback: Sequence[str] = LANGUAGES) -> str:
        """The language that `get` picks for these arguments ('' for a plain string)."""
        for candidate in (lang, *fallback, ANY_LANGUAGE):
            if candidate is not None and candidate in self.values:
                return candidate
        return next(iter(self.values))

    def __str__(self) -> str:
        return self.get()


def year_in_range(_: Any, attribute: "attrs.Attribute[Any]", value: int) -> None:
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise ValueError(f"year {value} is not between {MIN_YEAR} and {MAX_YEAR}")


def _absent_first(part: int | None) -> int:
    return 0 if part is None else part


@attrs.frozen(order=True)
class PartialDate:
    """A date known to the year, the month or the day: 2022, 2022-03, 2022-03-14.

    Any two compare without raising: a less precise date sorts before the more precise
    dates it contains (2025 < 2025-05 < 2025-05-01). To ask whether one span of time ends
    before another starts, compare `last_day` with `first_day`.
    """

    year: int = attrs.field(validator=year_in_range)
    month: int | None = attrs.field(default=None, order=_absent_first)
    day: int | None = attrs.field(default=None, order=_absent_first)

    def __attrs_post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            assert self.month is not None
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError:
                raise ValueError(f"{self} is not a day of the calendar") from None

    @classmethod
    def parse(cls, value: str | dt.date) -> "PartialDate":
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

    def first_day(self) -> dt.date:
        """The first day this date may mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The last day this date may mean."""
        if self.day is not None:
            return self.first_day()
        if self.month is None or self.month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.month + 1, 1) - dt.timedelta(days=1)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        parts += [f"{n:02d}" for n in (self.month, self.day) if n is not None]
        return "-".join(parts)


@attrs.frozen
class Period:
    """The years a strategy covers, both included."""

    start: int = attrs.field(validator=year_in_range)
    end: int = attrs.field(validator=year_in_range)

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


def non_negative(_: Any, attribute: "attrs.Attribute[Any]", value: float | None) -> None:
    if value is not None and not value >= 0:
        raise ValueError(f"{attribute.name} must not be negative, got {value}")


def unit_interval(_: Any, attribute: "attrs.Attribute[Any]", value: float | None) -> None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be between 0 and 1, got {value}")


def not_blank(_: Any, attribute: "attrs.Attribute[Any]", value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


def currency_code(_: Any, attribute: "attrs.Attribute[Any]", value: str | None) -> None:
    if value is not None and not re.fullmatch(r"[A-Z]{3}", value):
        raise ValueError(f"{value!r} is not a currency code (expected e.g. MAD, EUR)")


def country_code(_: Any, attribute: "attrs.Attribute[Any]", value: str | None) -> None:
    if value is not None and not re.fullmatch(r"[A-Z]{2}", value):
        raise ValueError(f"{value!r} is not a country code (expected e.g. MA, FR, TN)")


def language_codes(_: Any, attribute: "attrs.Attribute[Any]", value: tuple[str, ...]) -> None:
    for lang in value:
        if not LANG_CODE.fullmatch(lang):
            raise ValueError(f"{lang!r} is not a language code (expected e.g. ar, fr, en, zgh)")


def colour_code(_: Any, attribute: "attrs.Attribute[Any]", value: str | None) -> None:
    if value is not None and not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValueError(f"{value!r} is not a colour (expected #rrggbb, e.g. #1b7f5f)")


@attrs.frozen
class Budget:
    """An action's planned budget: an amount, in a currency (else the strategy's)."""

    amount: float = attrs.field(validator=non_negative)
    currency: str | None = attrs.field(default=None, validator=currency_code)
