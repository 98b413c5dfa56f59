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
from municipal_strategy.build import build_document
from municipal_strategy.document import (
    Contents,
    Document,
    Heading,
    Link,
    Metadata,
    Section,
    Table,
    Words,
)
from municipal_strategy.pdf.document import render
from municipal_strategy.pdf.fonts import FontSet
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


@cache
def document(lang: str) -> Document:
    return build_document(example(), lang)


def outline(items: list[Any], depth: int = 0) -> list[tuple[int, str]]:
    """The outline's entries, each with its depth, in order."""
    found: list[tuple[int, str]] = []
    for item in items:
        if isinstance(item, list):
            found += outline(item, depth + 1)
        else:
            found.append((depth, item.title))
    return found


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_each_language_gives_a_valid_pdf_with_metadata(lang: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered(lang)))
    assert len(reader.pages) >= 20
    meta = reader.metadata
    assert meta is not None
    assert meta.author == example().strategy.commune.get(lang)
    assert meta.title == document(lang).metadata.title
    assert "2022" in (meta.title or "")
    assert str(reader.root_object["/Lang"]) == lang


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_every_heading_is_in_the_outline_at_its_level(lang: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered(lang)))
    headings = [
        (b.level - 1, b.words.text) for b in document(lang).walk() if isinstance(b, Heading)
    ]
    assert outline(reader.outline) == headings
    tops = [text for depth, text in headings if depth == 0]
    assert len(tops) >= 1 + 5 + 1  # the summary, the axes, the annex at least
    actions = [f"{r.action.code}. {r.action.title.get(lang)}" for r in example().actions]
    assert [text for depth, text in headings if text in actions] == actions


def test_the_arabic_pdf_holds_the_commune_the_axes_every_action_and_the_annex() -> None:
    text = text_of(rendered("ar"))
    assert "جماعة أيت ملول" in text
    for axis in example().axes:
        assert axis.axis.title.get("ar") in text, axis.axis.id
    assert "مصفوفة التقييم والتتبع" in text
    assert "56%" in text


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
    with pdfplumber.open(io.BytesIO(data)) as pdf:
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


def first_table(lang: str) -> Table:
    """The first table of numbers of an action (the indicators of the first action)."""
    return next(
        block
        for section in document(lang).walk()
        if isinstance(section, Section) and section.kind == "action"
        for block in section.blocks
        if isinstance(block, Table) and any(block.numeric)
    )


def column_edges(lang: str) -> tuple[dict[str, float], list[float]]:
    """Where the first action table's header words start, and where its numbers end, on
    the first page that shows them all."""
    table = first_table(lang)
    heads = [h.text.split()[0] for h in table.header]
    column = table.numeric.index(True)
    numbers = {row[column].text for row in table.rows if row[column].text.isdigit()}
    with pdfplumber.open(io.BytesIO(rendered(lang))) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            # pdfplumber gives an Arabic word in the order its letters stand, right to left.
            starts = {w["text"][::-1] if lang == "ar" else w["text"]: w["x0"] for w in words}
            if all(head in starts for head in heads):
                ends = [w["x1"] for w in words if w["text"] in numbers]
                assert len(ends) >= 2
                return {head: starts[head] for head in heads}, ends
    raise AssertionError(f"no page shows {heads}")


def test_tables_mirror_in_arabic_and_align_numbers_right() -> None:
    for lang, mirrored in (("ar", True), ("en", False)):
        heads, ends = column_edges(lang)
        names = [h.text.split()[0] for h in first_table(lang).header]
        # The first column stands right of the last in Arabic, left of it in English.
        assert (heads[names[0]] > heads[names[-1]]) == mirrored
        # Numbers end on one edge: aligned right.
        assert max(ends) - min(ends) < 0.5


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


def test_links_show_their_text_and_only_web_and_mail_addresses_can_be_followed() -> None:
    links = (
        Link(Words("The site (a) \\ b"), "https://example.org/a?b=(c)"),
        Link(Words("Write to us"), "mailto:office@example.org"),
        Link(Words("Not followed"), "javascript:alert(1)"),
        Link(Words("report-2022.pdf — p. 3")),
    )
    section = Section("summary", "s", Heading(Words("Evidence", "en"), 1), links)
    meta = Metadata("Title (1)", "Author", "Subject", "Keywords", 0.0)
    data = render(Document("en", "ltr", "Title", "Running", meta, (section,)), FontSet.bundled())
    reader = pypdf.PdfReader(io.BytesIO(data))
    page: Any = reader.pages[0]
    uris = [annot.get_object()["/A"]["/URI"] for annot in page.get("/Annots", [])]
    assert uris == ["https://example.org/a?b=(c)", "mailto:office@example.org"]
    text = text_of(data)
    for link in links:
        assert link.words.text in text
    assert reader.metadata is not None and reader.metadata.title == "Title (1)"


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_the_contents_give_the_page_each_part_starts_on(lang: str) -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered(lang)))
    starts: dict[str, int] = {}
    for item in reader.outline:
        if not isinstance(item, list):
            number = reader.get_destination_page_number(item)
            assert item.title is not None and number is not None
            starts.setdefault(item.title, number + 1)
    contents = next(b for b in document(lang).walk() if isinstance(b, Contents))
    wanted = [starts[entry.words.text] for entry in contents.entries if entry.level == 1]
    assert len(wanted) >= 7
    page = next(n for n, p in enumerate(reader.pages) if contents.title.text in text_of_page(p))
    with pdfplumber.open(io.BytesIO(rendered(lang)), pages=[page + 1]) as pdf:
        words = pdf.pages[0].extract_words()
    body = sorted((w for w in words if w["top"] > 60), key=lambda w: w["top"])  # no header
    numbers = [int(w["text"]) for w in body if w["text"].isdigit()]
    assert numbers[: len(wanted)] == wanted
    links = [a.get_object() for a in reader.pages[page].get("/Annots", [])]
    assert len(links) >= len(contents.entries)


def text_of_page(page: Any) -> str:
    return BIDI_CONTROLS.sub("", page.extract_text())
