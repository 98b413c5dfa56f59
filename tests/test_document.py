"""The report built once as a document: its sections, evidence and figures come from the
evaluation, in the report's language."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings

from municipal_strategy import EvaluationResult, Strategy, evaluate, load
from municipal_strategy.build import build_document
from municipal_strategy.document import (
    Bars,
    Document,
    Heading,
    Items,
    Link,
    Paragraph,
    Quote,
    RateBox,
    Section,
    Status,
    Table,
    Words,
    direction_of,
)
from municipal_strategy.testing import strategies

from .conftest import EXAMPLE


@cache
def example() -> EvaluationResult:
    return evaluate(load(EXAMPLE))


@cache
def tilila() -> EvaluationResult:
    return evaluate(load("tests/data/tilila"), 2025)


def sections(document: Document, kind: str) -> list[Section]:
    return [b for b in document.walk() if isinstance(b, Section) and b.kind == kind]


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_the_example_has_its_parts_in_order(lang: str) -> None:
    document = build_document(example(), lang)
    kinds = ["cover", "contents", "introduction", "method", "summary", "previous"]
    kinds += ["axis"] * 5 + ["conclusion", "annex"]
    assert [s.kind for s in document.sections] == kinds
    assert len(sections(document, "action")) == 30
    assert document.direction == ("rtl" if lang == "ar" else "ltr")
    assert document.lang == lang


def test_every_quote_and_link_of_the_configuration_is_in_the_document() -> None:
    document = build_document(example(), "ar")
    quotes = {b.words.text for b in document.walk() if isinstance(b, Quote)}
    expected = {e.quote for a in example().evaluation.assessments for e in a.evidence if e.quote}
    assert expected and quotes == expected
    links = [b for b in build_document(tilila(), "fr").walk() if isinstance(b, Link)]
    assert links == []  # Tilila gives no evidence: nothing is invented


def test_evidence_that_is_only_a_url_or_a_document_is_kept() -> None:
    from municipal_strategy.testing import sample_result

    document = build_document(sample_result(), "en")
    assert any(isinstance(b, Quote) for b in document.walk())
    result = sample_result()
    (assessment,) = [a for a in result.evaluation.assessments if a.evidence]
    assert assessment.evidence[0].document == "rapport-2025.pdf"
    citations = [b.citation.text for b in document.walk() if isinstance(b, Quote) and b.citation]
    assert citations == ["rapport-2025.pdf, p. 4"]


def test_figures_come_from_the_engine() -> None:
    document = build_document(example(), "en")
    (box,) = [b for b in document.walk() if isinstance(b, RateBox)]
    assert box.rate == example().rate == 0.56
    assert box.shown == "56%"
    (bars,) = [b for b in document.walk() if isinstance(b, Bars)]
    assert [bar.value for bar in bars.bars] == [axis.rate for axis in example().axes]
    statuses = [b.words.text for b in document.walk() if isinstance(b, Status)]
    assert statuses.count("Implemented") == 14


def test_the_adoption_line_and_every_axis_rate_are_there() -> None:
    document = build_document(example(), "fr")
    texts = [w.text for w in document.texts()]
    assert any("Session ordinaire de février 2022" in t for t in texts)
    leads = [
        b.text for s in sections(document, "axis") for b in s.blocks if isinstance(b, Paragraph)
    ]
    assert leads[0].startswith("Taux de mise en œuvre\u00a0: 71\u202f% sur 7 actions comptées")


def test_a_deep_plan_shows_its_levels_plan_and_budget() -> None:
    document = build_document(tilila(), "fr")
    headings = [b.words.text for b in document.walk() if isinstance(b, Heading)]
    assert "Axe T1. Transparence" in headings
    assert "Objectif T1.1. Données ouvertes" in headings
    (t112,) = [s for s in sections(document, "action") if s.id == "t112"]
    meta = [b.text for b in t112.blocks if isinstance(b, Paragraph) and b.role == "meta"]
    assert meta == [
        "Partenaires\u00a0: Association Tilila Numérique",
        "Calendrier prévu\u00a0: mars 2024 – juin 2025 (en retard)",
        "Budget\u00a0: 300\u202f000 MAD\u00a0; engagé 300\u202f000\u00a0; dépensé 150\u202f000",
    ]


def test_tables_keep_only_the_columns_that_have_values() -> None:
    document = build_document(example(), "en")
    tables = [b for b in document.walk() if isinstance(b, Table) and b.role == "data"]
    assert tables
    for table in tables:
        for column in range(1, len(table.header)):
            assert any(row[column].text for row in table.rows), table.header[column]


def test_texts_carry_their_language_and_direction() -> None:
    assert Words("نص", "ar").direction == "rtl"
    assert Words("texte", "fr").direction == "ltr"
    assert Words("«وقد أعلن السيد رئيس الجماعة»").direction == "rtl"
    assert direction_of("2022 – www.aitmelloul.ma") == "ltr"
    document = build_document(example(), "en")
    quotes = [b.words for b in document.walk() if isinstance(b, Quote)]
    arabic = [q for q in quotes if any("\u0600" <= c <= "\u06ff" for c in q.text)]
    assert len(arabic) == len(quotes) - 1  # one quote is only a date, «203/07/2022»
    assert all(q.direction == "rtl" for q in arabic)


@settings(max_examples=40, deadline=None)
@given(strategies(max_depth=2))
def test_any_valid_configuration_builds_in_every_language(strategy: Strategy) -> None:
    result = evaluate(strategy)
    for lang in ("ar", "fr", "en"):
        document = build_document(result, lang)
        actions = [b for b in document.walk() if isinstance(b, Section) and b.kind == "action"]
        assert len(actions) == len(result.actions)
        items = [b for b in document.walk() if isinstance(b, Items)]
        assert all(item.items for item in items)


@pytest.mark.parametrize(
    ("lang", "codes"),
    [("ar", "19، 20، 21، 22، 23"), ("fr", "19, 20, 21, 22, 23"), ("en", "19, 20, 21, 22, 23")],
)
def test_the_excluded_actions_are_listed_with_the_languages_comma(lang: str, codes: str) -> None:
    from municipal_strategy.render.markdown import render

    assert codes in render(build_document(example(), lang))
