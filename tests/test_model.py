from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from municipal_strategy import DEFAULT_SCALE, ExclusionRule, PartialDate, Period, Text


def test_text_prefers_the_asked_language_then_the_fallbacks() -> None:
    text = Text({"fr": "Bonjour", "ar": "مرحبا"})
    assert text.get("fr") == "Bonjour"
    assert text.get("en") == "مرحبا"  # ar comes first in the default fallback
    assert text.get("en", fallback=("fr",)) == "Bonjour"
    assert text.language_of("en", fallback=("fr",)) == "fr"


def test_plain_text_answers_every_language() -> None:
    text = Text.plain("Aït Melloul")
    assert text.get("ar") == text.get("zgh") == str(text) == "Aït Melloul"
    assert text.languages == ()


@pytest.mark.parametrize(
    ("values", "message"),
    [({}, "at least one language"), ({"Arabic!": "x"}, "not a language code")],
)
def test_text_rejects_empty_or_malformed_languages(values: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Text(values)


@given(
    st.one_of(
        st.text(max_size=5),
        st.dictionaries(
            st.one_of(st.sampled_from(["ar", "fr", "en", "zgh", "fr-MA", "", "Ar", "x"])),
            st.one_of(st.text(max_size=5), st.integers()),
            max_size=3,
        ),
    )
)
def test_the_converter_makes_the_texts_the_class_does(value: str | dict[str, object]) -> None:
    """The converter checks a configuration's texts itself and makes them without the
    class's second check: it must accept what the class accepts, and make the same text."""
    from municipal_strategy.converter import _converter

    values = {"": value} if isinstance(value, str) else value
    try:
        expected: Text | None = Text(values)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        expected = None
    try:
        made: Text | None = _converter.structure(value, Text)
    except ValueError:
        made = None
    if isinstance(value, dict) and "" in value:
        assert made is None  # a table with an empty language is refused: write a string
    else:
        assert made == expected
        assert made is None or made.values == values


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2022", PartialDate(2022)),
        ("2022-02", PartialDate(2022, 2)),
        ("2022-03-14", PartialDate(2022, 3, 14)),
    ],
)
def test_partial_dates_parse_and_print_back(raw: str, expected: PartialDate) -> None:
    assert PartialDate.parse(raw) == expected
    assert str(expected) == raw


@pytest.mark.parametrize("raw", ["203/07/2022", "2022-13", "2022-02-30", "22-02"])
def test_impossible_dates_are_refused(raw: str) -> None:
    with pytest.raises(ValueError, match=r"not a date|month 13|not a day of the calendar"):
        PartialDate.parse(raw)


def test_partial_dates_sort_by_year_then_month() -> None:
    assert PartialDate(2022, 2) < PartialDate(2022, 3, 1) < PartialDate(2023)


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="after it ends"):
        Period(2027, 2021)
    assert 2021 in Period(2021, 2027)
    assert 2028 not in Period(2021, 2027)


def test_an_exclusion_selects_something() -> None:
    with pytest.raises(ValueError, match="at least one"):
        ExclusionRule(reason=Text.plain("why"))


def test_default_scale_runs_from_zero_to_one() -> None:
    weights = [level.weight for level in DEFAULT_SCALE]
    assert min(weights) == 0
    assert max(weights) == 1
    assert {"not_started", "limited", "substantial", "complete", "suspended"} == {
        level.id for level in DEFAULT_SCALE
    }


def test_model_values_cannot_be_changed_in_place() -> None:
    from municipal_strategy import Indicator, load

    text = Text({"fr": "Bonjour"})
    with pytest.raises(TypeError):
        text.values["fr"] = "Au revoir"  # type: ignore[index]
    indicator = Indicator(id="i", name=text, targets={2024: 3.0})
    with pytest.raises(TypeError):
        indicator.targets[2025] = 4.0  # type: ignore[index]
    strategy = load("tests/data/tilila")
    with pytest.raises(TypeError):
        strategy.labels["unassessed"] = text  # type: ignore[index]
    assert isinstance(strategy.axes, tuple)
    assert isinstance(strategy.axes[0].groups, tuple)
    assert hash(strategy.axes[0]) == hash(load("tests/data/tilila").axes[0])


def test_partial_dates_of_any_precision_compare() -> None:
    dates = [PartialDate(2025, 5), PartialDate(2025), PartialDate(2025, 3, 20), PartialDate(2024)]
    assert sorted(dates) == [
        PartialDate(2024),
        PartialDate(2025),
        PartialDate(2025, 3, 20),
        PartialDate(2025, 5),
    ]
    assert PartialDate(2025).last_day().isoformat() == "2025-12-31"
    assert PartialDate(2024, 2).last_day().isoformat() == "2024-02-29"
    assert PartialDate(2025, 3, 20).first_day() == PartialDate(2025, 3, 20).last_day()


@attrs.frozen
class _Chain:
    name: str
    next: _Chain | None = None
    branches: tuple[_Chain, ...] = ()


def test_the_converter_structures_types_that_hold_themselves() -> None:
    """Optional values and arrays of the very type being structured (as a group holds
    groups): the hooks that look their items' hook up once still reach it."""
    from municipal_strategy.converter import _make_converter

    data = {"name": "a", "next": {"name": "b", "branches": [{"name": "c"}, {"name": "d"}]}}
    chain = _make_converter().structure(data, _Chain)
    assert chain == _Chain("a", _Chain("b", None, (_Chain("c"), _Chain("d"))))
