"""Language done by Babel (CLDR): plural forms, numbers, percentages, dates; status colours
by meaning; the fallback order of texts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_strategy import Text, evaluate, load
from municipal_strategy.i18n import label
from municipal_strategy.locale import (
    babel_locale,
    format_date_range,
    format_number,
    format_partial_date,
    format_rate,
    rounded_percent,
)
from municipal_strategy.report import Report, percent
from municipal_strategy.testing import sample_result
from municipal_strategy.values import PartialDate

AR, FR, EN = babel_locale("ar", "MA"), babel_locale("fr", "MA"), babel_locale("en", "MA")


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "لا إجراء"),
        (1, "إجراء واحد"),
        (2, "إجراءان"),
        (8, "8 إجراءات"),  # 3–10: the plural
        (25, "25 إجراءً"),  # 11–99: the singular, accusative
        (100, "100 إجراء"),
        (103, "103 إجراءات"),
    ],
)
def test_arabic_has_six_plural_forms(n: int, expected: str) -> None:
    assert label("n_actions", "ar", country="MA", n=n) == expected


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("fr", 0, "0 action"),
        ("fr", 1, "1 action"),
        ("fr", 2, "2 actions"),
        ("fr", 1200, "1\u202f200 actions"),
        ("en", 1, "1 action"),
        ("en", 0, "0 actions"),
        ("en", 2, "2 actions"),
        ("en", 1200, "1,200 actions"),
    ],
)
def test_french_and_english_plurals(lang: str, n: int, expected: str) -> None:
    assert label("n_actions", lang, n=n) == expected


@pytest.mark.parametrize(
    ("rate", "whole"),
    [
        (0.56, 56),
        (0.125, 13),  # half up, not half to even (12)
        (0.135, 14),
        (0.995, 99),  # below 1 never reads 100
        (0.9999, 99),
        (1.0, 100),
        (0.004, 1),  # above 0 never reads 0
        (0.0, 0),
        (0.5, 50),
    ],
)
def test_percentages_round_half_up_and_never_claim_all_or_nothing(rate: float, whole: int) -> None:
    assert rounded_percent(rate) == whole
    assert percent(rate) == f"{whole}%"


@given(st.floats(0, 1))
def test_a_percentage_reads_100_or_0_only_when_it_is(rate: float) -> None:
    whole = rounded_percent(rate)
    assert 0 <= whole <= 100
    assert (whole == 100) == (rate == 1)
    assert (whole == 0) == (rate == 0)
    assert abs(whole - rate * 100) <= 1


def test_percent_signs_as_each_language_writes_them() -> None:
    assert format_rate(0.56, FR) == "56\u202f%"  # narrow no-break space
    assert format_rate(0.56, EN) == "56%"
    assert format_rate(0.56, AR) == "56%"
    assert format_rate(None, FR) == "—"


def test_numbers_as_each_language_writes_them_never_rounded() -> None:
    assert format_number(338558, FR) == "338\u202f558"
    assert format_number(338558, EN) == "338,558"
    assert format_number(338558, AR) == "338.558"
    assert format_number(0.125, EN) == "0.125"
    assert format_number(2.5, FR) == "2,5"


def test_dates_as_each_language_writes_them() -> None:
    day, month = PartialDate(2022, 3, 14), PartialDate(2023, 12)
    assert format_partial_date(day, AR) == "14 مارس 2022"
    assert format_partial_date(day, FR) == "14 mars 2022"
    assert format_partial_date(day, EN) == "March 14, 2022"
    assert format_partial_date(month, AR) == "دجنبر 2023"  # the Moroccan month name
    assert format_partial_date(month, FR) == "décembre 2023"
    assert format_partial_date(PartialDate(2022), FR) == "2022"
    assert format_date_range(PartialDate(2022, 5, 9), PartialDate(2022, 5, 13), FR) == (
        "9–13 mai 2022"
    )
    assert format_date_range(PartialDate(2022), PartialDate(2023, 2), FR) == "2022 – février 2023"


def test_the_headline_counts_in_each_language() -> None:
    result = evaluate(load("examples/aitmelloul_2022"))
    assert Report.of(result, "ar").headline() == ("56% من 25 إجراءً محتسبًا (25 إجراءً مقيَّمًا)")
    assert Report.of(result, "fr").headline() == ("56\u202f% sur 25 actions comptées (25 évaluées)")
    assert Report.of(result, "en").headline() == "56% over 25 counted actions (25 assessed)"


def test_french_labels_put_a_no_break_space_before_the_colon() -> None:
    from municipal_strategy.i18n import _CATALOGUE

    for key, texts in _CATALOGUE.items():
        french = texts.get("fr")
        if isinstance(french, str) and ":" in french:
            assert " :" not in french, key
            assert "\u00a0:" in french, key


def test_status_colours_follow_the_weight_not_the_position() -> None:
    report = Report.of(sample_result(), "en")  # the default scale
    red, green = report.colour("not_started"), report.colour("complete")
    assert red == "#c2452d"
    assert green == "#1b7f5f"
    assert report.colour("limited") != report.colour("substantial")
    assert report.colour("suspended") == "#7a5195"  # a level may set its own
    assert report.colour("unassessed") == "#c8c8c8"


def test_an_english_report_falls_back_to_french_before_arabic() -> None:
    report = Report.of(sample_result(), "en")
    text = Text({"ar": "نص", "fr": "texte"})
    assert report.text(text) == "texte"
    assert Report.of(sample_result(), "ar").text(Text({"fr": "texte", "en": "text"})) == "texte"


def test_the_label_catalogue_has_no_key_twice() -> None:
    import ast
    import inspect

    from municipal_strategy import i18n

    tree = ast.parse(inspect.getsource(i18n))
    (catalogue,) = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.target.id == "_CATALOGUE"
    ]
    assert isinstance(catalogue, ast.Dict)
    keys = [str(key.value) for key in catalogue.keys if isinstance(key, ast.Constant)]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


def test_every_label_can_be_set_in_the_bundled_fonts() -> None:
    """A character no bundled font has would be missing from the PDF."""
    from importlib import resources

    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    from municipal_strategy.i18n import _CATALOGUE

    folder = resources.files("municipal_strategy").joinpath("fonts")
    covered: set[int] = set()
    for entry in folder.iterdir():
        if entry.name.endswith(".ttf"):
            with resources.as_file(entry) as path:
                covered |= set(TTFont(str(path)).getBestCmap())
    for key, texts in _CATALOGUE.items():
        for template in texts.values():
            for text in template.values() if isinstance(template, dict) else [template]:
                missing = {c for c in text if ord(c) not in covered and not c.isspace()}
                missing -= {"\u200e", "\u200f", "\u2066", "\u2067", "\u2068", "\u2069"}
                assert not missing, (key, sorted(missing))


def test_absurd_figures_are_written_not_crashed_on() -> None:
    assert format_rate(1e300, FR).endswith("%")
    assert format_number(1e300, EN) == "1.000000e+300"
