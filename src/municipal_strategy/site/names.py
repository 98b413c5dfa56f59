"""File names for what a configuration names freely (a folder, an axis's or an action's id):
lower-case ASCII letters, digits, '-' and '_', the same on every file system and host, and
never two alike (a case-insensitive file system would merge 'A1' and 'a1')."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def slug(text: str) -> str:
    """`text` as a file name's stem: accents dropped, lower case, any other character a
    '-' ('' when nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("-", ascii_text.lower()).strip("-_")[:60].strip("-_")


def unique_names(texts: Iterable[str], fallback: str) -> dict[str, str]:
    """Each distinct text's file stem, in order: its slug, else `fallback` and its rank;
    a stem taken already gets '-2', '-3'… (the first comer keeps the plain one)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for rank, text in enumerate(texts, 1):
        if text in names:
            continue
        base = slug(text) or f"{fallback}-{rank}"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        names[text] = name
    return names
