"""The Markdown report: every text of the document shown, configuration text inert,
right-to-left text marked so that a plain CommonMark renderer shows it right to left.

The checks read the Markdown as a reader's renderer does, with markdown-it-py (CommonMark
with GitHub's tables, HTML allowed) where it is installed; the few that need no parser run
everywhere, on the Markdown itself.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from html.parser import HTMLParser
from importlib.util import find_spec
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_strategy import EvaluationResult, Strategy, Text, evaluate, load
from municipal_strategy.build import build_document
from municipal_strategy.document import (
    Bar,
    Bars,
    Block,
    Breakdown,
    Contents,
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
    words_of,
)
from municipal_strategy.render.markdown import destination, render
from municipal_strategy.report import Report
from municipal_strategy.testing import export, plugins_with, strategies

from .conftest import DATA, EXAMPLE

needs_parser = pytest.mark.skipif(
    find_spec("markdown_it") is None, reason="markdown-it-py is not installed"
)

#: The only HTML the renderer writes: a direction's `<div>` and a cell's line break.
OWN_HTML = re.compile(r'<div dir="(?:ltr|rtl)"(?: lang="[A-Za-z0-9-]+")? markdown="1">|</div>|<br>')
#: The isolates and marks the renderer adds around and before runs.
INVISIBLE = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f"))
HOSTILE = (
    '"><img src=x onerror=alert(1)>',
    "<javascript:alert(1)>",
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "![x](http://e.example/x.png)",
    "# not a heading",
    "## nor this ##",
    "- not a list",
    "1. nor this",
    "> not a quote",
    "\tnot code",
    "    nor this",
    "```\nnor a fence\n```",
    "title on\n# two lines\n    and code\n---\n===",
    "| not | a table |\n| --- | --- |",
    "&lt;b&gt; &amp; *y* _z_ ~~s~~ `c` $x$ \\",
    "ftp://files.example xmpp:a@b.example",
)


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


# -- reading the Markdown ----------------------------------------------------------------


def tokens(markdown: str) -> list[Any]:
    """Every token of the Markdown as markdown-it-py parses it, inline ones included."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    found: list[Any] = []
    for token in parser.parse(markdown):
        found.append(token)
        found += token.children or []
    return found


def html_of(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return str(MarkdownIt("commonmark").enable("table").render(markdown))


def plain(text: str) -> str:
    """Text as compared: without isolates and marks, its whitespace runs made one space,
    a NUL made U+FFFD (as CommonMark reads it)."""
    return " ".join(text.translate(INVISIBLE).replace("\0", "\ufffd").split())


def shown(markdown: str) -> str:
    """What a reader reads: the rendered text, blocks and line breaks as spaces."""
    if find_spec("markdown_it") is None:
        return plain(unescaped(markdown))
    parts: list[str] = []
    for token in tokens(markdown):
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak", "html_inline") or token.nesting:
            parts.append("\n")  # a line break, or a block's start or end
    return plain("".join(parts))


def unescaped(markdown: str) -> str:
    """The Markdown's text, for when no parser is installed: its own tags and hard breaks
    removed, backslash escapes undone."""
    text = OWN_HTML.sub(" ", markdown).replace("\\\n", "\n")
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def raw_tags(markdown: str) -> list[str]:
    """Every `<…>` that a CommonMark renderer may read as HTML: not backslash-escaped."""
    return [m[1] for m in re.finditer(r"(?<!\\)(?:\\\\)*(<[^<>]*>?)", markdown)]


#: Elements inside a block, which take its direction.
INLINE_TAGS = frozenset({"strong", "em", "a"})
BLOCK_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"})


@attrs.frozen
class Piece:
    """A piece of rendered text: the direction it is laid out in (that of its isolate, else
    the nearest `dir`), and the block holding it (its tag, a number, its direction)."""

    text: str
    direction: str
    block: str
    block_number: int
    block_direction: str


class _Pieces(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None, int]] = []
        self.pieces: list[Piece] = []
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "hr"):
            self.count += 1
            self.open.append((tag, dict(attrs).get("dir"), self.count))

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("br", "hr"):
            self.open.pop()

    def handle_data(self, data: str) -> None:
        around = next((d for _, d, _ in reversed(self.open) if d), "ltr")
        block, number = next(
            ((t, n) for t, _, n in reversed(self.open) if t not in INLINE_TAGS), ("", 0)
        )
        for run in re.split(r"([\u2066\u2067][^\u2069]*\u2069)", data):
            isolate = {"\u2066": "ltr", "\u2067": "rtl"}.get(run[:1])
            self.pieces.append(Piece(run, isolate or around, block, number, around))


def pieces(markdown: str) -> list[Piece]:
    """The text of the Markdown rendered as HTML by markdown-it-py, in pieces."""
    parser = _Pieces()
    parser.feed(html_of(markdown))
    return parser.pieces


def letters(text: str) -> str:
    """Text without the marks, which only renderers that guess a direction read."""
    return text.replace("\u200e", "").replace("\u200f", "")


def strong(text: str) -> str | None:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def texts(document: Document) -> list[str]:
    """Every text the document shows, but the description of its pictures: a Markdown file
    holds no picture (and the logo's path is the machine's)."""
    blocks = [block for block in document.walk() if not isinstance(block, Image)]
    return [document.title, *(words.text for block in blocks for words in words_of(block))]


# -- the example and Tilila --------------------------------------------------------------


@pytest.mark.parametrize(("name", "lang"), REPORTS)
def test_every_text_of_the_document_is_shown(name: str, lang: str) -> None:
    document, markdown = rendered(name, lang)
    text = shown(markdown)
    assert [t for t in texts(document) if plain(t) not in text] == []


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_the_adoption_line_and_every_axis_rate_are_shown(lang: str) -> None:
    result = example()
    report = Report.of(result, lang)
    strategy = result.strategy
    assert strategy.adopted is not None
    _, markdown = rendered("example", lang)
    lines = markdown.splitlines()
    adopted = report.label("adopted") + report.colon + report.text(strategy.adopted.session)
    assert adopted in lines
    assert len(result.axes) == 5
    for axis in result.axes:
        row = f"| {report.node_title(axis.node)} | {report.percent(axis.rate)} |"
        assert row in lines
        if axis.rate is not None:  # the axis's own section says it too
            assert any(report.percent(axis.rate) in line and "**" in line for line in lines)


def test_the_english_report_keeps_its_sections_and_figures() -> None:
    document, markdown = rendered("example", "en")
    assert markdown.startswith("# 2022 evaluation report: ")
    assert "**Implementation rate: 56% over 25 counted actions (25 assessed)**" in markdown
    assert "\n| Implemented | 14 |\n" in markdown
    for number in range(1, 31):
        assert f"\n### {number}. " in markdown
    assert "\n## Annex: Evaluation and monitoring matrix\n" in markdown
    # The matrix: one row per action under its header, numeric columns aligned right.
    (matrix,) = [b for b in document.walk() if isinstance(b, Table) and b.role == "matrix"]
    header = "| " + " | ".join(words.text for words in matrix.header) + " |"
    rule = "| " + " | ".join("---:" if n else "---" for n in matrix.numeric) + " |"
    assert any(matrix.numeric) and not all(matrix.numeric)
    lines = markdown.splitlines()
    start = lines.index(header)
    assert lines[start + 1] == rule
    body = lines[start + 2 : start + 2 + len(matrix.rows)]
    assert len(body) == len(matrix.rows) == 30
    assert all(line.startswith("| ") and line.endswith(" |") for line in body)
    assert lines[start + 2 + len(matrix.rows) :][:1] in ([], [""])  # the table ends there


def test_an_arabic_report_is_wrapped_right_to_left_and_an_english_one_is_not() -> None:
    _, arabic = rendered("example", "ar")
    assert arabic.startswith('<div dir="rtl" lang="ar" markdown="1">\n\n# ')
    assert arabic.endswith("\n\n</div>\n")
    _, english = rendered("example", "en")
    assert not english.startswith("<div")
    # The Arabic quotes of the English report are blocks of their own direction.
    assert '<div dir="rtl" markdown="1">\n\n> ' in english


@needs_parser
@pytest.mark.parametrize(("name", "lang"), REPORTS)
def test_arabic_is_laid_out_right_to_left_and_latin_left_to_right(name: str, lang: str) -> None:
    """In a plain renderer, with no `dir="auto"`: every piece of text that opens on an
    Arabic letter is in a right-to-left element or isolate, and in the Arabic report every
    piece that opens on a Latin letter in a left-to-right one (marks aside: they are for
    renderers that guess)."""
    found = [(letters(p.text), p.direction) for p in pieces(rendered(name, lang)[1])]
    if name == "example":  # Tilila has no Arabic text but in its Arabic report
        assert any(strong(text) == "rtl" for text, _ in found)
    assert [text for text, way in found if strong(text) == "rtl" and way != "rtl"] == []
    if lang == "ar":
        assert [text for text, way in found if strong(text) == "ltr" and way != "ltr"] == []


@needs_parser
@pytest.mark.parametrize(("name", "lang"), REPORTS)
def test_each_block_opens_with_a_character_of_its_direction(name: str, lang: str) -> None:
    """GitHub lays each block out by its first strong character (`dir="auto"`): that
    character (a mark, where there is one) is in the block's direction, so GitHub agrees."""
    first: dict[int, Piece] = {}
    for piece in pieces(rendered(name, lang)[1]):
        if piece.block in BLOCK_TAGS and strong(piece.text) and piece.block_number not in first:
            first[piece.block_number] = piece
    assert len(first) > 50
    wrong = [p.text for p in first.values() if strong(p.text) != p.block_direction]
    assert wrong == []


# -- hostile configuration text ----------------------------------------------------------


def hostile_document(text: str, url: str = "javascript:alert(1)") -> Document:
    """One of each block, every text of them `text`."""
    words = Words(text, "fr")
    paragraphs = tuple(
        Paragraph((Words("Libellé : ", "fr"), words), "fr", role)
        for role in ("body", "lead", "muted", "display", "meta")
    )
    blocks: tuple[Block, ...] = (
        Heading(words, 2),
        *paragraphs,
        Items(words, (words, Words(text))),
        Table(words, (words, Words("n")), ((words, Words("1")),), (False, True), (1, 1)),
        Quote(words, words),
        Link(words, url),
        Link(words, "https://example.org/a b(c)<d>&e"),
        Status(words, "#000000"),
        RateBox("12%", 0.12, Paragraph((words,), "fr", "lead")),
        Bars((Bar(words, 0.5, "50%"),), words),
        Breakdown((Segment(words, 3, "#000000"),), words),
        Contents(words, (Entry(words, 1, "a"), Entry(words, 2, "b"), Entry(words, 5, "c"))),
    )
    metadata = Metadata(text, text, text, text, 0.0)
    section = Section("summary", "summary", Heading(words, 1), blocks)
    return Document("fr", "ltr", text, text, metadata, (section,))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_shows_as_text_and_only_the_renderers_tags_are_html(text: str) -> None:
    markdown = render(hostile_document(text))
    assert all(OWN_HTML.fullmatch(tag) for tag in raw_tags(markdown))
    assert plain(text) in shown(markdown)


@needs_parser
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_makes_no_markup(text: str) -> None:
    document = hostile_document(text)
    found = tokens(render(document))
    html = [t.content.strip() for t in found if t.type in ("html_block", "html_inline")]
    assert all(OWN_HTML.fullmatch(tag) for tag in html), html
    assert [t.type for t in found if t.type in ("code_block", "fence", "code_inline")] == []
    assert [t.type for t in found if t.type in ("image", "hr", "ordered_list_open")] == []
    headings = sum(isinstance(b, Heading) for b in document.walk())
    assert sum(t.type == "heading_open" for t in found) == headings + 1  # and the title
    # The Items, the contents and its two nested levels (a level is never skipped).
    assert sum(t.type == "bullet_list_open" for t in found) == 4
    assert sum(t.type == "blockquote_open" for t in found) == 1  # the Quote
    assert sum(t.type == "table_open" for t in found) == 3  # the Table, Bars and Breakdown
    links = [t.attrs.get("href") for t in found if t.type == "link_open"]
    assert links == ["https://example.org/a%20b%28c%29%3Cd%3E&e"]


@needs_parser
def test_a_multi_line_title_stays_in_its_heading() -> None:
    found = tokens(render(hostile_document("one\n# two\nthree")))
    titles = [
        "".join(c.content for c in found[n + 1].children)
        for n, t in enumerate(found)
        if t.type == "heading_open"
    ]
    assert titles[0] == "one # two three"


def test_hostile_text_in_a_real_report_is_inert() -> None:
    strategy = load(EXAMPLE)
    payload = HOSTILE[0] + "\n" + HOSTILE[1]
    strategy = _retitled(strategy, payload)
    with plugins_with():
        markdown = export("markdown", evaluate(strategy), lang="en").decode()
    assert all(OWN_HTML.fullmatch(tag) for tag in raw_tags(markdown))
    assert plain(payload) in shown(markdown)


def _retitled(strategy: Strategy, title: str) -> Strategy:
    axis = strategy.axes[0]
    action = attrs.evolve(axis.actions[0], title=Text.plain(title))
    axes = (attrs.evolve(axis, actions=(action, *axis.actions[1:])), *strategy.axes[1:])
    return attrs.evolve(strategy, axes=axes)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "ftp://files.example/x",
        "relative/path.pdf",
        "//evil.example/x",
        "",
    ],
)
def test_only_http_https_and_mailto_addresses_become_links(url: str) -> None:
    assert destination(url) is None
    markdown = render(hostile_document("document", url))
    assert plain(url) in shown(markdown)


def test_a_safe_address_is_percent_encoded_into_one_link_destination() -> None:
    assert destination("https://e.example/a b(c)") == "https://e.example/a%20b%28c%29"
    assert destination("HTTP://e.example/?a=1&b=2") == "HTTP://e.example/?a=1&amp;b=2"
    assert destination("mailto:x@e.example") == "mailto:x@e.example"
    assert (
        destination("https://e.example/مرحبا") == "https://e.example/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7"
    )


# -- any configuration -------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(strategies(max_axes=3, max_actions=4), st.sampled_from(["ar", "fr", "en", None]))
def test_any_configuration_renders_inert_with_every_text(
    strategy: Strategy, lang: str | None
) -> None:
    document = build_document(evaluate(strategy), lang)
    markdown = render(document)
    assert all(OWN_HTML.fullmatch(tag) for tag in raw_tags(markdown))
    if find_spec("markdown_it") is not None:
        found = tokens(markdown)
        html = [t.content.strip() for t in found if t.type in ("html_block", "html_inline")]
        assert all(OWN_HTML.fullmatch(tag) for tag in html), html
        assert [t.type for t in found if t.type in ("code_block", "fence", "image")] == []
        headings = sum(isinstance(b, Heading) for b in document.walk())
        assert sum(t.type == "heading_open" for t in found) == headings + 1
        for token in found:
            if token.type == "link_open":
                assert re.match(r"(?i)(https?|mailto):", str(token.attrs["href"]))
    text = shown(markdown)
    assert [t for t in texts(document) if plain(t) not in text] == []
