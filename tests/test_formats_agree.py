"""The PDF, HTML and Markdown of one report carry the same parts, evidence and figures —
those of the one document they render — and a council report's parts where the
configuration has them."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from municipal_strategy import EvaluationResult, evaluate, load
from municipal_strategy.build import build_document
from municipal_strategy.document import Bars, Heading, Quote, RateBox, Status
from municipal_strategy.testing import export, plugins_with

from .conftest import EXAMPLE

TILILA = Path(__file__).parent / "data" / "tilila"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is not installed"
)


def plain(text: str) -> str:
    """Text as compared: bidi controls and marks out, every space one space, NFC."""
    text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text)
    return unicodedata.normalize("NFC", text).strip()


@cache
def example() -> EvaluationResult:
    return evaluate(load(EXAMPLE))


@cache
def tilila(year: int) -> EvaluationResult:
    return evaluate(load(TILILA), year)


@cache
def html_text(result: EvaluationResult, lang: str) -> str:
    with plugins_with():
        page = export("html", result, lang).decode()
    body = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return plain(html.unescape(re.sub(r"<[^>]+>", " ", body)))


@cache
def markdown_text(result: EvaluationResult, lang: str) -> str:
    from markdown_it import MarkdownIt

    with plugins_with():
        source = export("markdown", result, lang).decode()
    rendered = MarkdownIt("commonmark").enable("table").render(source)
    return plain(html.unescape(re.sub(r"<[^>]+>", " ", rendered)))


@cache
def pdf_text(result: EvaluationResult, lang: str, tmp: Path) -> str:
    with plugins_with():
        data = export("pdf", result, lang)
    path = tmp / f"{id(result)}-{lang}.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return plain(out.stdout)


def words_in(text: str, haystack: str) -> bool:
    """Whether every word of `text` — its letters and digits: an extraction may set the
    punctuation beside a number in a right-to-left line on its other side — is in
    `haystack` (a PDF's extraction may reorder a line's runs, never drop its words)."""
    return all(word in haystack for word in re.findall(r"\w+", plain(text)))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_html_and_markdown_carry_every_heading_status_quote_and_figure(lang: str) -> None:
    document = build_document(example(), lang)
    expected = []
    for block in document.walk():
        if isinstance(block, Heading | Status | Quote):
            expected.append(block.words.text)
        elif isinstance(block, RateBox):
            expected.append(block.shown)
        elif isinstance(block, Bars):
            expected += [bar.shown for bar in block.bars]
    assert len(expected) > 100
    for name, text in (
        ("html", html_text(example(), lang)),
        ("markdown", markdown_text(example(), lang)),
    ):
        missing = [item for item in expected if plain(item) not in text]
        assert not missing, (name, missing[:5])


@needs_poppler
@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_the_pdf_carries_every_heading_and_figure(lang: str, tmp_path: Path) -> None:
    document = build_document(example(), lang)
    text = pdf_text(example(), lang, tmp_path)
    headings = [b.words.text for b in document.walk() if isinstance(b, Heading)]
    figures = [b.shown for b in document.walk() if isinstance(b, RateBox)]
    missing = [h for h in headings + figures if not words_in(h, text)]
    assert not missing, missing[:5]


@needs_poppler
@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_the_example_pdf_is_a_council_report(lang: str, tmp_path: Path) -> None:
    text = pdf_text(example(), lang, tmp_path)
    contents, method = {
        "ar": ("المحتويات", "المنهجية"),
        "fr": ("Sommaire", "Méthodologie"),
        "en": ("Contents", "Method"),
    }[lang]
    assert contents in text and method in text
    figure = {
        "ar": "بلغ مجموع نقاط 25 إجراءً محتسبًا 14 من أصل 25",
        "fr": "les scores des 25 actions comptées totalisent 14 sur 25",
        "en": "the scores of the 25 counted actions add up to 14 out of 25",
    }[lang]
    assert words_in(figure, text)
    assert words_in("19, 20, 21, 22, 23", text)
    evaluation = example().evaluation
    assert evaluation.introduction is not None and evaluation.conclusion is not None
    for part in (evaluation.introduction, evaluation.conclusion):
        assert words_in(part.get(lang)[:300], text)
    assert "municipal-strategy" not in text  # no page names the software
    assert ".txt" not in text and "source/" not in text  # nor a file path


@needs_poppler
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_part_of_a_council_report_in_every_format(lang: str, tmp_path: Path) -> None:
    result = tilila(2025)
    evaluation, strategy = result.evaluation, result.strategy
    assert evaluation.signoff is not None and strategy.frame is not None
    parts = [
        *(line.get(lang) for line in strategy.header),
        strategy.frame.get(lang),
        evaluation.introduction.get(lang) if evaluation.introduction else "",
        evaluation.conclusion.get(lang) if evaluation.conclusion else "",
        *(r.get(lang) for r in evaluation.recommendations),
        evaluation.signoff.prepared_by.get(lang) if evaluation.signoff.prepared_by else "",
        "12/2026",
        {"fr": "Sommaire", "en": "Contents"}[lang],
        {"fr": "Méthodologie", "en": "Method"}[lang],
        {"fr": "Depuis 2024", "en": "Since 2024"}[lang],
    ]
    for name, text in (
        ("html", html_text(result, lang)),
        ("markdown", markdown_text(result, lang)),
        ("pdf", pdf_text(result, lang, tmp_path)),
    ):
        missing = [part for part in parts if not words_in(part, text)]
        assert not missing, (name, missing)
    with plugins_with():
        assert b"<img" in export("html", result, lang)  # the logo, embedded
        assert b"/Subtype /Image" in export("pdf", result, lang)


@needs_poppler
def test_the_later_year_says_since_last_year_and_the_first_that_it_is_the_baseline(
    tmp_path: Path,
) -> None:
    later, first = tilila(2025), tilila(2024)
    baseline = "This is the first evaluation"
    for render in (html_text, markdown_text):
        assert "Since 2024" in render(later, "en") and "33%" in render(later, "en")
        assert baseline in render(first, "en")
    assert words_in("Since 2024", pdf_text(later, "en", tmp_path))
    assert words_in(baseline, pdf_text(first, "en", tmp_path))
    with plugins_with():
        json_later = export("json", later, "en").decode()
    assert '"since_last_year": {' in json_later and '"year": 2024' in json_later


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_the_matrix_annex_holds_at_least_four_actions_a_page(lang: str) -> None:
    import io

    from pypdf import PdfReader

    with plugins_with():
        reader = PdfReader(io.BytesIO(export("pdf", example(), lang)))
    tops = [item for item in reader.outline if not isinstance(item, list)]
    annex = reader.get_destination_page_number(tops[-1])  # the last part: the annex
    assert annex is not None
    pages = len(reader.pages) - annex
    assert 1 <= pages <= len(example().actions) // 4
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages[annex:])
