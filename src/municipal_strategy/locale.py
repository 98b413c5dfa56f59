"""Numbers, percentages, dates and plural forms as a reader of each language writes them,
from the Unicode CLDR through Babel.

A report language (``ar``, ``fr``, ``en``…) is read in a country: the Babel locale is the
language and the strategy's country (``ar_MA`` writes «14 مارس 2022», «دجنبر» for December
and 338.558 with Latin digits, as Moroccan administrations do), else the language alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

from .values import PartialDate

# Babel and decimal are imported by the functions that need them, so that a command that
# writes no number (the JSON summary) does without them. babel.dates is imported by the
# functions that write dates, but also by the first load of a locale's data (its pickle
# refers to babel.dates), so a summary with a plural label or a percentage imports it too.
if TYPE_CHECKING:
    from babel import Locale

#: Numbers from here on are written in scientific notation: no report needs them whole.
_HUGE = 10**18
#: French sets a narrow no-break space before the percent sign (Imprimerie nationale).
_NARROW_NBSP = "\u202f"


@cache
def babel_locale(lang: str, country: str | None = None) -> Locale:
    """The Babel locale for a report language read in `country` (ISO 3166, e.g. MA)."""
    from babel import Locale, UnknownLocaleError

    for candidate in ((f"{lang}_{country}",) if country else ()) + (lang, "en"):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    raise AssertionError("English is always known")  # pragma: no cover


def plural_category(locale: Locale, n: int) -> str:
    """CLDR's plural category of `n`: zero, one, two, few, many or other."""
    return str(locale.plural_form(n))


def plural(forms: Mapping[str, str], locale: Locale, n: int) -> str:
    """The form of `forms` (category → text with ``{n}``) that CLDR chooses for `n`."""
    form = forms.get(plural_category(locale, n), forms["other"])
    return form.format(n=format_number(n, locale))


def rounded_percent(rate: float) -> int:
    """A rate as a whole percentage, rounded half up, except that a rate below 1 never
    reads 100 and a rate above 0 never reads 0."""
    import decimal

    hundredths = decimal.Decimal(repr(rate)) * 100  # the decimal the reader sees, exactly
    whole = int(hundredths.to_integral_value(rounding=decimal.ROUND_HALF_UP))
    if rate < 1:
        whole = min(whole, 99)
    if rate > 0:
        whole = max(whole, 1)
    return whole


def format_rate(rate: float | None, locale: Locale) -> str:
    """0.56 → '56%' (en, ar) or '56 %' (fr, narrow no-break space); None → '—'."""
    if rate is None:
        return "—"
    whole = rounded_percent(rate)
    if abs(whole) >= _HUGE:  # beyond what CLDR patterns are computed for (28 digits)
        import decimal

        return f"{decimal.Decimal(whole):.3e}%"
    from babel.numbers import format_percent

    shown = format_percent(whole / 100, locale=locale)
    if locale.language == "fr":
        shown = shown.replace("\u00a0%", _NARROW_NBSP + "%").replace(" %", _NARROW_NBSP + "%")
    return str(shown)


def format_number(value: float | None, locale: Locale) -> str:
    """A quantity in the locale's digits and separators, never rounded: 338558 → '338 558'
    (fr), '338,558' (en), '338.558' (ar_MA); None → ''."""
    if value is None:
        return ""
    number = int(value) if float(value).is_integer() else value
    if abs(number) >= _HUGE:
        import decimal

        return f"{decimal.Decimal(repr(number) if isinstance(number, float) else number):.6e}"
    from babel.numbers import format_decimal

    return str(format_decimal(number, locale=locale, decimal_quantization=False))


def format_partial_date(date: PartialDate, locale: Locale) -> str:
    """A date as precise as it is known: '2022', 'mars 2022', '14 mars 2022'."""
    if date.month is None:
        return str(date.year)
    from babel.dates import format_date, format_skeleton

    if date.day is None:
        return str(format_skeleton("yMMMM", dt.date(date.year, date.month, 1), locale=locale))
    return str(format_date(date.first_day(), format="long", locale=locale))


def format_date_range(start: PartialDate, end: PartialDate | None, locale: Locale) -> str:
    """'9–13 mai 2022' for two days; the two dates joined by an en dash otherwise."""
    if end is None or end == start:
        return format_partial_date(start, locale)
    from babel.dates import format_interval

    if start.day is not None and end.day is not None:
        return str(
            format_interval(start.first_day(), end.first_day(), skeleton="yMMMMd", locale=locale)
        )
    if start.month is not None and end.month is not None and start.day is end.day is None:
        return str(
            format_interval(start.first_day(), end.first_day(), skeleton="yMMMM", locale=locale)
        )
    return f"{format_partial_date(start, locale)} – {format_partial_date(end, locale)}"
