"""The HTML report: the document's every text shown and escaped, each in its language and
direction, links only to the web or mail, nothing fetched, tables a phone and a printer can
read; and, where Chromium is installed, the matrix printed whole on landscape pages."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import time
import unicodedata
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from municipal_strategy import EvaluationResult, evaluate, load
from municipal_strategy.build import build_document
from municipal_strategy.document import (
    Bar,
    Bars,
    Block,
    Breakdown,
    Contents,
    Direction,
    Document,
    Entry,
    Heading,
    Image,
    Items,
    Link,
    Metadata,
    Paragraph,
    Quote,
    RateBox,
    Section,
    Segment,
    Status,
    Table,
    Words,
)
from municipal_strategy.render.html import (
    STYLE,
    parallel_lines,
    render,
    safe_url,
    text_html,
)
from municipal_strategy.testing import export, plugins_with

from .conftest import DATA, EXAMPLE

VOID = frozenset({"meta", "br", "col", "link", "img", "input", "hr", "wbr", "source"})


@attrs.define
class Element:
    """An element of the page, with the language and direction it inherits or sets."""

    tag: str
    attributes: dict[str, str]
    lang: str
    dir: str
    children: list[Element | str] = attrs.Factory(list)

    def text(self) -> str:
        """The text a reader is given: the data, and a picture's description."""
        if self.tag == "img":
            return self.attributes.get("alt", "")
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def classes(self) -> set[str]:
        return set(self.attributes.get("class", "").split())


class TreeBuilder(HTMLParser):
    """The page as a tree; each element knows its effective `lang` and `dir`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, "", "ltr")
        self.stack = [self.root]
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        parent = self.stack[-1]
        element = Element(
            tag, values, values.get("lang", parent.lang), values.get("dir", parent.dir)
        )
        parent.children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(page: str) -> TreeBuilder:
    tree = TreeBuilder()
    tree.feed(page)
    tree.close()
    assert tree.stack == [tree.root], "every element is closed"
    return tree


def body(tree: TreeBuilder) -> Element:
    return next(e for e in tree.root.iter() if e.tag == "body")


@cache
def example() -> EvaluationResult:
    return evaluate(load(EXAMPLE))


@cache
def tilila() -> EvaluationResult:
    return evaluate(load(DATA / "tilila"), 2025)


@cache
def rendered(name: str, lang: str) -> tuple[Document, str]:
    document = build_document(example() if name == "example" else tilila(), lang)
    return document, render(document)


REPORTS = [(name, lang) for name in ("example", "tilila") for lang in ("ar", "fr", "en")]


def tables(document: Document) -> list[Table]:
    return [b for b in document.walk() if isinstance(b, Table)]


def deepest(root: Element, text: str) -> Element:
    """The innermost element whose whole text is `text`."""
    found = [e for e in root.iter() if e.text() == text]
    assert found, f"no element shows {text!r}"
    return found[-1]


# -- a document with every block, its texts hostile ---------------------------------------

HOSTILE = "<script>alert(1)</script> \"quoted\" 'single' & <b>bold</b> --> <!--"
URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x.js",
    "/relative/path",
    "file:///etc/passwd",
    'https://ok.example/" onmouseover="alert(1)',
    "https://ok.example/report?a=1&b=2",
    "mailto:council@commune.example",
)
SAFE_URLS = ("https://ok.example/report?a=1&b=2", "mailto:council@commune.example")


def hostile(text: str = HOSTILE, lang: str = "ar") -> Document:
    """A document of every kind of block, each text `text`, each colour and address wrong
    or hostile."""
    other = "fr" if lang == "ar" else "ar"
    words, foreign = Words(text, lang), Words(text, other)
    blocks: tuple[Block, ...] = (
        Heading(words, 2),
        Paragraph((words, Words(text, ""), foreign), lang, "lead"),
        Items(words, (words, foreign, Words(text))),
        Table(
            words,
            (words, foreign),
            ((words, Words("12")), (foreign, Words(text))),
            (False, True),
            (1, 1),
        ),
        Table(None, (words, foreign), ((words, Words("3")),), (False, True), (2, 1), "matrix"),
        Quote(words, foreign),
        Quote(foreign, Words(text)),
        *(Link(words, url) for url in URLS),
        Link(words),
        Status(words, '#fff" onclick="alert(1)'),
        Status(foreign, "#1b7f5f"),
        RateBox(text, 0.5, Paragraph((words,), lang, "lead")),
        Bars((Bar(words, 0.25, text), Bar(foreign, None, text)), words),
        Breakdown(
            (Segment(words, 2, "red;background:url(x)"), Segment(foreign, 1, "#c2452d")), words
        ),
    )
    section = Section("action", 'x" onclick="alert(1)', Heading(words, 1), blocks)
    cover = Section(
        "cover",
        "cover",
        None,
        (
            Paragraph((words,), lang, "header"),
            Image(f"/nonexistent/{text}.png", words),
            Paragraph((words,), lang, "display"),
        ),
    )
    contents = Section(
        "contents",
        "contents",
        None,
        (Contents(words, (Entry(words, 1, section.id), Entry(foreign, 2, "javascript:x"))),),
    )
    metadata = Metadata(text, text, text, text, 0.0)
    direction: Direction = "rtl" if lang == "ar" else "ltr"
    return Document(lang, direction, text, text, metadata, (cover, contents, section))


# -- texts ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "lang"), REPORTS)
def test_every_text_of_the_document_is_shown(name: str, lang: str) -> None:
    document, page = rendered(name, lang)
    shown = body(parse(page)).text()
    for words in document.texts():
        for line in words.text.split("\n"):
            assert line in shown, line


def test_hostile_texts_are_shown_as_text_and_run_nothing() -> None:
    for lang in ("ar", "en"):
        page = render(hostile(lang=lang))
        tree = parse(page)
        assert "<script" not in page.lower() and "<b>" not in page
        assert {tag for tag, _ in tree.tags} <= {
            *("html", "head", "meta", "title", "style", "body", "main", "header", "section"),
            *("h1", "h2", "h3", "p", "span", "div", "ul", "li", "table", "caption", "colgroup"),
            *("col", "thead", "tbody", "tr", "th", "td", "figure", "blockquote", "figcaption"),
            *("a", "svg", "rect", "br", "nav"),
        }
        for _, attributes in tree.tags:
            assert not [name for name in attributes if name.startswith("on")]
            assert "src" not in attributes
        shown = body(tree).text()
        assert shown.count(HOSTILE) >= 30
        assert tree.root.iter().__next__()  # the page parses as one tree
        assert 'id="x&quot; onclick=&quot;alert(1)"' in page


def test_only_web_and_mail_addresses_become_links() -> None:
    tree = parse(render(hostile()))
    hrefs = [a.attributes["href"] for a in tree.root.iter() if a.tag == "a"]
    links = [href for href in hrefs if not href.startswith("#")]
    assert links == list(SAFE_URLS)
    assert [href for href in hrefs if href.startswith("#")] == [  # the contents' anchors
        "#x%22%20onclick%3D%22alert%281%29",
        "#javascript%3Ax",
    ]
    assert all(
        a.attributes.get("rel") == "noreferrer"
        for a in tree.root.iter()
        if a.tag == "a" and not a.attributes["href"].startswith("#")
    )
    shown = body(tree).text()
    for url in URLS:
        if url not in SAFE_URLS:
            assert safe_url(url) is None
            assert url in shown  # shown, as text


def test_colours_that_are_not_colours_are_left_out() -> None:
    page = render(hostile())
    styles = [a.attributes["style"] for a in parse(page).root.iter() if "style" in a.attributes]
    assert styles
    for style in styles:
        assert re.fullmatch(
            r"width:\d+\.\d\d%|background-color:#[0-9a-fA-F]{6};color:#(?:fff|1f2933)", style
        ), style
    assert "url(x)" not in page and 'fill="#c2452d"' in page


# -- languages and directions -------------------------------------------------------------


@pytest.mark.parametrize(("name", "lang"), REPORTS)
def test_the_page_is_in_the_document_language_and_direction(name: str, lang: str) -> None:
    document, page = rendered(name, lang)
    html = next(e for e in parse(page).root.iter() if e.tag == "html")
    assert html.attributes == {"lang": document.lang, "dir": document.direction}


def quotes(page: str) -> list[Element]:
    return [e for e in parse(page).root.iter() if e.tag == "blockquote"]


def test_a_quote_is_marked_in_its_own_language() -> None:
    arabic = Quote(Words("وقد توصلت الجماعة بالإذن شهر دجنبر 2022", "ar"))
    french = Quote(Words("Le conseil a adopté le plan à l'unanimité.", "fr"))
    unknown = Quote(Words("The council adopted the plan."))
    section = Section("action", "a", Heading(Words("عنوان", "ar"), 2), (arabic, french, unknown))
    document = attrs.evolve(hostile(), sections=(section,))
    found = quotes(render(document))
    assert [(q.lang, q.dir) for q in found] == [("ar", "rtl"), ("fr", "ltr"), ("", "ltr")]
    assert "lang" not in found[0].attributes and "dir" not in found[0].attributes
    assert found[1].attributes == {"lang": "fr", "dir": "ltr"}
    english = attrs.evolve(document, lang="en", direction="ltr")
    found = quotes(render(english))
    assert [(q.lang, q.dir) for q in found] == [("ar", "rtl"), ("fr", "ltr"), ("", "ltr")]


def test_the_examples_quotes_are_not_all_marked_arabic() -> None:
    _, page = rendered("example", "en")
    found = [q for q in quotes(page) if re.search("[\u0600-\u06ff]", q.text())]
    assert len(found) > 30
    # Arabic, right to left; of a language the configuration does not say: not "ar".
    assert {(q.lang, q.dir) for q in found} == {("", "rtl")}


def test_french_titles_in_an_arabic_report_say_so() -> None:
    document, page = rendered("tilila", "ar")
    root = body(parse(page))
    headings = [b for b in document.walk() if isinstance(b, Heading)]
    assert {h.words.lang for h in headings} == {"ar", "fr"}
    for heading in headings:
        element = deepest(root, heading.words.text)
        assert (element.lang, element.dir) == (heading.words.lang, heading.words.direction)


def test_a_run_of_another_direction_keeps_the_sentence_around_it() -> None:
    label = Words("المصلحة المسؤولة: ", "ar")
    paragraph = Paragraph((label, Words("Service informatique", "fr")), "fr", "meta")
    section = Section("action", "a", None, (paragraph,))
    page = render(attrs.evolve(hostile(), sections=(section,)))
    assert (
        '<p class="meta" lang="fr" dir="ltr"><span lang="ar" dir="rtl">المصلحة المسؤولة</span>'
        ": Service informatique</p>"
    ) in page


# -- tables -----------------------------------------------------------------------------


def first_rows(part: Element) -> list[Element]:
    """The first row of each of a table part's rows: a row of parallel lines (a
    `tbody.row`) is shown as several, its other cells spanning them."""
    rows = [e for e in part.children if isinstance(e, Element) and e.tag == "tr"]
    if part.tag == "tbody" and "row" in part.classes():
        return rows[:1]
    return rows


@pytest.mark.parametrize(("name", "lang"), REPORTS)
def test_numbers_are_marked_numeric_in_every_table(name: str, lang: str) -> None:
    document, page = rendered(name, lang)
    elements = [e for e in parse(page).root.iter() if e.tag == "table"]
    assert len(elements) == len(tables(document)) > 0
    for table, element in zip(tables(document), elements, strict=True):
        assert element.classes() == {table.role}
        parts = [e for e in element.children if isinstance(e, Element)]
        rows = [tr for part in parts for tr in first_rows(part)]
        assert len(rows) == 1 + len(table.rows)
        for row in rows:
            cells = [e for e in row.children if isinstance(e, Element)]
            assert [("num" in c.classes()) for c in cells] == list(table.numeric)
    assert re.search(r"th\.num, td\.num \{ text-align: right; white-space: nowrap;", STYLE)


@pytest.mark.parametrize(("name", "lang"), REPORTS)
def test_the_matrix_has_every_header_and_scrolls(name: str, lang: str) -> None:
    document, page = rendered(name, lang)
    matrix = next(t for t in tables(document) if t.role == "matrix")
    root = body(parse(page))
    annex = next(e for e in root.iter() if e.tag == "section" and "annex" in e.classes())
    scroll = next(e for e in annex.iter() if "scroll" in e.classes())
    assert scroll.attributes["tabindex"] == "0" and scroll.attributes["aria-label"]
    element = next(e for e in scroll.iter() if e.tag == "table")
    headers = [e.text() for e in element.iter() if e.tag == "th"]
    assert headers == [h.text for h in matrix.header]
    parts = [e for e in element.children if isinstance(e, Element)]
    assert sum(len(first_rows(part)) for part in parts) == 1 + len(matrix.rows)


def test_an_indicators_figures_are_on_its_line_of_the_matrix() -> None:
    _, page = rendered("example", "en")
    rows = [e for e in parse(page).root.iter() if e.tag == "tr"]
    for name, value in (
        ("Meetings of the internal committee on the right of access to information", "4"),
        ("Total information requests received through all channels", "73"),
        ("Men members of the Equality Body", "10"),
    ):
        cells = [[c.text() for c in row.children if isinstance(c, Element)] for row in rows]
        assert [row for row in cells if name in row and value in row], name


def test_only_lines_that_go_together_are_set_side_by_side() -> None:
    row = tuple(
        Words(text) for text in ("1", "Title", "a\nb\nc", "1\n2\n3", "x\ny\nz", "one", "r\ns\nt")
    )
    numeric = (False, False, False, True, False, False, False)
    assert parallel_lines(row, numeric) == (3, frozenset({2, 3, 4}))
    assert parallel_lines((*row[:3], Words("1\n2"), *row[4:]), numeric) == (1, frozenset())
    alone = (row[0], Words("a b c"), row[3], row[5])
    assert parallel_lines(alone, (False, False, True, False)) == (1, frozenset())
    assert parallel_lines(row, (False,) * 7) == (1, frozenset())


def test_data_tables_become_cards_on_a_phone() -> None:
    document, page = rendered("example", "en")
    table = next(t for t in tables(document) if t.role == "data")
    cells = [e for e in parse(page).root.iter() if e.tag == "td"]
    labels = {c.attributes.get("data-label") for c in cells}
    assert {h.text for h in table.header} <= labels
    assert "@media (max-width: 40rem)" in STYLE and "content: attr(data-label)" in STYLE


def test_the_matrix_prints_on_landscape_pages() -> None:
    assert re.search(r"@page matrix \{ size: A4 landscape;", STYLE)
    assert "section.annex { page: matrix; }" in STYLE
    assert re.search(r"@media print \{[^@]*tr, [^{]*\{ break-inside: avoid; \}", STYLE)


# -- words kept whole -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("تفعيل المنصة ابتداء من 14 مارس 2022.", "14 مارس 2022"),
        ("Activation from March 14, 2022 on", "March 14, 2022"),
        ("le 9–13 mai 2022 à Tilila", "9–13 mai 2022"),
        ("الفترة 2021–2027", "2021–2027"),
        ("Period: 2021–2027.", "2021–2027"),
        ("Publish the first issue of the magazine in May 2023.", "May 2023"),
    ],
)
def test_dates_and_numbers_are_kept_on_one_line(text: str, whole: str) -> None:
    html = text_html(text)
    kept = re.findall(r'<span class="nw">([^<]*)</span>', html)
    assert [span for span in kept if whole in span], html
    assert re.sub(r"<[^>]+>", "", html) == text
    words = text_html("a long sentence of words without any figure in it at all")
    assert "<span" not in words


def test_arabic_words_are_never_hyphenated_nor_broken() -> None:
    assert "hyphens: manual" in STYLE and "word-break: normal" in STYLE
    assert "break-all" not in STYLE and "hyphens: auto" not in STYLE
    for selectors, declarations in re.findall(r"([^{}]*)\{([^{}]*)\}", STYLE):
        if "overflow-wrap: anywhere" in declarations or "overflow-wrap: break-word" in declarations:
            assert "url" in selectors or "titled" in selectors, selectors


# -- the page fetches nothing ---------------------------------------------------------------


@pytest.mark.parametrize(("name", "lang"), REPORTS)
def test_the_page_fetches_nothing(name: str, lang: str) -> None:
    _, page = rendered(name, lang)
    tree = parse(page)
    for tag, attributes in tree.tags:
        assert tag not in ("script", "link", "iframe", "object", "embed", "base")
        assert not {"srcset", "poster", "background"} & set(attributes)
        if "src" in attributes:
            assert tag == "img"
            assert re.match(r"data:image/(?:png|jpeg);base64,", attributes["src"])
        if "href" in attributes:
            assert tag == "a" and re.match(r"https?://|mailto:|#", attributes["href"])
    style = "".join(e.text() for e in tree.root.iter() if e.tag == "style")
    assert "@import" not in style and "url(" not in style
    assert "default-src 'none'" in page  # and a policy that forbids any fetch


#: A PNG of one pixel.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def test_a_picture_is_inside_the_page_and_only_a_png_or_jpeg(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(PIXEL)
    (tmp_path / "logo.svg").write_text('<svg onload="alert(1)"/>', encoding="utf-8")
    alt = Words("شعار الجماعة", "ar")
    blocks = (Image(str(tmp_path / "logo.png"), alt), Image(str(tmp_path / "logo.svg"), alt))
    section = Section("cover", "cover", None, blocks)
    page = render(attrs.evolve(hostile(lang="en"), sections=(section,)))
    tree = parse(page)
    images = [e for e in tree.root.iter() if e.tag == "img"]
    assert len(images) == 1
    assert images[0].attributes == {
        "src": "data:image/png;base64," + base64.b64encode(PIXEL).decode(),
        "alt": alt.text,
        "lang": "ar",
        "dir": "rtl",
    }
    assert "onload" not in page and body(tree).text().count(alt.text) == 2


def test_the_exporter_renders_the_document() -> None:
    with plugins_with():
        assert export("html", example(), lang="fr").decode() == render(
            build_document(example(), "fr")
        )


# -- figures ----------------------------------------------------------------------------


def test_charts_are_inline_svg_drawn_from_the_start_side() -> None:
    for lang, direction in (("ar", "rtl"), ("en", "ltr")):
        document, page = rendered("example", lang)
        bars = next(b for b in document.walk() if isinstance(b, Bars))
        tree = parse(page)
        figure = next(e for e in tree.root.iter() if "bars" in e.classes())
        fills = [e for e in figure.iter() if e.tag == "rect" and "fill" in e.classes()]
        assert len(fills) == len(bars.bars)
        for bar, fill in zip(bars.bars, fills, strict=True):
            width = float(fill.attributes["width"])
            assert width == pytest.approx(100 * (bar.value or 0), abs=0.01)
            x = float(fill.attributes["x"])
            assert x == pytest.approx(100 - width if direction == "rtl" else 0, abs=0.01)
        breakdown = next(b for b in document.walk() if isinstance(b, Breakdown))
        legend = next(e for e in tree.root.iter() if "legend" in e.classes())
        assert len([e for e in legend.children if isinstance(e, Element)]) == len(
            breakdown.segments
        )


# -- linear -----------------------------------------------------------------------------


def many(actions: int) -> Document:
    """A document of `actions` action sections, each with a few blocks."""
    words = Words("تفعيل الحق في الحصول على المعلومات 14 مارس 2022", "ar")
    action = Section(
        "action",
        "a",
        Heading(words, 2),
        (
            Status(words, "#1b7f5f"),
            Paragraph((words, Words("Service", "fr")), "ar"),
            Items(words, (words,) * 3),
            Table(words, (words,) * 3, ((words,) * 3,) * 3, (False, True, False), (1, 1, 1)),
            Quote(words, words),
        ),
    )
    axis = Section("axis", "x", Heading(words, 1), (action,) * actions)
    return attrs.evolve(hostile(), sections=(axis,))


def best_time(document: Document) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        render(document)
        times.append(time.perf_counter() - start)
    return min(times)


def test_rendering_time_grows_linearly_with_the_actions() -> None:
    empty, small, large = many(0), many(100), many(800)
    fixed = len(render(empty))
    assert len(render(large)) - fixed == 8 * (len(render(small)) - fixed)
    # Eight times the actions: eight times the time if linear, 64 times if quadratic.
    assert best_time(large) < 24 * best_time(small)


# -- as Chromium prints it ----------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="needs chromium and poppler-utils (apt-get install chromium poppler-utils)",
)


def comparable(text: str) -> str:
    """Text as pdftotext gives it back, compared: no marks, controls or spaces."""
    return "".join(
        c for c in text if not c.isspace() and unicodedata.category(c) not in ("Mn", "Cf")
    )


@needs_chromium
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_chromium_prints_every_matrix_column_on_landscape_pages(lang: str, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    document, page = rendered("example", lang)
    html, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    html.write_text(page, encoding="utf-8")
    command = [
        *(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"),
        *("--no-first-run", "--disable-background-networking", "--disable-component-update"),
        *("--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer"),
        f"--print-to-pdf={pdf}",
        html.as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = [tuple(map(float, m)) for m in re.findall(r"size:\s+([\d.]+) x ([\d.]+)", info)]
    landscape = [n for n, (w, h) in enumerate(sizes, 1) if w > h]
    assert landscape and landscape == list(range(landscape[0], len(sizes) + 1))
    matrix = next(t for t in tables(document) if t.role == "matrix")
    for number in landscape:
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for header in matrix.header:  # a header may wrap: each of its words is there
            for word in header.text.split():
                assert comparable(word) in comparable(text), (number, header.text)
    shown = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    words = set(map(comparable, shown.split()))
    for row in matrix.rows:  # every action's row is printed, its title whole
        assert {comparable(word) for word in row[1].text.split()} <= words, row[1].text
