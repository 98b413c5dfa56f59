"""Multilingual texts as columns: one column per language, ``title_ar``, ``title_fr``, …

The languages are fixed, so that the columns are the same from one commune and one year
to the next. A text without a language (a plain string in the configuration, such as an
organiser's acronym) reads the same in every language, so it fills every column, as the
library's own reports show it in any language. Languages other than these are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .table import Cell, Field, string

if TYPE_CHECKING:
    from municipal_strategy import Text

#: The columns' languages: Arabic, French, English, and Amazigh in Tifinagh.
LANGUAGES = ("ar", "fr", "en", "zgh")
LANGUAGE_NAMES = {
    "ar": "Arabic",
    "fr": "French",
    "en": "English",
    "zgh": "Standard Moroccan Amazigh (Tifinagh)",
}
#: The key under which `Text` keeps a language-less string.
_PLAIN = ""


def text_fields(prefix: str, title: str, description: str) -> tuple[Field, ...]:
    """The columns of one text, e.g. ``title_ar``, ``title_fr``, ``title_en``, ``title_zgh``."""
    return tuple(
        string(
            f"{prefix}_{lang}",
            f"{title} ({lang})",
            f"{description}, in {LANGUAGE_NAMES[lang]}; empty when not given in it.",
        )
        for lang in LANGUAGES
    )


def text_cells(prefix: str, text: Text | None) -> dict[str, Cell]:
    """The cells of `text` under the columns of `text_fields(prefix, ...)`."""
    values = text.values if text is not None else {}
    return {f"{prefix}_{lang}": values.get(lang, values.get(_PLAIN)) or None for lang in LANGUAGES}
