"""Lines of text: words measured once, lines broken from their widths, and each line drawn
as one PDF text object that sets its own font, so nothing it shows depends on what was
drawn before it on the page."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from ..document import Words
from .shaping import Run, Shaper, Word

if TYPE_CHECKING:
    from .page import ReportPDF

PT = 25.4 / 72  # millimetres per point
_BREAK = re.compile("[ \t]+")  # never at a no-break space


@attrs.frozen
class Style:
    """Size, weight and colour of a piece of text, and its line height."""

    size: float = 10.0
    bold: bool = False
    colour: tuple[int, int, int] = (31, 41, 51)
    leading: float = 1.45

    @property
    def line_height(self) -> float:
        return self.size * self.leading * PT


#: A line: its words, in logical order.
Line = tuple[Word, ...]


@attrs.frozen
class Text:
    """A paragraph to set: its words (None where a line must break) and its direction."""

    words: tuple[Word | None, ...]
    rtl: bool

    @classmethod
    def of(cls, runs: Iterable[Words], rtl: bool | None = None) -> Text:
        """The text of `runs`, right to left if `rtl` (by default: as the first run reads)."""
        parts = [run for run in runs if run.text]
        if rtl is None:
            rtl = bool(parts) and parts[0].direction == "rtl"
        return cls(tuple(split(Run(run.text, family(run)) for run in parts)), rtl)

    @property
    def plain(self) -> str:
        return " ".join("".join(run.text for run in word) for word in self.words if word)


def family(words: Words) -> str:
    """The family that sets `words`: Tifinagh for Amazigh, Arabic for a right-to-left
    language or text, else Latin (each face sets what the others lack)."""
    if words.lang == "zgh":
        return "tifinagh"
    return "arabic" if words.direction == "rtl" else "latin"


def split(runs: Iterable[Run]) -> list[Word | None]:
    """The words of `runs`, a word running over two runs where no space parts them; None
    for each line break."""
    found: list[Word | None] = []
    current: list[Run] = []
    for run in runs:
        for n, line in enumerate(run.text.replace("\r", "").split("\n")):
            if n:
                if current:
                    found.append(tuple(current))
                    current = []
                found.append(None)
            pieces = _BREAK.split(line)
            for i, piece in enumerate(pieces):
                if i and current:  # a space came before this piece
                    found.append(tuple(current))
                    current = []
                if piece:
                    current.append(Run(piece, run.family))
    if current:
        found.append(tuple(current))
    return found


class Typesetter:
    """Measures, breaks and draws lines on a `ReportPDF`."""

    def __init__(self, pdf: ReportPDF, shaper: Shaper) -> None:
        self.pdf = pdf
        self.shaper = shaper
        self._colours: dict[tuple[int, int, int], str] = {}

    def width(self, word: Word, style: Style, rtl: bool) -> float:
        """A word's width in millimetres."""
        return self.shaper.width(word, style.bold, rtl) * style.size * PT

    def space(self, word: Word, style: Style) -> float:
        """The width of the space after `word`."""
        return self.shaper.space(word[-1].family, style.bold, False).advance * style.size * PT

    def wrap(self, text: Text, style: Style, width: float) -> list[Line]:
        """Break `text` into lines no wider than `width` (a longer word is cut)."""
        lines: list[Line] = []
        line: list[Word] = []
        used = 0.0
        for word in text.words:
            if word is None:
                lines.append(tuple(line))
                line, used = [], 0.0
                continue
            size = self.width(word, style, text.rtl)
            if size > width:
                pieces = self._cut(word, style, text.rtl, width)
                if line:
                    lines.append(tuple(line))
                lines += [(piece,) for piece in pieces[:-1]]
                word = pieces[-1]
                line, used = [], 0.0
                size = self.width(word, style, text.rtl)
            gap = self.space(line[-1], style) if line else 0.0
            if line and used + gap + size > width:
                lines.append(tuple(line))
                line, used = [word], size
            else:
                line.append(word)
                used += gap + size
        if line or not lines:
            lines.append(tuple(line))
        return lines

    def _cut(self, word: Word, style: Style, rtl: bool, width: float) -> list[Word]:
        """A word wider than the line, cut where each piece fits (a long address)."""
        pieces: list[Word] = []
        while word:
            total = sum(len(run.text) for run in word)
            # Search no further than twice what the line holds at the word's opening
            # characters' average width: each piece costs what a line does, and cutting a
            # word of any length stays linear in its length.
            sample = min(total, 64)
            average = self.width(_head(word, sample), style, rtl) / sample
            reach = int(2 * width / average) + 1 if average > 0 else total
            low, high = 1, max(1, min(total, reach))
            while low < high:  # the longest start that fits, one character at least
                middle = (low + high + 1) // 2
                if self.width(_head(word, middle), style, rtl) <= width:
                    low = middle
                else:
                    high = middle - 1
            pieces.append(_head(word, low))
            word = _tail(word, low)
        return pieces

    def line_width(self, line: Line, style: Style, rtl: bool) -> float:
        """What `draw` draws: the line's segments as they are set on the page (a word of
        mixed directions is shaped with its neighbours there, kerning included)."""
        if not line:
            return 0.0
        segments = self.shaper.segments(line, style.bold, rtl)
        return sum(segment.advance for segment in segments) * style.size * PT

    def draw(
        self, line: Line, style: Style, rtl: bool, x: float, top: float, width: float, align: str
    ) -> tuple[float, float]:
        """Draw `line` in the box at (`x`, `top`) `width` wide, aligned L, R or C; the left
        edge and the width of what was drawn."""
        if not line:
            return x, 0.0
        shaper, pdf = self.shaper, self.pdf
        segments = shaper.segments(line, style.bold, rtl)
        size = style.size
        drawn = sum(segment.advance for segment in segments) * size * PT
        left = x + (width - drawn if align == "R" else (width - drawn) / 2 if align == "C" else 0)
        baseline = top + 0.5 * style.line_height + 0.3 * size * PT
        k = pdf.k
        out = [
            f"q BT {self._colour(style.colour)} rg {left * k:.2f} {(pdf.page_height - baseline) * k:.2f} Td"
        ]
        face = None
        for segment in segments:
            if segment.face is not face:
                if face is not None:
                    out.append("] TJ")
                face = segment.face
                out.append(f"/F{face.index} {size:.2f} Tf [")
                pdf.uses_font(face.index)
            out.append(segment.tj(size))
        out.append("] TJ ET Q")
        pdf.out(" ".join(out))
        return left, drawn

    def _colour(self, colour: tuple[int, int, int]) -> str:
        found = self._colours.get(colour)
        if found is None:
            found = self._colours[colour] = " ".join(f"{c / 255:.4g}" for c in colour)
        return found


def _head(word: Word, count: int) -> Word:
    """The first `count` characters of `word`."""
    found: list[Run] = []
    for run in word:
        if count <= 0:
            break
        found.append(Run(run.text[:count], run.family))
        count -= len(run.text)
    return tuple(found)


def _tail(word: Word, count: int) -> Word:
    """`word` without its first `count` characters."""
    found: list[Run] = []
    for run in word:
        if count >= len(run.text):
            count -= len(run.text)
            continue
        found.append(Run(run.text[count:], run.family))
        count = 0
    return tuple(found)
