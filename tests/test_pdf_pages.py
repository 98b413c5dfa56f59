"""The PDF's pages as poppler reads them: no page it cannot draw, every page number in its
place, every quote of the configuration on a page.

These tests need poppler's command-line tools (Debian's package poppler-utils: pdftoppm,
pdftotext, pdfinfo); they are skipped where it is missing.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import Counter
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from municipal_strategy import EvaluationResult, evaluate, load
from municipal_strategy.i18n import label
from municipal_strategy.testing import export, plugins_with

from .conftest import DATA, EXAMPLE

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils is not installed",
)

LANGS = ("ar", "fr", "en")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ARABIC_WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670-\u06d3]+")
#: A word: letters, digits and the Arabic marks on its letters.
WORD = re.compile("[\\w\u064b-\u0652\u0670]+")
#: The band at the foot of a page where its number stands, in points.
FOOTER_BAND = 45.0  # the text above ends 18 mm (51 pt) from the foot


@cache
def result(config: Path) -> EvaluationResult:
    year = 2025 if config.name == "tilila" else None
    return evaluate(load(config), year)


@cache
def rendered(config: Path, lang: str) -> bytes:
    with plugins_with():
        return export("pdf", result(config), lang=lang)


@cache
def written(config: Path, lang: str, folder: Path) -> Path:
    path = folder / f"{config.name}-{lang}.pdf"
    path.write_bytes(rendered(config, lang))
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf")


def poppler(*args: str | Path | int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(arg) for arg in args], capture_output=True, text=True, check=False)


def plain(text: str) -> str:
    """Text without bidi controls and whitespace (pdftotext wraps runs in embeddings)."""
    return re.sub(r"\s+", "", BIDI_CONTROLS.sub("", text))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("config", [EXAMPLE, DATA / "tilila"], ids=["example", "tilila"])
def test_poppler_draws_every_page_without_an_error(config: Path, lang: str, folder: Path) -> None:
    """A line drawn without a font is dropped with a message on stderr, its text still in
    the file: only rendering every page finds it."""
    path = written(config, lang, folder)
    done = poppler("pdftoppm", "-r", "20", "-gray", path, folder / f"{path.stem}-page")
    assert done.returncode == 0
    assert done.stderr == ""
    pages = len(list(folder.glob(f"{path.stem}-page-*.pgm")))
    assert pages == len(pdfplumber.open(path).pages)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("config", [EXAMPLE, DATA / "tilila"], ids=["example", "tilila"])
def test_every_page_after_the_cover_is_numbered_centred_in_one_style(
    config: Path, lang: str, folder: Path
) -> None:
    """Each footer reads back as its page's number and the total, centred on its own
    page's width (portrait or landscape), in one face and size on every page."""
    path = written(config, lang, folder)
    styles: Counter[tuple[str, float]] = Counter()
    with pdfplumber.open(io.BytesIO(rendered(config, lang))) as pdf:
        total = len(pdf.pages)
        assert total >= 5
        orientations = set()
        for number, page in enumerate(pdf.pages, start=1):
            width, height = float(page.width), float(page.height)
            orientations.add(width > height)
            shown = poppler(
                "pdftotext", "-f", number, "-l", number, "-x", 0, "-y", int(height - FOOTER_BAND),
                "-W", int(width), "-H", int(FOOTER_BAND), path, "-",
            ).stdout  # fmt: skip
            chars = [c for c in page.chars if c["top"] > height - FOOTER_BAND]
            if number == 1:
                assert plain(shown) == "" and chars == []  # the cover has none
                continue
            expected = label("page", lang, n=number, total=total)
            assert plain(shown) == plain(expected), number
            middle = (min(c["x0"] for c in chars) + max(c["x1"] for c in chars)) / 2
            assert abs(middle - width / 2) < 1.0, (number, middle, width)
            styles.update((c["fontname"].split("+")[-1], round(c["size"], 2)) for c in chars)
        assert orientations == {False, True}  # the annex's landscape pages are numbered too
    assert len(styles) == 1, styles


def quotes(config: Path) -> list[str]:
    return [
        evidence.quote
        for action in result(config).actions
        if action.assessment is not None
        for evidence in action.assessment.evidence
        if evidence.quote
    ]


def test_every_quote_reads_in_order_in_the_arabic_pdf(folder: Path) -> None:
    """pdftotext gives an Arabic page in reading order: each quote's Arabic words stand
    together in its order, and its numbers and Latin words are on the pages too."""
    text = BIDI_CONTROLS.sub("", poppler("pdftotext", written(EXAMPLE, "ar", folder), "-").stdout)
    arabic = f" {' '.join(ARABIC_WORD.findall(text))} "
    tokens = set(text.split())
    found = quotes(EXAMPLE)
    assert len(found) > 40
    for quote in found:
        if ARABIC_WORD.search(quote):
            assert f" {' '.join(ARABIC_WORD.findall(quote))} " in arabic, quote
        for other in re.findall(r"[0-9A-Za-z][\w.]*[0-9A-Za-z]|[0-9]", quote):
            assert any(other in token for token in tokens), (quote, other)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_quote_is_on_the_pages_of_the_french_and_english_pdfs(
    lang: str, folder: Path
) -> None:
    """On a left-to-right page pdftotext reorders a right-to-left line by pieces, so the
    words of each (Arabic) quote are checked to be all on one page or two in a row."""
    path = written(EXAMPLE, lang, folder)
    pages = BIDI_CONTROLS.sub(" ", poppler("pdftotext", path, "-").stdout).split("\f")
    words = [Counter(WORD.findall(page)) for page in pages]
    spans = [words[i] + words[i + 1] for i in range(len(words) - 1)]
    for quote in quotes(EXAMPLE):
        wanted = Counter(WORD.findall(quote))
        assert any(not wanted - span for span in spans), quote
