"""The frame of every page: the head (no fetch allowed), a skip link, the banner with the
site's name and the language switcher, the breadcrumb, the main content and the footer."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import attrs

from ..document import RTL_LANGUAGES, Direction, Words
from ..render.html import Context, inline
from .labels import LANGUAGE_NAMES, site_label
from .layout import href
from .style import PAGE_STYLE

#: Nothing is fetched: no script, font, style sheet or image from anywhere (pictures are in
#: the page as data: addresses); following a link is the reader's choice, not a fetch.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)


def direction(lang: str) -> Direction:
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


@attrs.frozen
class Crumb:
    """A step of the breadcrumb: its words and the page it links to (None: this page)."""

    words: Words
    path: str | None


@attrs.frozen
class Frame:
    """What surrounds a page's content: where the page is, in which language, its
    translations (language → path) and its breadcrumb."""

    path: str
    lang: str
    title: str
    site_name: Words
    home: str
    translations: Sequence[tuple[str, str]]
    crumbs: Sequence[Crumb] = ()
    footer: str = ""
    #: Whether the page has the banner (the site's name, the language switcher).
    banner: bool = True

    @property
    def context(self) -> Context:
        return (self.lang, direction(self.lang))

    def link(self, target: str) -> str:
        """The escaped relative link from this page to `target`."""
        return escape(href(self.path, target))

    def render(self, main: str) -> bytes:
        lang, context = self.lang, self.context
        parts = [
            "<!DOCTYPE html>\n",
            f'<html lang="{escape(lang)}" dir="{context[1]}">\n<head>\n',
            '<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
            '<meta http-equiv="x-dns-prefetch-control" content="off">\n',
            '<meta name="referrer" content="no-referrer">\n',
            '<meta name="generator" content="municipal-strategy">\n',
            f"<title>{escape(self.title)}</title>\n",
            f"<style>{PAGE_STYLE}</style>\n",
            "</head>\n<body>\n",
            self.header(),
            self.breadcrumb(),
            f'<main id="main" tabindex="-1">\n<div class="page">\n{main}</div>\n</main>\n',
        ]
        if self.footer:
            parts.append(f'<footer class="site">\n<div>\n{self.footer}</div>\n</footer>\n')
        parts.append("</body>\n</html>\n")
        return "".join(parts).encode("utf-8")

    def header(self) -> str:
        """The skip link and the banner."""
        if not self.banner:
            return ""
        skip = escape(site_label("skip", self.lang))
        home = inline(self.site_name, self.context)
        return (
            f'<a class="skip" href="#main">{skip}</a>\n<header class="site">\n<div>\n'
            f'<p><a href="{self.link(self.home)}">{home}</a></p>\n{self.switcher()}'
            "</div>\n</header>\n"
        )

    def switcher(self) -> str:
        """The page in each of its languages: links to the others, this one marked."""
        if len(self.translations) < 2:
            return ""
        label = escape(site_label("languages", self.lang))
        items = []
        for lang, path in self.translations:
            name = escape(LANGUAGE_NAMES.get(lang, lang))
            marked = f'lang="{escape(lang)}" dir="{direction(lang)}"'
            if lang == self.lang:
                items.append(f'<li aria-current="true"><span {marked}>{name}</span></li>')
            else:
                items.append(
                    f'<li><a href="{self.link(path)}" hreflang="{escape(lang)}" {marked}>'
                    f"{name}</a></li>"
                )
        return f'<nav class="langs" aria-label="{label}">\n<ul>{"".join(items)}</ul>\n</nav>\n'

    def breadcrumb(self) -> str:
        if not self.crumbs:
            return ""
        label = escape(site_label("breadcrumb", self.lang))
        items = []
        for crumb in self.crumbs:
            words = inline(crumb.words, self.context)
            if crumb.path is None:
                items.append(f'<li aria-current="page">{words}</li>')
            else:
                items.append(f'<li><a href="{self.link(crumb.path)}">{words}</a></li>')
        return (
            f'<nav class="crumbs" aria-label="{label}">\n<ol>\n'
            + "\n".join(items)
            + "\n</ol>\n</nav>\n"
        )
