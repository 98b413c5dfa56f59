"""The parts of a report's `Document` that the site spreads over its pages: the top
sections by kind, the axes, and every action in reading order with its axis."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from ..document import Document, Paragraph, Section, Status, Words


@attrs.frozen
class ActionEntry:
    """An action's section, and the axis it is under (with the groups between)."""

    section: Section
    axis: Section

    @property
    def status(self) -> Status | None:
        return next((b for b in self.section.blocks if isinstance(b, Status)), None)


@attrs.frozen
class Outline:
    document: Document
    #: The top sections other than the axes, by kind (cover, summary, method…).
    parts: Mapping[str, Section]
    axes: tuple[Section, ...]
    actions: tuple[ActionEntry, ...]

    @classmethod
    def of(cls, document: Document) -> Outline:
        parts: dict[str, Section] = {s.kind: s for s in document.sections if s.kind != "axis"}
        axes = tuple(s for s in document.sections if s.kind == "axis")
        actions = tuple(ActionEntry(a, axis) for axis in axes for a in _actions(axis))
        return cls(document, parts, axes, actions)

    @property
    def name(self) -> Words:
        """The commune's name, as the cover shows it."""
        cover = self.parts.get("cover")
        for block in cover.blocks if cover is not None else ():
            if isinstance(block, Paragraph) and block.role == "display":
                return Words(block.text, block.lang)
        return Words(self.document.metadata.author, self.document.lang)


def _actions(section: Section) -> Iterator[Section]:
    """The action sections below `section`, in reading order."""
    for block in section.blocks:
        if isinstance(block, Section):
            if block.kind == "action":
                yield block
            else:
                yield from _actions(block)
