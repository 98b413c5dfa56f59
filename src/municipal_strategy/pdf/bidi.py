"""The visual order of a line: which characters read right to left, and in what order the
runs of a line stand on the page.

Inside right-to-left text, a left-to-right run (Latin words, numbers, URLs, dates, ranges
such as 2021–2027 and percentages) keeps its own order whole, punctuation and spaces
between its words included: 2021–2027 must not become 2027–2021, as the Unicode algorithm
alone would make it. Inside left-to-right text, a right-to-left span runs from its first
Arabic or Hebrew letter to its last letter or number before the next left-to-right letter,
and is laid out as a right-to-left line itself. Levels follow the Unicode algorithm's: 0
left to right, 1 right to left, 2 left to right inside right to left.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

#: Punctuation that stays inside a left-to-right run when it stands between its letters.
INNER = frozenset(" \u00a0.,:;/%@#&+'’_()[]-–—")

#: A left-to-right run inside right-to-left text, over the characters' classes (below).
_LTR_RUN = re.compile(r"[LN](?:[LNI]*[LNP])?")
#: A right-to-left span inside left-to-right text.
_RTL_SPAN = re.compile(r"R(?:[^L]*[RN])?")

#: Closing brackets that pair up with an opening one inside a left-to-right run.
CLOSING = {")": "(", "]": "["}

_CLASSES: dict[str, str] = {}


def _class(char: str) -> str:
    """L: left-to-right letter; R: right-to-left letter; N: number; P: '%'; I: other
    punctuation that may stand inside a left-to-right run; O: anything else."""
    found = _CLASSES.get(char)
    if found is None:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            found = "L"
        elif kind in ("R", "AL"):
            found = "R"
        elif kind in ("EN", "AN"):
            found = "N"
        elif char == "%":
            found = "P"
        elif char in INNER:
            found = "I"
        else:
            found = "O"
        _CLASSES[char] = found
    return found


def classes(text: str) -> str:
    """One class letter per character of `text`."""
    return "".join([_CLASSES.get(char) or _class(char) for char in text])


def levels(text: str, rtl: bool) -> list[int]:
    """The embedding level of each character of `text` in a line whose base direction is
    right to left when `rtl`."""
    kinds = classes(text)
    if rtl:
        return _rtl_levels(text, kinds)
    found = [0] * len(text)
    if "R" not in kinds:
        return found
    for span in _RTL_SPAN.finditer(kinds):
        start, end = span.span()
        found[start:end] = _rtl_levels(text[start:end], span[0])
    return found


def _rtl_levels(text: str, kinds: str) -> list[int]:
    found = [1] * len(kinds)
    if "L" not in kinds and "N" not in kinds:
        return found
    for run in _LTR_RUN.finditer(kinds):
        start, end = run.span()
        end = _close_brackets(text, start, end)
        found[start:end] = [2] * (end - start)
    return found


def _close_brackets(text: str, start: int, end: int) -> int:
    """The end of a left-to-right run that opens a bracket it does not close, taking in
    the closing brackets that follow it: "Commune (fictive)" keeps its parenthesis, as
    the Unicode algorithm's bracket pairs do."""
    while end < len(text) and text[end] in CLOSING:
        opening = CLOSING[text[end]]
        if text.count(opening, start, end) <= text.count(text[end], start, end):
            break
        end += 1
    return end


def visual_order(levels: Sequence[int]) -> list[int]:
    """The indices of the items of a line (each at its level), left to right on the page:
    every maximal sequence at level k or above is reversed, from the highest level down to
    1 (the Unicode algorithm's rule L2)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min((level for level in levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order
