"""The document's blocks as HTML, laid out by the HTML report's renderer
(`municipal_strategy.render.html`) with three differences a site needs: headings moved up
or down so that each page's outline starts at its own h1, only http(s) addresses made
links (a mailto: or any other address stays text), and the bars of the axes' rates linking
to the axes' pages."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import attrs

from ..document import Bars, Document, Heading, Status, Words
from ..render.html import (
    Context,
    _Page,
    colour,
    ink_on,
    inline,
    safe_url,
)


def web_url(url: str | None) -> str | None:
    """The address if it is an http or https one that may be a link, else None."""
    found = safe_url(url)
    if found is not None and found.lower().startswith(("http://", "https://")):
        return found
    return None


def badge(status: Status, parent: Context) -> str:
    """A status as a badge in its colour, its text dark or white as reads better."""
    background = colour(status.colour)
    style = (
        f' style="background-color:{background};color:{ink_on(background)}"'
        if background is not None
        else ""
    )
    return f'<span class="badge"{style}>{inline(status.words, parent)}</span>'


class Blocks(_Page):
    """Renders blocks of `document` into `out`; a heading of level n becomes h(n+1+shift)."""

    def __init__(self, document: Document, shift: int = 0) -> None:
        super().__init__(document)
        self.shift = shift
        #: Where each bar of a `Bars` block links to (the axes' pages), in order.
        self.bar_links: Sequence[str] = ()

    def take(self) -> str:
        """What was rendered since the last call."""
        html = "".join(self.out)
        self.out.clear()
        return html

    def heading(self, heading: Heading, parent: Context) -> None:
        super().heading(attrs.evolve(heading, level=heading.level + self.shift), parent)

    def linkable(self, url: str | None) -> str | None:
        return web_url(url)

    def bars(self, bars: Bars, parent: Context) -> None:
        if len(self.bar_links) != len(bars.bars):
            super().bars(bars, parent)
            return
        out = self.out
        out.append(f'<figure class="bars" aria-label="{escape(bars.description.text)}">\n')
        for bar, target in zip(bars.bars, self.bar_links, strict=True):
            out.append(
                f'<div class="bar"><a class="label" href="{escape(target)}">'
                f"{inline(bar.label, parent)}</a>{self.meter(bar.value, parent)}"
                f'<span class="value">{inline(Words(bar.shown), parent)}</span></div>\n'
            )
        out.append("</figure>\n")
