"""Text to glyphs: each character's face, shaping by HarfBuzz, and the glyphs of a line in
the order they stand on the page.

A line is cut into segments, each a word or a space in one face and one direction; each
distinct segment is shaped once and its PDF text (glyph codes and position adjustments)
made once, then reused wherever it appears. A line's width is the sum of its segments'
advances, so what is measured to break lines is exactly what is drawn. Arabic joining never
crosses a space, so shaping word by word loses nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import uharfbuzz as hb  # type: ignore[import-untyped]

from .bidi import classes, levels, visual_order
from .fonts import FALLBACKS

if TYPE_CHECKING:
    from fpdf.fonts import TTFFont

SPACES = frozenset(" \t\u00a0")


@attrs.frozen
class Run:
    """Text set in one font family (its preferred face: other faces set what it lacks)."""

    text: str
    family: str


#: A word: the runs of text between two spaces (usually one).
Word = tuple[Run, ...]


class Face:
    """One font file as fpdf2 embeds it and as HarfBuzz shapes it."""

    def __init__(self, font: TTFFont) -> None:
        self.font = font
        self.index = font.i
        self.hb = hb.Font(hb.Face(hb.Blob.from_file_path(str(font.ttffile))))
        self.upem = float(self.hb.face.upem)
        self.covers = frozenset(font.cmap)
        self._codes: dict[tuple[int, tuple[int, ...]], int] = {}
        self._widths: dict[int, int] = {}

    def code(self, glyph: int, text: tuple[int, ...]) -> int:
        """The glyph's code in the embedded subset (the text it stands for goes into the
        PDF's ToUnicode map, so that the text can be searched and copied)."""
        key = (glyph, text)
        found = self._codes.get(key)
        if found is None:
            font = self.font
            name = font.ttfont.getGlyphName(glyph)
            width = round(font.scale * font.ttfont["hmtx"].metrics[name][0])
            picked = font.subset.pick_glyph(
                font.subset.get_glyph(glyph=glyph, unicode=text, glyph_name=name, glyph_width=width)
            )
            assert picked is not None
            found = self._codes[key] = picked
            self._widths[found] = width
        return found

    def width_of(self, code: int) -> int:
        """The width the PDF gives a code, in thousandths of an em."""
        return self._widths[code]


@attrs.frozen
class Segment:
    """A shaped piece of a line: its face, its advance in ems and its PDF text, a list of
    strings (glyph codes and adjustments inside a TJ array) and text rises in ems."""

    face: Face
    advance: float
    pieces: tuple[str | float, ...]

    def tj(self, size: float) -> str:
        """The segment inside an open TJ array, for a font of `size` points."""
        if len(self.pieces) == 1 and isinstance(self.pieces[0], str):
            return self.pieces[0]
        out = []
        for piece in self.pieces:
            if isinstance(piece, str):
                out.append(piece)
            else:
                out.append(f"] TJ {piece * size:.2f} Ts [")
        return "".join(out)


@attrs.frozen
class Shaped:
    """A word shaped alone: its segments in logical order, its advance in ems, and the
    level all its characters stand at (None when they stand at several, or when the line
    around it may change that)."""

    segments: tuple[Segment, ...]
    advance: float
    level: int | None


class Shaper:
    """Faces for the families, regular and bold, and the caches of shaped text."""

    def __init__(self, faces: dict[tuple[str, bool], Face]) -> None:
        self.faces = faces
        self._face_of: dict[tuple[str, str, bool], tuple[Face, bool]] = {}
        self._segments: dict[tuple[int, bool, str], Segment] = {}
        self._words: dict[tuple[Word, bool, bool], Shaped] = {}
        self._spaces: dict[tuple[str, bool, bool], Segment] = {}

    # -- faces -----------------------------------------------------------------------

    def face_of(self, char: str, family: str, bold: bool) -> tuple[Face, bool]:
        """The face that sets `char` in `family`, and whether the character rather goes
        with the one before it (a combining mark, a joiner)."""
        key = (char, family, bold)
        found = self._face_of.get(key)
        if found is None:
            point = ord(char)
            attached = unicodedata.category(char) in ("Mn", "Me", "Cf")
            face = self.faces[family, bold]
            if point not in face.covers:
                for other in FALLBACKS[family]:
                    if point in self.faces[other, bold].covers:
                        face = self.faces[other, bold]
                        break
            found = self._face_of[key] = (face, attached)
        return found

    # -- segments ----------------------------------------------------------------------

    def segments(self, words: Sequence[Word], bold: bool, rtl: bool) -> list[Segment]:
        """The segments of the line `words` (joined by spaces), left to right on the page.

        When each word stands at one level, the line is put together from its words as
        they were shaped to be measured; else its characters' levels are found anew."""
        shaped = [self.word(word, bold, rtl) for word in words]
        if any(word.level is None for word in shaped):
            return self._segments_of_line(words, bold, rtl)
        items: list[tuple[Segment, int]] = []
        before = 0
        for n, word in enumerate(shaped):
            assert word.level is not None
            if n:
                level = min(before, word.level)  # a space between two runs takes the lower
                items.append((self.space(words[n - 1][-1].family, bold, level % 2 == 1), level))
            items += [(segment, word.level) for segment in word.segments]
            before = word.level
        found = [level for _, level in items]
        if all(level == found[0] for level in found):
            return [segment for segment, _ in (items[::-1] if found and found[0] % 2 else items)]
        return [items[i][0] for i in visual_order(found)]

    def _segments_of_line(self, words: Sequence[Word], bold: bool, rtl: bool) -> list[Segment]:
        text, faces = self._characters(words, bold)
        cut = list(self._cut(text, faces, levels(text, rtl)))
        order = visual_order([level for _, _, level in cut])
        return [self.segment(cut[i][1], cut[i][2] % 2 == 1, cut[i][0]) for i in order]

    def word(self, word: Word, bold: bool, rtl: bool) -> Shaped:
        """A word shaped alone, in a line of the direction `rtl`."""
        key = (word, bold, rtl)
        found = self._words.get(key)
        if found is None:
            text, faces = self._characters((word,), bold)
            kinds = classes(text)
            found_levels = levels(text, rtl)
            cut = list(self._cut(text, faces, found_levels))
            segments = tuple(
                self.segment(face, level % 2 == 1, piece) for piece, face, level in cut
            )
            level: int | None = None
            if not rtl and "R" not in kinds:
                level = 0
            elif rtl and "R" in kinds and not any(k in kinds for k in "LNP"):
                level = 1
            elif rtl and "L" in kinds and all(found == 2 for found in found_levels):
                # A word of letters; a number alone is left to the line: the space beside
                # it counts as right to left (UAX #9, N1), not at the number's level.
                level = 2
            advance = sum(segment.advance for segment in segments)
            found = self._words[key] = Shaped(segments, advance, level)
        return found

    def width(self, word: Word, bold: bool, rtl: bool) -> float:
        """A word's advance in ems."""
        return self.word(word, bold, rtl).advance

    def space(self, family: str, bold: bool, rtl: bool) -> Segment:
        """The space after a word in `family`."""
        key = (family, bold, rtl)
        found = self._spaces.get(key)
        if found is None:
            found = self._spaces[key] = self.segment(self.face_of(" ", family, bold)[0], rtl, " ")
        return found

    def _characters(self, words: Sequence[Word], bold: bool) -> tuple[str, list[Face]]:
        """The line's text and each character's face; a space between words is set in the
        family of the word before it."""
        chars: list[str] = []
        faces: list[Face] = []
        previous: Face | None = None
        face_of = self.face_of
        for n, word in enumerate(words):
            if n:
                chars.append(" ")
                faces.append(face_of(" ", words[n - 1][-1].family, bold)[0])
            for run in word:
                for char in run.text:
                    face, attached = face_of(char, run.family, bold)
                    if attached and previous is not None:
                        face = previous
                    chars.append(char)
                    faces.append(face)
                    previous = face
        return "".join(chars), faces

    @staticmethod
    def _cut(text: str, faces: list[Face], found: list[int]) -> Iterator[tuple[str, Face, int]]:
        """Pieces of one face and level, each space apart."""
        start = 0
        for i in range(1, len(text) + 1):
            if (
                i == len(text)
                or faces[i] is not faces[start]
                or found[i] != found[start]
                or (text[i] in SPACES) != (text[i - 1] in SPACES)
            ):
                yield text[start:i], faces[start], found[start]
                start = i

    def segment(self, face: Face, rtl: bool, text: str) -> Segment:
        key = (face.index, rtl, text)
        found = self._segments.get(key)
        if found is None:
            found = self._segments[key] = _shape(face, rtl, text)
        return found


def _shape(face: Face, rtl: bool, text: str) -> Segment:
    """Shape `text` in `face` and write its glyphs as PDF text."""
    buffer = hb.Buffer()
    buffer.cluster_level = 0  # a mark in its letter's cluster
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.flags = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES
    hb.shape(face.hb, buffer, {})
    infos: list[Any] = buffer.glyph_infos
    positions: list[Any] = buffer.glyph_positions
    glyphs = [info.codepoint for info in infos]
    clusters = [info.cluster for info in infos]
    moves = [(p.x_advance, p.x_offset, p.y_offset) for p in positions]
    texts = _cluster_texts(text, glyphs, clusters, [dy for _, _, dy in moves], rtl)
    per_unit = 1000.0 / face.upem
    pieces: list[str | float] = []
    chunk: list[str] = []
    at = 0.0  # where the PDF's pen stands, in thousandths of an em
    pen = 0.0  # where HarfBuzz puts it
    rise = 0.0
    advance = 0
    missing = face.font.missing_glyphs
    for glyph, (x_advance, x_offset, y_offset), stands_for in zip(
        glyphs, moves, texts, strict=True
    ):
        if glyph == 0:  # no face has it: say so, as fpdf2 does, and skip it
            missing.extend(p for p in stands_for if p not in missing)
            continue
        code = face.code(glyph, stands_for)
        move = round(at - pen - x_offset * per_unit)
        if move:
            chunk.append(str(move))
            at -= move
        lift = y_offset / face.upem
        if lift != rise:
            pieces.append("".join(chunk))
            pieces.append(lift)
            chunk = []
            rise = lift
        chunk.append(f"<{code:04X}>")
        at += face.width_of(code)
        pen += x_advance * per_unit
        advance += x_advance
    move = round(at - pen)
    if move:
        chunk.append(str(move))
    pieces.append("".join(chunk))
    if rise:
        pieces.append(0.0)
        pieces.append("")
    return Segment(face, advance / face.upem, tuple(pieces))


def _cluster_texts(
    text: str, glyphs: list[int], clusters: list[int], lifts: list[int], rtl: bool
) -> list[tuple[int, ...]]:
    """What each glyph stands for: the characters of its cluster for one glyph of the
    cluster, nothing for the others. The glyph that carries them is one on the baseline
    (a letter rather than the mark above it), so that text extraction finds the marks in
    their words; right to left, they are given in the order they stand on the page, as
    extractors read glyphs (reversing a right-to-left word character by character)."""
    starts = sorted(set(clusters))
    spans: dict[int, tuple[int, ...]] = {}
    for n, start in enumerate(starts):
        begin = start if n else 0  # characters before the first cluster belong to it
        end = starts[n + 1] if n + 1 < len(starts) else len(text)
        chars = tuple(map(ord, text[begin:end]))
        spans[start] = chars[::-1] if rtl else chars
    carrier: dict[int, int] = {}
    for i, (glyph, cluster) in enumerate(zip(glyphs, clusters, strict=True)):
        if glyph:
            found = carrier.get(cluster)
            if found is None or (lifts[found] and not lifts[i]):
                carrier[cluster] = i
    return [spans[c] if carrier.get(c) == i else () for i, c in enumerate(clusters)]
