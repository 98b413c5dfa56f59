"""The report as one self-contained HTML page: inline CSS and SVG charts, no script, and
nothing fetched (no font, image, style sheet or script from anywhere).

`render(document)` lays out a `Document` and nothing else. Every text is escaped; an
element whose text is in another language or direction than its parent's says so with
`lang` and `dir` (text of no known language is marked `lang=""`, its direction that of its
first strong character); only http, https and mailto addresses become links.

On screen, tables turn into cards on a narrow phone and the matrix annex scrolls sideways;
in print, the matrix is on landscape pages (`@page matrix`) with every column and rows kept
whole where they fit, and each axis starts a page.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from collections.abc import Sequence
from html import escape
from pathlib import Path
from urllib.parse import quote

import attrs

from ..document import (
    Bars,
    Block,
    Breakdown,
    Contents,
    Direction,
    Document,
    Heading,
    Image,
    Items,
    Link,
    Paragraph,
    Quote,
    RateBox,
    Section,
    Status,
    Table,
    Words,
    words_of,
)
from ..heap import frozen_heap

#: An element's language ('' when unknown) and direction, which its children inherit.
Context = tuple[str, Direction]

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
#: The addresses that become links: no other scheme (javascript:, data:, file:, relative).
_LINKABLE = re.compile(r"(?:https?://|mailto:)[^\s\x00-\x1f\x7f\"'<>\\]+", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")
#: At most this many words are kept together around numbers ('14 mars 2022': three).
_MAX_GLUED = 4
_DASHES = frozenset("-‐‑‒–—/")
#: The first bytes of the pictures a page may show, and their media types.
_PICTURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
#: Bidirectional classes of the spaces and signs that join runs of text.
_NEUTRAL = frozenset({"WS", "ON", "CS", "S", "B", "BN"})

#: The fonts of the page, the reader's own: Latin, then Arabic, then Tifinagh.
FONTS = (
    '"Noto Sans", "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans Tifinagh", '
    '"DejaVu Sans", Arial, sans-serif'
)

STYLE = """
:root { --ink: #1f2933; --muted: #5f6b76; --line: #d9dee3; --soft: #f2f5f7;
        --accent: #1b7f5f; --track: #e6eaee; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.6;
       font-family: FONTS;
       word-break: normal; overflow-wrap: normal;
       -webkit-hyphens: manual; hyphens: manual; }
:lang(ar) { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Noto Sans",
                         "DejaVu Sans", sans-serif; }
:lang(zgh) { font-family: "Noto Sans Tifinagh", "Ebrima", "Noto Sans", sans-serif; }
main { padding: 1.5rem 1.25rem 3rem; }
main > * { max-width: 62rem; margin-inline: auto; }
main > section.annex { max-width: 96rem; }
section { margin-block: 0 1rem; }
h1, h2, h3, h4, h5, h6, .items-title, caption { line-height: 1.3; break-after: avoid; }
h2 { font-size: 1.5rem; color: var(--accent); border-bottom: 2px solid var(--accent);
     padding-bottom: .25rem; margin: 2.5rem 0 .8rem; }
h3 { font-size: 1.2rem; margin: 1.6rem 0 .4rem; }
h4 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
h5, h6 { font-size: 1rem; margin: 1rem 0 .3rem; }
p { margin: .35rem 0; }
.nw { white-space: nowrap; }
.url { overflow-wrap: anywhere; }
a { color: var(--accent); }
/* the cover */
header.cover { border-bottom: 3px solid var(--accent); padding-bottom: 1rem;
               margin-bottom: 1.5rem; }
html[dir="rtl"] header.cover > * { text-align: right; }
html[dir="ltr"] header.cover > * { text-align: left; }
p.header { font-weight: 700; font-size: .92rem; line-height: 1.45; margin: 0; }
.picture img { display: block; max-height: 6rem; max-width: 14rem; margin: .6rem 0; }
.kicker { color: var(--accent); font-weight: 700; margin: .8rem 0 0; }
h1.display { font-size: 2.3rem; margin: .2rem 0 .3rem; }
.alternate { font-size: 1.3rem; color: var(--muted); margin: 0 0 .4rem; }
.subtitle { font-size: 1.25rem; margin: .2rem 0; }
.year { font-weight: 700; font-size: 1.1rem; }
.meta { color: var(--muted); margin: .1rem 0; }
.lead { font-weight: 600; }
.muted { color: var(--muted); }
.small { color: var(--muted); font-size: .9rem; }
/* the table of contents */
nav.contents { margin: 0 0 1.5rem; }
nav.contents h2 { margin-top: 1rem; }
nav.contents ul { list-style: none; padding: 0; margin: 0; }
nav.contents li { margin: .2rem 0; }
nav.contents li.level-1 { font-weight: 600; }
nav.contents li:not(.level-1) { padding-inline-start: 1.4rem; font-size: .95rem; }
nav.contents a { color: inherit; text-decoration: none; }
nav.contents a:hover, nav.contents a:focus-visible { color: var(--accent);
                                                    text-decoration: underline; }
/* the headline figure and the charts */
.ratebox { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1.4rem;
           background: var(--soft); border-radius: .5rem; padding: 1rem 1.25rem;
           margin: .8rem 0 1.2rem; }
.ratebox .rate { font-size: 3.4rem; font-weight: 700; color: var(--accent); line-height: 1;
                 margin: 0; white-space: nowrap; }
.ratebox .rate svg { display: block; width: 100%; height: .45rem; margin-top: .35rem; }
.ratebox > p:last-child { flex: 1 1 16rem; margin: 0; font-size: 1.1rem; }
svg .track { fill: var(--track); } svg .fill { fill: var(--accent); }
figure { margin: .6rem 0 1.2rem; }
.bars .bar { display: grid; grid-template-columns: minmax(0, 2fr) minmax(5rem, 3fr) 3.5rem;
             gap: .2rem .8rem; align-items: center; padding: .25rem 0; }
.bars svg { display: block; width: 100%; height: 1rem; }
.bars .value { text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; }
.breakdown svg.stack { display: block; width: 100%; height: 1.6rem; }
.legend { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap;
          gap: .3rem 1.4rem; }
.legend svg { width: .9rem; height: .9rem; vertical-align: -.1rem; margin-inline-end: .35rem; }
.legend .count { font-weight: 700; margin-inline-start: .3rem; }
/* actions */
section.action { border-top: 1px solid var(--line); padding-top: .3rem; margin-top: 1.6rem; }
.status { margin: .2rem 0 .5rem; }
.badge { display: inline-block; padding: .05rem .7rem; border-radius: 1rem; color: #fff;
         background: var(--muted); font-size: .9rem; font-weight: 600; }
.items-title { font-weight: 700; margin: .8rem 0 .1rem; }
ul { margin: .2rem 0 .6rem; padding-inline-start: 1.4rem; }
li { margin: .15rem 0; }
figure.quote { margin: .5rem 0; padding: .15rem .9rem; border-inline-start: 3px solid var(--line);
               color: var(--muted); }
figure.quote blockquote { margin: 0; color: var(--ink); }
figure.quote figcaption { font-size: .85rem; }
figure.quote figcaption::before { content: "— "; }
p.link { margin: .3rem 0; }
/* tables */
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.2rem; font-size: .92rem; }
caption { caption-side: top; text-align: start; font-weight: 700; padding: .2rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: start;
         vertical-align: top; }
th { background: var(--soft); font-weight: 700; }
th.num, td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tbody.row > tr + tr > td { border-top-style: dotted; }
.scroll { overflow-x: auto; margin: .5rem 0 1.2rem; }
.scroll:focus-visible { outline: 2px solid var(--accent); }
table.matrix { min-width: 72rem; margin: 0; font-size: .8rem; line-height: 1.45; }
table.matrix th, table.matrix td { padding: .3rem .35rem; }
@media (max-width: 40rem) {
  main { padding: 1rem .8rem 2rem; }
  h1.display { font-size: 1.8rem; }
  h2 { font-size: 1.3rem; }
  .ratebox .rate { font-size: 2.8rem; }
  .bars .bar { grid-template-columns: minmax(0, 1fr) 3.5rem; }
  .bars .bar .label { grid-column: 1 / -1; }
  table.data, table.data > tbody, table.data > tbody > tr, table.data > tbody > tr > td,
  table.data > caption { display: block; width: auto; }
  table.data > colgroup { display: none; }
  table.data > thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
                       clip-path: inset(50%); white-space: nowrap; }
  table.data > tbody > tr { border: 1px solid var(--line); border-radius: .4rem;
                            padding: .35rem .7rem; margin-bottom: .6rem; }
  table.data > tbody > tr > td { border: none; padding: .15rem 0; text-align: start; }
  table.data > tbody > tr > td:empty { display: none; }
  table.data > tbody > tr > td::before { content: attr(data-label); display: block;
                                         font-size: .8rem; font-weight: 700;
                                         color: var(--muted); }
}
@page { size: A4; margin: 16mm 14mm 16mm; }
@page matrix { size: A4 landscape; margin: 12mm 10mm 13mm; }
@media print {
  html { font-size: 10pt; }
  main { padding: 0; }
  main > *, main > section.annex { max-width: none; }
  h2 { margin-top: 0; }
  section.axis, section.annex { break-before: page; }
  section.annex { page: matrix; }
  tr, tbody.row, figure, .ratebox, .bars .bar, li { break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; margin: 0; }
  table.matrix { min-width: 0; font-size: 6.8pt; line-height: 1.35; }
  a { color: inherit; text-decoration: none; }
  a.titled::after { content: " <" attr(href) ">"; overflow-wrap: anywhere; }
  .badge, th, .ratebox { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
""".replace("FONTS", FONTS)


def render(document: Document) -> str:
    """The document as one HTML page."""
    with frozen_heap():
        page = _Page(document)
        page.document()
        return "".join(page.out)


# -- texts ------------------------------------------------------------------------------


def _has_letters(text: str) -> bool:
    return any(unicodedata.category(char).startswith("L") for char in text)


def declared_lang(words: Words) -> str | None:
    """The language an element of `words` declares: its own; '' (unknown) for words of no
    known language; None for text without letters (numbers, signs), which has none."""
    if words.lang:
        return words.lang
    return "" if _has_letters(words.text) else None


def marks(lang: str | None, direction: Direction, parent: Context) -> tuple[str, Context]:
    """The `lang` and `dir` attributes that differ from `parent`'s, and the new context."""
    attributes = ""
    if lang is None or lang == parent[0]:
        lang = parent[0]
    else:
        attributes += f' lang="{escape(lang)}"'
    if direction != parent[1]:
        attributes += f' dir="{direction}"'
    return attributes, (lang, direction)


def _binds(left: str, right: str) -> bool:
    """Whether two neighbouring words stay on one line: a number and the word after it, a
    word and the number after it ('14 mars 2022', 'March 14, 2022', 'T1. Axe')."""
    ends_in_number = left[-1].isdigit() or (
        len(left) > 1 and left[-1] == "," and left[-2].isdigit()
    )
    return (ends_in_number and right[0].isalnum()) or (left[-1].isalnum() and right[0].isdigit())


def _line(line: str) -> str:
    """One escaped line, its dates and numbers kept whole (`.nw`, no wrapping inside)."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(line)]
    if not tokens:
        return escape(line)
    # Runs of tokens that stay together: (first token, last token).
    runs: list[list[int]] = []
    for index, (start, end) in enumerate(tokens):
        if runs and index - runs[-1][0] < _MAX_GLUED:
            previous_start, previous_end = tokens[index - 1]
            if _binds(line[previous_start:previous_end], line[start:end]):
                runs[-1][1] = index
                continue
        runs.append([index, index])
    parts = [escape(line[: tokens[0][0]])]
    for number, (first, last) in enumerate(runs):
        start, end = tokens[first][0], tokens[last][1]
        text = escape(line[start:end])
        whole = first != last or (
            any(c.isdigit() for c in text) and any(c in _DASHES for c in text)
        )
        parts.append(f'<span class="nw">{text}</span>' if whole else text)
        following = tokens[runs[number + 1][0]][0] if number + 1 < len(runs) else len(line)
        parts.append(escape(line[end:following]))
    return "".join(parts)


def text_html(text: str) -> str:
    """Escaped text: lines joined by <br>, numbers kept with their neighbouring words."""
    return "<br>".join(_line(line) for line in text.replace("\r\n", "\n").split("\n"))


def inline(words: Words, parent: Context) -> str:
    """The words, in a span saying their language and direction if not the parent's."""
    attributes, _ = marks(declared_lang(words), words.direction, parent)
    body = text_html(words.text)
    return f"<span{attributes}>{body}</span>" if attributes else body


def safe_url(url: str | None) -> str | None:
    """The address if it may be a link (http, https or mailto), else None."""
    if url is not None and _LINKABLE.fullmatch(url):
        return url
    return None


def colour(value: str) -> str | None:
    """A colour as #rrggbb, or None if it is anything else."""
    return value if _COLOUR.fullmatch(value) else None


def ink_on(background: str) -> str:
    """White or dark text, whichever reads better on `background` (#rrggbb)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(background[i : i + 2], 16)) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#fff" if (1.05 / (luminance + 0.05)) >= 4.5 else "#1f2933"


def _css_string(text: str) -> str:
    """A CSS string of `text`: letters, digits and spaces as they are, all else escaped."""
    return (
        '"'
        + "".join(
            c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text if c.isprintable()
        )
        + '"'
    )


def parallel_lines(row: Sequence[Words], numeric: Sequence[bool]) -> tuple[int, frozenset[int]]:
    """Whether a row's lines go side by side across columns (one line per indicator: its
    name, its target, its value): the number of lines and the columns that hold them, the
    numeric columns of more than one line and their neighbours of as many. (1, none) when
    the row has no such lines, they do not agree, or no neighbour has as many."""
    counts = [cell.text.count("\n") + 1 for cell in row]
    numbers = [c for c in range(min(len(row), len(numeric))) if numeric[c] and counts[c] > 1]
    if not numbers or len({counts[c] for c in numbers}) > 1:
        return 1, frozenset()
    lines = counts[numbers[0]]
    columns: set[int] = set()
    for c in numbers:
        first = last = c
        while first > 0 and counts[first - 1] == lines:
            first -= 1
        while last + 1 < len(row) and counts[last + 1] == lines:
            last += 1
        columns.update(range(first, last + 1))
    if len(columns) < 2:  # lines beside nothing: a cell of lines like any other
        return 1, frozenset()
    return lines, frozenset(columns)


def content_shares(table: Table) -> tuple[float, ...]:
    """Shares of the width that follow the texts: the square root of a column's root mean
    square length (long cells weigh more than short ones, but not in proportion). The
    browser keeps each column at least as wide as its longest word and the rest goes
    mostly to the long texts, which keeps the rows short (the document's shares, made for
    a fixed page, leave them narrow and the rows tall)."""
    columns = len(table.header)
    squares = [0] * columns
    for row in table.rows:
        for c, cell in enumerate(row[:columns]):
            squares[c] += len(cell.text) ** 2
    rows = max(len(table.rows), 1)
    return tuple(max(square / rows, 1.0) ** 0.25 for square in squares)


def _fraction(value: float | None) -> float:
    """A share in [0, 1] (0 for none or not a number)."""
    if value is None or value != value:
        return 0.0
    return min(max(value, 0.0), 1.0)


# -- the page ---------------------------------------------------------------------------


class _Page:
    """The HTML of one document, in pieces joined once at the end."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.out: list[str] = []
        self.root: Context = (document.lang, document.direction)

    def document(self) -> None:
        doc, meta = self.doc, self.doc.metadata
        print_style = (
            "@page { @top-center { content: "
            + _css_string(doc.running_title)
            + f"; font: 8pt/1.3 {FONTS}; color: #5f6b76; }}"
            ' @bottom-center { content: counter(page) " / " counter(pages);'
            f" font: 8pt/1.3 {FONTS}; color: #5f6b76; direction: ltr; }} }}"
            " @page :first { @top-center { content: none; } }"
        )
        self.out += [
            "<!DOCTYPE html>\n",
            f'<html lang="{escape(doc.lang)}" dir="{doc.direction}">\n<head>\n',
            '<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n",
            '<meta http-equiv="x-dns-prefetch-control" content="off">\n',
            '<meta name="referrer" content="no-referrer">\n',
            '<meta name="generator" content="municipal-strategy">\n',
            f'<meta name="author" content="{escape(meta.author)}">\n',
            f'<meta name="description" content="{escape(meta.subject)}">\n',
            f'<meta name="keywords" content="{escape(meta.keywords)}">\n',
            f"<title>{escape(doc.title)}</title>\n",
            f"<style>{STYLE}{print_style}\n</style>\n",
            "</head>\n<body>\n<main>\n",
        ]
        for section in doc.sections:
            self.section(section, self.root)
        self.out.append("</main>\n</body>\n</html>\n")

    # -- blocks ------------------------------------------------------------------------

    def section(self, section: Section, parent: Context) -> None:
        tag = "header" if section.kind == "cover" else "section"
        self.out.append(f'<{tag} id="{escape(section.id)}" class="{section.kind}">\n')
        label = section.heading.words.text if section.heading is not None else ""
        if section.heading is not None:
            self.heading(section.heading, parent)
        for block in section.blocks:
            self.block(block, parent, label)
        self.out.append(f"</{tag}>\n")

    def block(self, block: Block, parent: Context, label: str) -> None:
        if isinstance(block, Section):
            self.section(block, parent)
        elif isinstance(block, Heading):
            self.heading(block, parent)
        elif isinstance(block, Paragraph):
            self.paragraph(block, parent)
        elif isinstance(block, Items):
            self.items(block, parent)
        elif isinstance(block, Table):
            self.table(block, parent, label)
        elif isinstance(block, Quote):
            self.quote(block, parent)
        elif isinstance(block, Link):
            self.link(block, parent)
        elif isinstance(block, Status):
            self.status(block, parent)
        elif isinstance(block, RateBox):
            self.ratebox(block, parent)
        elif isinstance(block, Bars):
            self.bars(block, parent)
        elif isinstance(block, Breakdown):
            self.breakdown(block, parent)
        elif isinstance(block, Image):
            self.image(block, parent)
        elif isinstance(block, Contents):
            self.contents(block, parent)
        else:  # a block this renderer does not know yet: its texts, nothing lost
            for words in words_of(block):
                self.out.append(f"<p>{inline(words, parent)}</p>\n")

    def image(self, image: Image, parent: Context) -> None:
        """The picture inside the page (a data: address: nothing fetched), if it is a PNG
        or JPEG file that can be read; else its description."""
        try:
            data = Path(image.path).read_bytes()
        except OSError:
            data = b""
        media = next((m for magic, m in _PICTURES.items() if data.startswith(magic)), None)
        if media is None:
            self.out.append(f'<p class="small">{inline(image.alt, parent)}</p>\n')
            return
        attributes, _ = marks(declared_lang(image.alt), image.alt.direction, parent)
        source = f"data:{media};base64,{base64.b64encode(data).decode('ascii')}"
        self.out.append(
            f'<p class="picture"><img src="{source}" alt="{escape(image.alt.text)}"'
            f"{attributes}></p>\n"
        )

    def contents(self, contents: Contents, parent: Context) -> None:
        """The table of contents: a link to each section, indented by level."""
        out = self.out
        out.append(
            f'<nav class="contents" aria-label="{escape(contents.title.text)}">\n'
            f"<h2>{inline(contents.title, parent)}</h2>\n<ul>\n"
        )
        out += [
            f'<li class="level-{min(max(entry.level, 1), 6)}">'
            f'<a href="#{escape(quote(entry.anchor, safe=""))}">{inline(entry.words, parent)}</a>'
            "</li>\n"
            for entry in contents.entries
        ]
        out.append("</ul>\n</nav>\n")

    def heading(self, heading: Heading, parent: Context) -> None:
        level = max(heading.level, 1) + 1
        tag = f"h{min(level, 6)}"
        deeper = f' aria-level="{level}"' if level > 6 else ""
        self.out.append(f"<{tag}{deeper}>{inline(heading.words, parent)}</{tag}>\n")

    def paragraph(self, paragraph: Paragraph, parent: Context) -> None:
        """A paragraph; the cover's display line (the commune) is the page's h1."""
        lang = paragraph.lang if paragraph.lang else declared_lang(Words(paragraph.text))
        attributes, context = marks(lang, paragraph.direction, parent)
        tag = "h1" if paragraph.role == "display" else "p"
        last = len(paragraph.runs) - 1
        runs = "".join(
            self.run(run, context, first=i == 0, last=i == last)
            for i, run in enumerate(paragraph.runs)
        )
        self.out.append(f'<{tag} class="{paragraph.role}"{attributes}>{runs}</{tag}>\n')

    def run(self, words: Words, parent: Context, *, first: bool, last: bool) -> str:
        """A run of a paragraph. The spaces and signs that join it to the runs around it
        (the ': ' after a label) are the paragraph's, outside a run of another direction:
        inside, they would move to the run's far side."""
        attributes, _ = marks(declared_lang(words), words.direction, parent)
        if not attributes:
            return text_html(words.text)
        text = words.text
        start, end = 0, len(text)
        if not first:
            while start < end and unicodedata.bidirectional(text[start]) in _NEUTRAL:
                start += 1
        if not last:
            while end > start and unicodedata.bidirectional(text[end - 1]) in _NEUTRAL:
                end -= 1
        return (
            text_html(text[:start])
            + f"<span{attributes}>{text_html(text[start:end])}</span>"
            + text_html(text[end:])
        )

    def items(self, items: Items, parent: Context) -> None:
        title = inline(items.title, parent)
        self.out.append(f'<div class="items">\n<p class="items-title">{title}</p>\n<ul>\n')
        self.out += [f"<li>{inline(item, parent)}</li>\n" for item in items.items]
        self.out.append("</ul>\n</div>\n")

    def table(self, table: Table, parent: Context, label: str) -> None:
        columns = len(table.header)
        numeric = [c < len(table.numeric) and table.numeric[c] for c in range(columns)]
        classes = [' class="num"' if n else "" for n in numeric]
        head = "".join(
            f'<th scope="col"{classes[c]}>{inline(h, parent)}</th>'
            for c, h in enumerate(table.header)
        )
        cards = table.role == "data"
        names = [f' data-label="{escape(h.text)}"' if cards else "" for h in table.header]
        out = self.out
        if table.role == "matrix":
            name = table.caption.text if table.caption is not None else label
            out.append(
                f'<div class="scroll" role="region" tabindex="0" aria-label="{escape(name)}">\n'
            )
        out.append(f'<table class="{table.role}">\n')
        if table.caption is not None:
            out.append(f"<caption>{inline(table.caption, parent)}</caption>\n")
        shares = table.shares[:columns] if cards else content_shares(table)
        total = sum(shares)
        if len(shares) == columns and total > 0:
            widths = "".join(f'<col style="width:{100 * s / total:.2f}%">' for s in shares)
            out.append(f"<colgroup>{widths}</colgroup>\n")
        out.append(f"<thead><tr>{head}</tr></thead>\n")
        split = [parallel_lines(row, numeric) for row in table.rows]
        grouped = any(lines > 1 for lines, _ in split)
        if not grouped:
            out.append("<tbody>\n")
        for row, (lines, parallel) in zip(table.rows, split, strict=True):
            if grouped:
                out.append('<tbody class="row">\n')
            span = f' rowspan="{lines}"' if lines > 1 else ""
            for line in range(lines):
                out.append("<tr>")
                for c, cell in enumerate(row):
                    attributes = (classes[c] + names[c]) if c < columns else ""
                    if c in parallel:
                        text = cell.text.split("\n")[line]
                        out.append(
                            f"<td{attributes}>{inline(attrs.evolve(cell, text=text), parent)}</td>"
                        )
                    elif line == 0:
                        out.append(f"<td{attributes}{span}>{inline(cell, parent)}</td>")
                out.append("</tr>\n")
            if grouped:
                out.append("</tbody>\n")
        if not grouped:
            out.append("</tbody>\n")
        out.append("</table>\n")
        if table.role == "matrix":
            out.append("</div>\n")

    def quote(self, quote: Quote, parent: Context) -> None:
        attributes, _ = marks(declared_lang(quote.words), quote.words.direction, parent)
        self.out.append(
            f'<figure class="quote">\n<blockquote{attributes}><p>{text_html(quote.words.text)}'
            "</p></blockquote>\n"
        )
        if quote.citation is not None:
            self.out.append(f"<figcaption>{inline(quote.citation, parent)}</figcaption>\n")
        self.out.append("</figure>\n")

    def linkable(self, url: str | None) -> str | None:
        """The address a link may point to on this page (see `safe_url`), else None."""
        return safe_url(url)

    def link(self, link: Link, parent: Context) -> None:
        words = link.words
        url = self.linkable(link.url)
        if url is not None:
            attributes, _ = marks(declared_lang(words), words.direction, parent)
            kind = "url" if words.text == url else "titled"
            body = (
                f'<a href="{escape(url)}" rel="noreferrer" class="{kind}"{attributes}>'
                f"{text_html(words.text)}</a>"
            )
        else:
            body = f'<span class="document">{inline(words, parent)}</span>'
            if link.url and link.url != words.text:
                address, _ = marks("", "ltr", parent)
                body += f' <span class="url"{address}>{escape(link.url)}</span>'
        self.out.append(f'<p class="link">{body}</p>\n')

    def status(self, status: Status, parent: Context) -> None:
        background = colour(status.colour)
        style = (
            f' style="background-color:{background};color:{ink_on(background)}"'
            if background is not None
            else ""
        )
        self.out.append(
            f'<p class="status"><span class="badge"{style}>{inline(status.words, parent)}'
            "</span></p>\n"
        )

    def ratebox(self, box: RateBox, parent: Context) -> None:
        meter = ""
        if box.rate is not None:
            meter = self.meter(box.rate, parent, height=4)
        self.out.append(
            f'<div class="ratebox">\n<p class="rate">{inline(Words(box.shown), parent)}'
            f"{meter}</p>\n"
        )
        self.paragraph(box.caption, parent)
        self.out.append("</div>\n")

    def meter(self, value: float | None, parent: Context, height: int = 10) -> str:
        """A bar filled to `value` from the start side (the right in a right-to-left text)."""
        width = 100 * _fraction(value)
        x = 100 - width if parent[1] == "rtl" else 0.0
        return (
            f'<svg viewBox="0 0 100 {height}" preserveAspectRatio="none" aria-hidden="true" '
            f'focusable="false"><rect class="track" width="100" height="{height}"/>'
            f'<rect class="fill" x="{x:.2f}" width="{width:.2f}" height="{height}"/></svg>'
        )

    def bars(self, bars: Bars, parent: Context) -> None:
        out = self.out
        out.append(f'<figure class="bars" aria-label="{escape(bars.description.text)}">\n')
        for bar in bars.bars:
            out.append(
                f'<div class="bar"><span class="label">{inline(bar.label, parent)}</span>'
                f"{self.meter(bar.value, parent)}"
                f'<span class="value">{inline(Words(bar.shown), parent)}</span></div>\n'
            )
        out.append("</figure>\n")

    def breakdown(self, breakdown: Breakdown, parent: Context) -> None:
        total = sum(max(s.count, 0) for s in breakdown.segments)
        rects, legend, start = [], [], 0.0
        for segment in breakdown.segments:
            fill = colour(segment.colour) or "#5f6b76"
            width = 100 * max(segment.count, 0) / total if total else 0.0
            if width:
                x = 100 - start - width if parent[1] == "rtl" else start
                rects.append(f'<rect x="{x:.3f}" width="{width:.3f}" height="10" fill="{fill}"/>')
            start += width
            legend.append(
                f'<li><svg viewBox="0 0 1 1" aria-hidden="true" focusable="false">'
                f'<rect width="1" height="1" fill="{fill}"/></svg>'
                f"{inline(segment.label, parent)}"
                f'<span class="count">{inline(Words(str(segment.count)), parent)}</span></li>'
            )
        self.out += [
            f'<figure class="breakdown" aria-label="{escape(breakdown.description.text)}">\n',
            '<svg class="stack" viewBox="0 0 100 10" preserveAspectRatio="none" '
            'aria-hidden="true" focusable="false"><rect class="track" width="100" height="10"/>',
            *rects,
            '</svg>\n<ul class="legend">\n',
            "\n".join(legend),
            "\n</ul>\n</figure>\n",
        ]
