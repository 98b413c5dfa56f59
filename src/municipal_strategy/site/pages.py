"""A commune's pages in one language, from the report's `Document` of its last evaluated
year: the commune's page (its rate, the rate per axis, the trend across the years, the
report's downloads, its axes and actions, the report's introduction, method and
conclusion), a page per axis (its actions and their statuses) and a page per action (all
the report says of it).

Every figure and text is the document's, the summary's or the history's; nothing is
computed here but where it goes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from html import escape

import attrs

from ..build import build_document
from ..document import Section, Words
from ..history_report import history_dict
from ..render.html import inline
from ..report import Report
from .blocks import Blocks, badge
from .charts import Point, trend
from .commune import Commune
from .frame import Crumb, Frame
from .labels import site_label
from .layout import Layout, href, translated
from .outline import ActionEntry, Outline

#: The top sections of the report the commune's page shows after its own parts, in order.
LATER_PARTS = ("introduction", "previous", "method", "conclusion", "signoff")


@attrs.frozen
class Download:
    """A file of the report beside the commune's page: its site path, format and size."""

    path: str
    format: str
    media_type: str
    size: int


@attrs.frozen
class Around:
    """What a commune's pages show of the site around them: the site's name in the
    banner, the page it links to, and the network's index (None for a one-commune site)."""

    site_name: Words
    home: str
    index: Crumb | None


class CommunePages:
    """The pages of one commune in one language."""

    def __init__(
        self,
        commune: Commune,
        lang: str,
        layout: Layout,
        around: Around,
        downloads: Sequence[Download] = (),
    ) -> None:
        result = commune.latest
        assert result is not None, "a commune without an evaluation has no pages"
        self.commune, self.lang, self.layout = commune, lang, layout
        self.around, self.downloads = around, downloads
        self.doc = build_document(result, lang)
        self.outline = Outline.of(self.doc)
        self.report = Report.of(result, lang)
        self.context = (self.doc.lang, self.doc.direction)
        self.name = self.outline.name

    # -- paths ---------------------------------------------------------------------------

    @property
    def home_path(self) -> str:
        return self.layout.commune(self.lang, self.commune.slug)

    def axis_path(self, axis: Section) -> str:
        name = self.commune.axis_names[axis.id]
        return self.layout.axis(self.lang, self.commune.slug, name)

    def action_path(self, action: Section) -> str:
        name = self.commune.action_names[action.id]
        return self.layout.action(self.lang, self.commune.slug, name)

    # -- the pages -----------------------------------------------------------------------

    def pages(self) -> Iterator[tuple[str, bytes]]:
        """Every page: the commune's, then each axis's, then each action's."""
        yield self.commune_page()
        for axis in self.outline.axes:
            yield self.axis_page(axis)
        for index in range(len(self.outline.actions)):
            yield self.action_page(index)

    def frame(self, path: str, title: str, crumbs: Sequence[Crumb]) -> Frame:
        footer = (
            f"<p>{escape(self.doc.running_title)}</p>\n"
            f"<p>{escape(self.report.label('generated'))}</p>\n"
        )
        return Frame(
            path=path,
            lang=self.lang,
            title=title,
            site_name=self.around.site_name,
            home=self.around.home,
            translations=[(lang, translated(path, lang)) for lang in self.commune.langs],
            crumbs=crumbs,
            footer=footer,
        )

    def crumbs(self, *more: Crumb) -> list[Crumb]:
        """The breadcrumb: the network's index, the commune, then `more`."""
        first = [self.around.index] if self.around.index is not None else []
        here = Crumb(self.name, self.home_path if more else None)
        if not first and not more:
            return []
        return [*first, here, *more]

    def commune_page(self) -> tuple[str, bytes]:
        path, parts = self.home_path, self.outline.parts
        blocks = Blocks(self.doc)
        if "cover" in parts:
            blocks.section(parts["cover"], self.context)
        blocks.bar_links = [href(path, self.axis_path(axis)) for axis in self.outline.axes]
        if "summary" in parts:
            blocks.section(parts["summary"], self.context)
        blocks.bar_links = ()
        main = [blocks.take(), self.trend(), self.download_list(path), self.axes_list(path)]
        for kind in LATER_PARTS:
            if kind in parts:
                blocks.section(parts[kind], self.context)
        main.append(blocks.take())
        frame = self.frame(path, self.doc.running_title, self.crumbs())
        return path, frame.render("".join(main))

    def axis_page(self, axis: Section) -> tuple[str, bytes]:
        path = self.axis_path(axis)
        assert axis.heading is not None
        words = axis.heading.words
        blocks = Blocks(self.doc, shift=-axis.heading.level)
        main = f"<h1>{inline(words, self.context)}</h1>\n" + self.node(axis, blocks, path)
        title = f"{words.text} — {self.name.text}"
        frame = self.frame(path, title, self.crumbs(Crumb(words, None)))
        return path, frame.render(main)

    def action_page(self, index: int) -> tuple[str, bytes]:
        entry = self.outline.actions[index]
        path = self.action_path(entry.section)
        assert entry.section.heading is not None and entry.axis.heading is not None
        words = entry.section.heading.words
        blocks = Blocks(self.doc, shift=-entry.section.heading.level)
        for block in entry.section.blocks:
            blocks.block(block, self.context, words.text)
        main = f"<h1>{inline(words, self.context)}</h1>\n{blocks.take()}{self.pager(index)}"
        title = f"{words.text} — {self.name.text}"
        axis = Crumb(entry.axis.heading.words, self.axis_path(entry.axis))
        frame = self.frame(path, title, self.crumbs(axis, Crumb(words, None)))
        return path, frame.render(main)

    # -- parts of pages ------------------------------------------------------------------

    def node(self, section: Section, blocks: Blocks, page: str) -> str:
        """An axis's or group's blocks, each run of actions as a list of links to their
        pages with their statuses, each group in a section of its own."""
        html: list[str] = []
        actions: list[str] = []

        def flush() -> None:
            if actions:
                html.append('<ul class="actions">\n' + "".join(actions) + "</ul>\n")
                actions.clear()

        for block in section.blocks:
            if isinstance(block, Section) and block.kind == "action":
                actions.append(self.action_item(ActionEntry(block, section), page))
                continue
            flush()
            if isinstance(block, Section):
                html.append('<section class="group">\n')
                if block.heading is not None:
                    blocks.heading(block.heading, self.context)
                html += [blocks.take(), self.node(block, blocks, page), "</section>\n"]
            else:
                blocks.block(block, self.context, "")
                html.append(blocks.take())
        flush()
        return "".join(html)

    def action_item(self, entry: ActionEntry, page: str) -> str:
        heading = entry.section.heading
        words = heading.words if heading is not None else Words(entry.section.id)
        status = entry.status
        shown = badge(status, self.context) if status is not None else ""
        target = href(page, self.action_path(entry.section))
        return f'<li><a href="{escape(target)}">{inline(words, self.context)}</a>{shown}</li>\n'

    def trend(self) -> str:
        """The rate of each evaluated year: columns, and the figures in a table."""
        report, lang = self.report, self.lang
        years = history_dict(self.commune.history, lang)["years"]
        points = [
            Point(
                str(y["year"]), y["implementation_rate"], report.percent(y["implementation_rate"])
            )
            for y in years
        ]
        grid = [(share, report.percent(share)) for share in (0.0, 0.5, 1.0)]
        headers = [
            site_label("year", lang),
            report.label("rate"),
            report.label("counted"),
            site_label("assessed", lang),
        ]
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
        rows = []
        for y, point in zip(years, points, strict=True):
            cells = [point.shown, report.number(y["counted_actions"])]
            cells.append(report.number(y["assessed_actions"]))
            tds = "".join(
                f'<td class="num" data-label="{escape(h)}">{inline(Words(c), self.context)}</td>'
                for h, c in zip(headers[1:], cells, strict=True)
            )
            rows.append(f'<tr><th scope="row">{escape(point.year)}</th>{tds}</tr>\n')
        title = site_label("trend", lang)
        return (
            f'<section class="trend" aria-labelledby="trend-title">\n'
            f'<h2 id="trend-title">{escape(title)}</h2>\n'
            f'<figure class="trend">{trend(points, grid, self.doc.direction == "rtl")}</figure>\n'
            f'<table class="data" aria-labelledby="trend-title">\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</section>\n"
        )

    def download_list(self, page: str) -> str:
        if not self.downloads:
            return ""
        report, lang = self.report, self.lang
        result = self.commune.latest
        assert result is not None
        names = {
            "pdf": site_label("download_pdf", lang, year=result.year),
            "csv": report.label("matrix"),
            "json": site_label("download_json", lang),
        }
        items = []
        for download in self.downloads:
            kilobytes = report.number(max(1, round(download.size / 1024)))
            size = site_label("kilobytes", lang, n=kilobytes)
            what = f"({download.format.upper()}{report.label('comma')}{size})"
            items.append(
                f'<li><a class="download" href="{escape(href(page, download.path))}" '
                f'type="{escape(download.media_type)}" hreflang="{escape(lang)}">'
                f"{escape(names.get(download.format, download.format))}</a> "
                f'<span class="size">{escape(what)}</span></li>\n'
            )
        title = escape(site_label("downloads", lang))
        return (
            f'<section class="downloads" aria-labelledby="downloads-title">\n'
            f'<h2 id="downloads-title">{title}</h2>\n'
            f'<ul class="downloads">\n{"".join(items)}</ul>\n</section>\n'
        )

    def axes_list(self, page: str) -> str:
        """Every axis, linked to its page, with its actions and their statuses."""
        by_axis: dict[str, list[str]] = {}
        for entry in self.outline.actions:
            by_axis.setdefault(entry.axis.id, []).append(self.action_item(entry, page))
        html = [
            '<section class="axes" aria-labelledby="axes-title">\n'
            f'<h2 id="axes-title">{escape(site_label("axes_actions", self.lang))}</h2>\n'
        ]
        for axis in self.outline.axes:
            words = axis.heading.words if axis.heading is not None else Words(axis.id)
            target = escape(href(page, self.axis_path(axis)))
            html.append(f'<h3><a href="{target}">{inline(words, self.context)}</a></h3>\n')
            items = by_axis.get(axis.id, [])
            if items:
                html.append('<ul class="actions">\n' + "".join(items) + "</ul>\n")
        html.append("</section>\n")
        return "".join(html)

    def pager(self, index: int) -> str:
        """Links to the actions before and after, in the report's order."""
        actions, page = self.outline.actions, self.action_path(self.outline.actions[index].section)
        items = []
        for key, other, kind in (
            ("previous_action", index - 1, "previous"),
            ("next_action", index + 1, "next"),
        ):
            if not 0 <= other < len(actions):
                continue
            section = actions[other].section
            words = section.heading.words if section.heading is not None else Words(section.id)
            target = escape(href(page, self.action_path(section)))
            label = escape(site_label(key, self.lang))
            items.append(
                f'<li class="{kind}"><a href="{target}" rel="{"prev" if kind == "previous" else "next"}">'
                f"{label}{escape(self.report.colon)}{inline(words, self.context)}</a></li>"
            )
        if not items:
            return ""
        label = escape(site_label("pager", self.lang))
        return f'<nav class="pager" aria-label="{label}">\n<ul>{"".join(items)}</ul>\n</nav>\n'
