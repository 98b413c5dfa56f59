"""The report as Markdown (CommonMark, with GitHub's pipe tables): `render(document)` lays
out a `Document` and nothing else.

Safe by construction
--------------------
Every configuration text is escaped where it is written, so that it never becomes markup:

- the characters that start inline markup (``\\ ` * _ [ ] < > | ~ & # $``) are
  backslash-escaped, so a text makes no emphasis, code, link, image, autolink, raw HTML,
  entity, table cell, strikethrough or math; nor does the colon of a scheme other than
  http, https and mailto (GitHub links ``ftp://…`` written in text). GitHub still links
  http(s) and ``www.`` addresses written in text, and e-mail addresses (as mailto:, or
  xmpp: after ``xmpp:``, which no escape reaches): schemes that run nothing;
- a line that starts a block has its leading spaces and tabs removed (no indented code)
  and a ``-``, ``+``, ``=`` or list number escaped (``#``, ``>``, fences, HTML and rules
  are already escaped), so it makes no heading, list, quote or code block;
- a text's lines become hard breaks (``\\`` at the end of a line), ``<br>`` in a table
  cell, and a space in a heading, which holds one line;
- only http, https and mailto addresses become links, percent-encoded; any other is
  printed as escaped text.

The only HTML in the output is this module's own: ``<div>`` around text in a direction
other than its surroundings', and ``<br>`` in table cells.

Right to left
-------------
Common renderers show direction differently. CommonMark says nothing of it: a plain
renderer (markdown-it, commonmark.js, cmark, VS Code's preview, pandoc) writes ``<p>``
with no ``dir``, and the page's default, left to right, applies: Arabic is aligned left,
its punctuation and numbers land on the wrong side, table columns and bullets run left to
right. GitHub sets ``dir="auto"`` on each block (each paragraph takes the direction of
its first strong character, whatever its parent says); its sanitiser keeps ``dir`` and
``lang`` on a ``<div>`` but has not always kept ``<span>``. So the marking is in three
layers, each for what the others cannot reach:

1. **Blocks**: an RTL document is wrapped in ``<div dir="rtl" lang="ar" markdown="1">``
   with blank lines inside, and so is any block whose direction differs from its
   surroundings' (an Arabic quote in the English report, an untranslated title). The
   blank lines let CommonMark renderers read the Markdown inside (an HTML block ends at
   a blank line); ``markdown="1"`` asks the same of kramdown and of Python-Markdown's
   ``md_in_html`` (without it, Python-Markdown shows a ``<div>``'s content as it is);
   the others pass it through or drop it. Only markup sets alignment, table column order
   and bullet side, so this is what makes a plain renderer show Arabic right to left.
2. **Runs**: text inside a block in the other direction (a French name in an Arabic
   sentence, a file name in an Arabic table) is wrapped in the Unicode isolates LRI/RLI …
   PDI rather than ``<span dir>``: they pass every renderer and sanitiser untouched and
   are honoured by browsers and text editors alike.
3. **Guesses**: where a block's first strong character is not in its direction (an Arabic
   sentence opening on a Latin name), an RLM or LRM mark opens it, so that renderers and
   editors that guess a block's direction from its first strong character (GitHub's
   ``dir="auto"``) guess right instead of overriding the ``<div>``.

A text's direction is its language's, unless none of its letters is written that way
(a code such as 'T1.2' in an Arabic label): then its letters'. A renderer that shows HTML
as text (HTML turned off) shows the ``<div>`` lines; that is the price of the only marking
that sets a block's direction.

Layout
------
Headings are one level below the document's: the document's title is the one ``#``.
Paragraphs in the roles ``display`` and ``lead``, a status and the headline are bold;
``muted`` and ``small`` italic. Charts are tables of (label, figure), headed by their
description; the table of contents is a nested list without links (the sections' anchors
are not those a renderer gives its headings). A Markdown file holds no picture: the logo
is left out (its path is this machine's).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import quote

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

#: Unicode's isolates and marks (see the module's docstring).
ISOLATE = {"ltr": "\u2066", "rtl": "\u2067"}
END_ISOLATE = "\u2069"
MARK = {"ltr": "\u200e", "rtl": "\u200f"}

#: The schemes of the addresses that become links.
LINKED_SCHEMES = frozenset({"http", "https", "mailto"})

#: How a paragraph of each role is set off (the others are plain).
EMPHASIS = {"display": "**", "lead": "**", "muted": "*", "small": "*"}

_NEWLINE = re.compile(r"\r\n|\r|\n")
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#$])")
_SCHEME = re.compile(r"(?<![A-Za-z0-9+.\-])([A-Za-z][A-Za-z0-9+.\-]*):(?=\S)")
_BULLET = re.compile(r"^([-+=])")
_NUMBER = re.compile(r"^(\d+)([.)])")
_URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_LANG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
#: What a link's address keeps as it is; the rest is percent-encoded (no space, control,
#: quote, parenthesis, angle bracket or backslash that would end or change the link).
_URL_SAFE = "!#$%&'*+,/:;=?@[]~"

#: The Markdown lines of one block.
Lines = list[str]


def render(document: Document) -> str:
    """The document as Markdown."""
    around = document.direction
    blocks = [_heading(Heading(Words(document.title, document.lang), 0), around)]
    for section in document.sections:
        blocks += _section(section, around)
    lines = _joined(blocks)
    if around != "ltr":
        lines = _wrapped(lines, around, document.lang)
    return "\n".join(lines) + "\n"


# -- texts -------------------------------------------------------------------------------


def inline(text: str) -> str:
    """One line of text made inert where inline markup is read (a NUL is made U+FFFD, as
    CommonMark reads it)."""
    escaped = _INLINE.sub(r"\\\1", text.replace("\0", "\ufffd"))
    return _SCHEME.sub(lambda m: m[0] if m[1].lower() in LINKED_SCHEMES else m[1] + "\\:", escaped)


def line_start(escaped: str) -> str:
    """An escaped line that starts a block, made unable to start a list or underline a
    heading (the other block markers are escaped wherever they are)."""
    return _NUMBER.sub(r"\1\\\2", _BULLET.sub(r"\\\1", escaped))


def destination(url: str) -> str | None:
    """A link's address as Markdown writes it, or None if it must not become a link."""
    url = url.strip()
    scheme = _URL_SCHEME.match(url)
    if scheme is None or scheme[1].lower() not in LINKED_SCHEMES:
        return None
    return quote(url, safe=_URL_SAFE).replace("&", "&amp;")


def text_lines(text: str) -> list[str]:
    """A text's lines, split where CommonMark splits them."""
    return _NEWLINE.split(text)


def strong(text: str) -> Direction | None:
    """The direction of the first strong character of `text` (None: it has none)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def direction_of(words: Words) -> Direction | None:
    """The direction a text is laid out in: its language's, unless none of its letters is
    written that way (a code such as 'T1.2' in an Arabic label), then its first letter's;
    None for a text without letters (a number, a dash), which follows its surroundings."""
    first = strong(words.text)
    if first is None:
        return None
    said = words.direction
    return said if said == first or any(strong(char) == said for char in words.text) else first


def attributes(direction: Direction, lang: str) -> str:
    """`dir`, and `lang` when it is a language tag."""
    tag = f' lang="{lang}"' if _LANG.fullmatch(lang) else ""
    return f'dir="{direction}"{tag}'


def _wrapped(lines: Lines, direction: Direction, lang: str) -> Lines:
    """Lines in a `<div>` of their direction, their Markdown still read inside."""
    return [f'<div {attributes(direction, lang)} markdown="1">', "", *lines, "", "</div>"]


def _placed(lines: Lines, own: Direction | None, lang: str, around: Direction) -> Lines:
    """A block, in a `<div>` of its own when its direction is not its surroundings'."""
    if not lines or own is None or own == around:
        return lines
    return _wrapped(lines, own, lang)


def _runs(runs: Sequence[Words], reading: Direction) -> Lines:
    """The lines of runs read as one paragraph in `reading`, to be joined by hard breaks:
    escaped, runs in the other direction isolated, and opened by a mark when the first
    strong character is in the other direction (isolated or not: a renderer guessing the
    direction may not skip isolates)."""
    lines = [""]
    for run in runs:
        own = direction_of(run)
        isolate = ISOLATE[own] if own is not None and own != reading else ""
        for n, segment in enumerate(text_lines(run.text)):
            if n:
                lines.append("")
            starts = not lines[-1].strip()
            if starts:
                lines[-1] = ""
                segment = segment.lstrip(" \t")
            if not segment:
                continue
            text = line_start(inline(segment)) if starts else inline(segment)
            if isolate and segment.strip():
                text = isolate + text + END_ISOLATE
            lines[-1] += text
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    first = strong("".join(run.text for run in runs))
    if lines and first is not None and first != reading:
        lines[0] = MARK[reading] + lines[0]
    return lines


def _broken(lines: Lines, emphasis: str = "", indent: str = "") -> Lines:
    """Lines of one paragraph joined by hard breaks, set off by `emphasis`, every line but
    the first indented by `indent`."""
    if not lines:
        return []
    lines = [*lines]
    if emphasis:
        lines[0] = emphasis + lines[0]
        lines[-1] = lines[-1].rstrip() + emphasis
    return [
        (indent if n else "") + line + ("\\" if n < len(lines) - 1 else "")
        for n, line in enumerate(lines)
    ]


def _joined(blocks: Sequence[Lines]) -> Lines:
    """Blocks one after the other, a blank line between two."""
    lines: Lines = []
    for block in blocks:
        if block:
            lines += [*([""] if lines else []), *block]
    return lines


# -- blocks ------------------------------------------------------------------------------


def _section(section: Section, around: Direction) -> list[Lines]:
    blocks = [_heading(section.heading, around)] if section.heading is not None else []
    for block in section.blocks:
        blocks += _block(block, around)
    if section.kind == "cover":
        blocks.append(["---"])
    return blocks


def _block(block: Block, around: Direction) -> list[Lines]:
    if isinstance(block, Section):
        return _section(block, around)
    if isinstance(block, Heading):
        return [_heading(block, around)]
    if isinstance(block, Paragraph):
        return [_paragraph(block.runs, block.lang, around, EMPHASIS.get(block.role, ""))]
    if isinstance(block, Status):
        return [_paragraph((block.words,), block.words.lang, around, "**")]
    if isinstance(block, RateBox):
        return [_rate(block, around)]
    if isinstance(block, Items):
        return [_list(block.title, [(item, 0) for item in block.items], around)]
    if isinstance(block, Contents):
        return [_contents(block, around)]
    if isinstance(block, Quote):
        return [_quote(block, around)]
    if isinstance(block, Link):
        return [_link(block, around)]
    if isinstance(block, Table):
        return [_table(block.caption, block.header, block.rows, block.numeric, around)]
    if isinstance(block, Bars):
        return [_chart(block.description, [(bar.label, bar.shown) for bar in block.bars], around)]
    if isinstance(block, Breakdown):
        return [_breakdown(block, around)]
    if isinstance(block, Image):
        # A Markdown file holds no picture, and the logo's path is this machine's.
        return []
    # A block this renderer does not know yet: its texts, so that nothing is lost.
    return [_paragraph((words,), words.lang, around) for words in words_of(block)]


def _breakdown(breakdown: Breakdown, around: Direction) -> Lines:
    counts = [(segment.label, str(segment.count)) for segment in breakdown.segments]
    return _chart(breakdown.description, counts, around)


def _chart(description: Words, values: Sequence[tuple[Words, str]], around: Direction) -> Lines:
    """A chart as a table of (label, figure), headed by its description."""
    rows = [(label, Words(shown)) for label, shown in values]
    return _table(None, (description, Words("")), rows, (False, True), around)


def _heading(heading: Heading, around: Direction) -> Lines:
    """`#` to `######`, one level below the document's (its title is the `#`); a title of
    several lines is joined on one."""
    text = " ".join(line.strip() for line in text_lines(heading.words.text)).strip()
    own = direction_of(heading.words)
    reading = own or around
    first = strong(text)
    mark = MARK[reading] if first is not None and first != reading else ""
    level = "#" * min(max(heading.level + 1, 1), 6)
    line = f"{level} {mark}{inline(text)}".rstrip()
    return _placed([line], own, heading.words.lang, around)


def _paragraph(runs: Sequence[Words], lang: str, around: Direction, emphasis: str = "") -> Lines:
    own = direction_of(Words("".join(run.text for run in runs), lang))
    lines = _broken(_runs(runs, own or around), emphasis)
    return _placed(lines, own, lang, around)


def _rate(box: RateBox, around: Direction) -> Lines:
    """The headline as one bold sentence (the figure first if the sentence lacks it)."""
    runs = box.caption.runs
    if box.shown.strip() and box.shown not in box.caption.text:
        runs = (Words(box.shown), Words(" — "), *runs)
    return _paragraph(runs, box.caption.lang, around, "**")


def _list(title: Words, entries: Sequence[tuple[Words, int]], around: Direction) -> Lines:
    """The title in bold, then a bullet per entry, nested `depth` levels deep."""
    own = direction_of(title)
    reading = own or around
    bullets: Lines = []
    for words, depth in entries:
        indent = "  " * depth
        lines = _broken(_runs((words,), reading), indent=indent + "  ")
        if lines:
            bullets += [indent + "- " + lines[0], *lines[1:]]
    heading = _broken(_runs((title,), reading), "**")
    return _placed(_joined([heading, bullets]), own, title.lang, around)


def _contents(contents: Contents, around: Direction) -> Lines:
    """The table of contents as a list nested by level, without links: the anchors of the
    sections are not those a Markdown renderer gives its headings."""
    entries: list[tuple[Words, int]] = []
    top = min((entry.level for entry in contents.entries), default=1)
    depth = -1
    for entry in contents.entries:
        depth = min(entry.level - top, depth + 1)
        entries.append((entry.words, depth))
    return _list(contents.title, entries, around)


def _quote(quote: Quote, around: Direction) -> Lines:
    """A blockquote: the words, then `— citation`."""
    own = direction_of(quote.words)
    reading = own or around
    parts = [_broken(_runs((quote.words,), reading))]
    if quote.citation is not None:
        parts.append(_broken(_runs((Words("— "), quote.citation), reading)))
    lines = _joined([part for part in parts if part])
    return _placed([f"> {line}".rstrip() for line in lines], own, quote.words.lang, around)


def _link(link: Link, around: Direction) -> Lines:
    """A link for an http, https or mailto address; any other, and a document's name, as
    text."""
    own = direction_of(link.words)
    reading = own or around
    url = (link.url or "").strip()
    address = destination(url)
    if address is not None:
        label = " ".join(line.strip() for line in text_lines(link.words.text)).strip() or url
        first = strong(label)
        mark = MARK[reading] if first is not None and first != reading else ""
        return _placed([f"{mark}[{inline(label)}]({address})"], own, link.words.lang, around)
    runs = [link.words]
    if url and url != link.words.text.strip():
        named = bool(link.words.text.strip())
        runs = [link.words, Words(" ("), Words(url), Words(")")] if named else [Words(url)]
    return _placed(_broken(_runs(runs, reading)), own, link.words.lang, around)


def _table(
    caption: Words | None,
    header: Sequence[Words],
    rows: Sequence[Sequence[Words]],
    numeric: Sequence[bool],
    around: Direction,
) -> Lines:
    """A pipe table, its caption in bold above it; numeric columns aligned right."""
    own = next((d for d in map(direction_of, header) if d is not None), None)
    reading = own or around
    title = _broken(_runs((caption,), reading), "**") if caption is not None else []
    width = max([len(header), *map(len, rows)])
    table: Lines = []
    if width:
        rule = ["---:" if n < len(numeric) and numeric[n] else "---" for n in range(width)]
        table = [
            _row([_cell(words, reading) for words in header], width),
            _row(rule, width),
            *(_row([_cell(words, reading) for words in row], width) for row in rows),
        ]
    lang = next((words.lang for words in header if words.lang), "")
    return _placed(_joined([title, table]), own, lang, around)


def _row(cells: Sequence[str], width: int) -> str:
    return "| " + " | ".join([*cells, *[""] * (width - len(cells))]) + " |"


def _cell(words: Words, reading: Direction) -> str:
    """A cell's text on one line, its lines joined by `<br>`."""
    own = direction_of(words)
    isolate = ISOLATE[own] if own is not None and own != reading else ""
    lines = [line.strip() for line in text_lines(words.text)]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "<br>".join(
        isolate + inline(line) + END_ISOLATE if isolate and line else inline(line) for line in lines
    )
