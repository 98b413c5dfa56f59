"""Where each page of the site is, and the relative links between pages.

Every page is in its language's folder, so that a page and its translations differ by that
folder alone::

    index.html                     the language chooser
    LANG/index.html                the network's index, or the one commune's page
    LANG/[SLUG/]index.html         a commune's page (SLUG/ only in a network)
    LANG/[SLUG/]axes/AXIS.html     an axis and its actions
    LANG/[SLUG/]actions/ACTION.html
    LANG/[SLUG/]downloads/SLUG-YEAR-LANG.pdf|.csv|.json

Paths are POSIX paths relative to the site's folder; links are relative to the page that
holds them, so that the site works from file:// and under any folder of any host.
"""

from __future__ import annotations

import posixpath

import attrs

#: The page a browser opens first: the language chooser.
ROOT = "index.html"


@attrs.frozen
class Layout:
    """The paths of one site: a network's (communes in their own folders) or one commune's."""

    network: bool

    def home(self, lang: str) -> str:
        """The index in `lang`: the network's, or the one commune's page."""
        return f"{lang}/index.html"

    def base(self, lang: str, slug: str) -> str:
        """The folder of a commune's pages in `lang`."""
        return f"{lang}/{slug}/" if self.network else f"{lang}/"

    def commune(self, lang: str, slug: str) -> str:
        return self.base(lang, slug) + "index.html"

    def axis(self, lang: str, slug: str, name: str) -> str:
        return self.base(lang, slug) + f"axes/{name}.html"

    def action(self, lang: str, slug: str, name: str) -> str:
        return self.base(lang, slug) + f"actions/{name}.html"

    def download(self, lang: str, slug: str, file: str) -> str:
        return self.base(lang, slug) + f"downloads/{file}"


def href(page: str, target: str) -> str:
    """The relative link from the page at `page` to `target` (both site paths)."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def translated(path: str, lang: str) -> str:
    """The same page in `lang`: `path` in the other language's folder."""
    _, sep, rest = path.partition("/")
    return f"{lang}/{rest}" if sep else path
