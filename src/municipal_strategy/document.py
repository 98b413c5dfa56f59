"""The report's parts, as a document: sections of headings, paragraphs, lists, tables,
figures and quotes, every text with its language (and so its direction).

The report is built once (`municipal_strategy.build.build_document`) and every
human-readable format — PDF, HTML, Markdown, or a plugin's — renders this and nothing else.
The classes are plain frozen values; a renderer dispatches on their type.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Literal

import attrs

#: Languages written right to left.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv"})

Direction = Literal["ltr", "rtl"]


def direction_of(text: str) -> Direction:
    """The direction of the first strong character of `text` (left to right if none)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@attrs.frozen
class Words:
    """A run of text in one language ('' when unknown: a plain string, a code, a URL)."""

    text: str
    lang: str = ""

    @property
    def direction(self) -> Direction:
        """The language's direction, else that of the text's first strong character."""
        if self.lang:
            return "rtl" if self.lang.split("-")[0] in RTL_LANGUAGES else "ltr"
        return direction_of(self.text)


@attrs.frozen
class Heading:
    """A section's title; `level` 1 for the top sections, deeper below."""

    words: Words
    level: int


#: What a paragraph is for: renderers style each role.
Role = Literal[
    "body",
    "lead",
    "muted",
    "small",
    "meta",
    "header",
    "kicker",
    "display",
    "alternate",
    "subtitle",
    "year",
]


@attrs.frozen
class Paragraph:
    """Runs of text read as one paragraph, in the direction of its `lang`."""

    runs: tuple[Words, ...]
    lang: str
    role: Role = "body"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def direction(self) -> Direction:
        return Words(self.text, self.lang).direction


@attrs.frozen
class Items:
    """A bulleted list, with its title."""

    title: Words
    items: tuple[Words, ...]


@attrs.frozen
class Table:
    """A table: a header, rows of cells (a cell's lines split on newlines), which columns
    hold numbers (aligned as numbers are), and each column's share of the width."""

    caption: Words | None
    header: tuple[Words, ...]
    rows: tuple[tuple[Words, ...], ...]
    numeric: tuple[bool, ...]
    shares: tuple[float, ...]
    role: Literal["data", "matrix"] = "data"


@attrs.frozen
class Quote:
    """A sentence quoted verbatim, and where it comes from."""

    words: Words
    citation: Words | None = None


@attrs.frozen
class Link:
    """A reference a reader can follow: a web address, or a document's name."""

    words: Words
    url: str | None = None


@attrs.frozen
class Image:
    """A picture from a file (PNG or JPEG): the commune's logo."""

    path: str
    alt: Words


@attrs.frozen
class Entry:
    """A line of the table of contents: a heading and the section it opens."""

    words: Words
    level: int
    anchor: str


@attrs.frozen
class Contents:
    """The table of contents: the headings of the sections after it, with anchors; a
    paged format prints each one's page."""

    title: Words
    entries: tuple[Entry, ...]


@attrs.frozen
class Status:
    """A badge: the status of an action, in its colour (#rrggbb)."""

    words: Words
    colour: str


@attrs.frozen
class RateBox:
    """The headline figure, big, beside the sentence that explains it."""

    shown: str
    rate: float | None
    caption: Paragraph


@attrs.frozen
class Bar:
    """One bar of a chart: a label, a fraction in [0, 1] (None: no value) and its text."""

    label: Words
    value: float | None
    shown: str


@attrs.frozen
class Bars:
    """A bar chart: one bar per item (the rate of each axis)."""

    bars: tuple[Bar, ...]
    description: Words


@attrs.frozen
class Segment:
    """One part of a stacked bar: a label, a count and its colour (#rrggbb)."""

    label: Words
    count: int
    colour: str


@attrs.frozen
class Breakdown:
    """A stacked bar of counts with its legend (the counted actions per status)."""

    segments: tuple[Segment, ...]
    description: Words


#: What a section is: renderers may lay some out apart (the cover, the annex on landscape
#: pages, an axis on a new page).
Kind = Literal[
    "cover",
    "contents",
    "introduction",
    "method",
    "summary",
    "previous",
    "axis",
    "group",
    "action",
    "conclusion",
    "signoff",
    "annex",
]


@attrs.frozen
class Section:
    """A part of the report: its heading, then blocks and sections nested in it."""

    kind: Kind
    id: str
    heading: Heading | None
    blocks: tuple[Block, ...]

    def walk(self) -> Iterator[Block]:
        """Every block of the section, nested sections' included, in order."""
        if self.heading is not None:
            yield self.heading
        for block in self.blocks:
            if isinstance(block, Section):
                yield block
                yield from block.walk()
            else:
                yield block


#: Any part of a section.
Block = (
    Heading
    | Paragraph
    | Items
    | Table
    | Quote
    | Link
    | Image
    | Contents
    | Status
    | RateBox
    | Bars
    | Breakdown
    | Section
)


@attrs.frozen
class Metadata:
    """What a format records about the document, beside its pages."""

    title: str
    author: str
    subject: str
    keywords: str
    #: A reproducible creation time (never the clock), in seconds since the epoch.
    created: float


@attrs.frozen
class Document:
    """The whole report in one language."""

    lang: str
    direction: Direction
    title: str
    running_title: str
    metadata: Metadata
    sections: tuple[Section, ...]

    def walk(self) -> Iterator[Block]:
        """Every block, in reading order."""
        for section in self.sections:
            yield section
            yield from section.walk()

    def texts(self) -> Iterator[Words]:
        """Every run of text the document shows, in reading order."""
        for block in self.walk():
            yield from words_of(block)


def words_of(block: Block) -> Iterator[Words]:
    """The runs of text a block shows itself (not those of nested sections)."""
    if isinstance(block, Image):
        yield block.alt
    elif isinstance(block, Contents):
        yield block.title
        for entry in block.entries:
            yield entry.words
    elif isinstance(block, Heading | Quote | Link | Status):
        yield block.words
        if isinstance(block, Quote) and block.citation is not None:
            yield block.citation
    elif isinstance(block, Paragraph):
        yield from block.runs
    elif isinstance(block, Items):
        yield block.title
        yield from block.items
    elif isinstance(block, Table):
        if block.caption is not None:
            yield block.caption
        yield from block.header
        for row in block.rows:
            yield from row
    elif isinstance(block, RateBox):
        yield Words(block.shown)
        yield from block.caption.runs
    elif isinstance(block, Bars):
        for bar in block.bars:
            yield bar.label
            yield Words(bar.shown)
    elif isinstance(block, Breakdown):
        for segment in block.segments:
            yield segment.label
