"""``datapackage.json``: what the package is, under which licence, and its tables' schemas.

Nothing here reads the clock: `created` is SOURCE_DATE_EPOCH when set, else a date the
evaluation itself gives, so that the same evaluation always makes the same package.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from municipal_strategy import Report
from municipal_strategy.report import percent

from .table import DIALECT

if TYPE_CHECKING:
    from municipal_strategy import EvaluationResult, Text

    from .table import Table

#: The version of the tables' layout: the major number changes when a column is renamed,
#: removed or changes meaning; the minor one when a column or a table is added.
LAYOUT_VERSION = "3.0.0"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
KEYWORDS = ("commune", "municipality", "strategy", "evaluation", "implementation rate")
#: Words left out of the package's name: articles, prepositions, "commune" and the like.
NAME_STOPWORDS = frozenset(
    {
        *("a", "an", "and", "the", "of", "for", "in", "on", "to", "at", "by"),
        *("de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "au", "aux", "pour"),
        *("commune", "communal", "municipality", "municipal", "city", "town", "ville"),
    }
)
#: Languages whose texts a name is taken from, in order of preference; then any other.
NAME_LANGUAGES = ("en", "fr", "")
NAME_FALLBACK = "municipal-strategy"
MAX_NAME_LENGTH = 80


def descriptor(
    result: EvaluationResult,
    tables: tuple[Table, ...],
    files: Mapping[str, bytes],
    lang: str | None,
) -> dict[str, Any]:
    """The package descriptor; `files` holds each table's CSV under its path."""
    report = Report.of(result, lang)
    strategy = result.strategy
    evaluation = report.label("evaluation", year=result.year)
    return {
        "profile": "tabular-data-package",
        "name": package_name(result),
        "title": f"{report.text(strategy.title)} — {evaluation}",
        "description": _description(report),
        "version": LAYOUT_VERSION,
        "created": created(result),
        "licenses": [LICENSE],
        "keywords": _keywords(result),
        "contributors": [{"title": report.text(strategy.commune), "role": "publisher"}],
        **({"homepage": strategy.website} if strategy.website else {}),
        "resources": [_resource(table, files[table.path]) for table in tables],
    }


def _resource(table: Table, data: bytes) -> dict[str, Any]:
    return {
        "profile": "tabular-data-resource",
        "name": table.name,
        "path": table.path,
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        "dialect": dict(DIALECT),
        "schema": table.schema(),
    }


def _description(report: Report) -> str:
    result = report.result
    if result.rate is None:
        rate = report.label("no_rate")
    else:
        assessed = sum(1 for r in result.counted if r.assessed)
        rate = report.label(
            "rate_line", rate=percent(result.rate), counted=len(result.counted), assessed=assessed
        )
    headline = f"{report.label('evaluation', year=result.year)} — {report.label('rate')}: {rate}"
    about = report.text(result.strategy.description)
    return f"{about}\n\n{headline}" if about else headline


def _keywords(result: EvaluationResult) -> list[str]:
    names = [value.strip() for value in result.strategy.commune.values.values()]
    found = [*KEYWORDS, str(result.year), *names]
    return [word for i, word in enumerate(found) if word and word not in found[:i]]


def created(result: EvaluationResult) -> str:
    """SOURCE_DATE_EPOCH if set, else the day the evaluation was presented, else the
    first of January after the evaluated year; as an ISO 8601 UTC date-time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError) as exc:
            raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a time in seconds") from exc
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    presented = result.evaluation.presented
    when = presented.date if presented else None
    if when is not None:
        year, month, day = when.year, when.month or 1, when.day or 1
    else:
        year, month, day = result.year + 1, 1, 1
    return f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z"


def _words(text: str) -> list[str]:
    """Lowercase ASCII words of `text`: 'Aït Melloul' → ['ait', 'melloul']."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", folded.lower())


def _name_words(text: Text) -> list[str]:
    """The words of `text` that may go in a name, from its English, French, plain or
    other values: the first that has any."""
    others = sorted(lang for lang in text.values if lang not in NAME_LANGUAGES)
    for lang in (*NAME_LANGUAGES, *others):
        words = [w for w in _words(text.values.get(lang, "")) if w not in NAME_STOPWORDS]
        if words:
            return words
    return []


def package_name(result: EvaluationResult) -> str:
    """A lowercase name from the commune, the strategy's title and the year:
    'ait-melloul-communication-media-strategy-2022'.

    The title's words already in the commune's name and its numbers (the period) are left
    out; a title with no Latin letters falls back to 'municipal-strategy'.
    """
    commune = _name_words(result.strategy.commune)
    title = [w for w in _name_words(result.strategy.title) if w not in commune and not w.isdigit()]
    words = [*commune, *title] or [NAME_FALLBACK]
    suffix = f"-{result.year}"
    name = ""
    for word in words:
        candidate = f"{name}-{word}" if name else word
        if name and len(candidate) + len(suffix) > MAX_NAME_LENGTH:
            break
        name = candidate
    return name[: MAX_NAME_LENGTH - len(suffix)] + suffix
