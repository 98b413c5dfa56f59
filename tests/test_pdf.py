"""The PDF report: valid, complete, in the bundled fonts, right to left in Arabic, and
byte-identical from one render to the next."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pdfplumber
import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_strategy import EvaluationResult, Strategy, evaluate, load
from municipal_strategy.testing import export, plugins_with, strategies

from .conftest import EXAMPLE

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True, scope="module")
def _builtins() -> Iterator[None]:
    with plugins_with():
        yield


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@cache
def example() -> EvaluationResult:
    return evaluate(load(EXAMPLE))


@cache
def rendered(lang: str) -> bytes:
    with plugins_with():
        return export("pdf", example(), lang=lang)


def text_of(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return BIDI_CONTROLS.sub("", "\n".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_each_language_gives_a_valid_pdf_with_metadata(lang: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered(lang)))
    assert len(reader.pages) >= 20
    meta = reader.metadata
    assert meta is not None
    assert meta.author == example().strategy.commune.get(lang)
    assert "2022" in (meta.title or "")
    assert str(reader.root_object["/Lang"]) == lang
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert len(titles) == 1 + 5 + 1  # summary, the axes, the annex


def test_the_arabic_pdf_holds_the_commune_the_axes_every_action_and_the_annex() -> None:
    text = text_of(rendered("ar"))
    assert "جماعة أيت ملول" in text
    for axis in example().axes:
        assert axis.axis.title.get("ar") in text, axis.axis.id
    assert "مصفوفة التقييم والتتبع" in text
    assert "56%" in text
    reader = pypdf.PdfReader(io.BytesIO(rendered("ar")))
    sections = [item for item in reader.outline if isinstance(item, list)]
    actions = [
        entry.title for section in sections for entry in section if not isinstance(entry, list)
    ]
    assert actions == [f"{r.action.code}. {r.action.title.get('ar')}" for r in example().actions]


def test_bundled_faces_are_embedded_as_subsets() -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered("ar")))
    fonts = {}
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for reference in resources["/Font"].values():
            font: Any = reference.get_object()
            descendant: Any = font["/DescendantFonts"][0].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descendant["/FontDescriptor"]
    names = {re.sub(r"^/?[A-Z]{6}\+", "", name) for name in fonts}
    assert {
        "NotoNaskhArabic",
        "NotoNaskhArabicBold",
        "NotoSans",
        "NotoSansBold",
        "NotoSansTifinagh",
    } <= names
    assert all(re.match(r"^/?[A-Z]{6}\+", name) for name in fonts)  # subset tags
    assert all(fonts.values())  # embedded


def _fonts_by_script(data: bytes) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"arabic": set(), "tifinagh": set(), "latin": set()}
    with pdfplumber.open(io.BytesIO(data), pages=[1, 2]) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                text, font = char["text"], char["fontname"].split("+")[-1]
                if re.match("[\u0621-\u064a]", text):
                    found["arabic"].add(font)
                elif re.match("[\u2d30-\u2d7f]", text):
                    found["tifinagh"].add(font)
                elif re.match("[A-Za-z]", text):
                    found["latin"].add(font)
    return found


def test_each_script_is_set_in_its_own_face() -> None:
    found = _fonts_by_script(rendered("ar"))
    assert found["arabic"] and all(f.startswith("NotoNaskhArabic") for f in found["arabic"])
    assert found["tifinagh"] == {"NotoSansTifinagh"}
    assert found["latin"] and all(
        f.startswith("NotoSans") and "Tifinagh" not in f for f in found["latin"]
    )


def test_tables_mirror_in_arabic() -> None:
    with pdfplumber.open(io.BytesIO(rendered("ar")), pages=[3]) as pdf:
        words = pdf.pages[0].extract_words()
    # pdfplumber gives Arabic words in visual order, letters right to left.
    xs = {w["text"][::-1]: w["x0"] for w in words}
    # The first column (the indicator's name) stands right of the last (its achievement).
    assert xs["المؤشر"] > xs["القيمة"] > xs["التحقق"]
    with pdfplumber.open(io.BytesIO(rendered("en")), pages=[3]) as pdf:
        words = pdf.pages[0].extract_words()
    xs = {w["text"]: w["x0"] for w in words}
    assert xs["Indicator"] < xs["Achievement"]


def test_two_renders_are_byte_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1675209600")
    first = export("pdf", example(), lang="ar")
    second = export("pdf", evaluate(load(EXAMPLE)), lang="ar")
    assert first == second
    meta = pypdf.PdfReader(io.BytesIO(first)).metadata
    assert meta is not None and meta.creation_date is not None
    assert meta.creation_date.timestamp() == 1675209600


def test_without_source_date_epoch_the_date_is_the_session_not_the_clock() -> None:
    meta = pypdf.PdfReader(io.BytesIO(rendered("fr"))).metadata
    assert meta is not None and meta.creation_date is not None
    assert meta.creation_date.strftime("%Y-%m-%d") == "2023-02-01"


@settings(max_examples=15, deadline=None)
@given(strategies(max_axes=2, max_actions=3), st.sampled_from(["ar", "fr", "en"]))
def test_the_pdf_never_crashes_on_any_unicode(strategy: Strategy, lang: str) -> None:
    data = export("pdf", evaluate(strategy), lang=lang)
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 3
