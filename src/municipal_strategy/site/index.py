"""The pages above the communes': a network's index in one language (the communes' rates
compared in a table, then listed by region) and the site's first page, which offers its
languages.

A commune's figures are its summary's (`summary_dict`) in the index's language, its rate
written as its report writes it."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import attrs

from ..document import Words
from ..i18n import label
from ..render.html import Context, inline
from ..report import Report
from ..summary import summary_dict
from .charts import meter
from .commune import Commune
from .frame import Frame, direction
from .labels import LANGUAGE_NAMES, site_label
from .layout import ROOT, Layout, href


@attrs.frozen
class Row:
    """A commune in the index: its name, region, page and figures, as shown."""

    name: Words
    region: Words | None
    province: Words | None
    path: str | None
    #: The language of the page linked to (another than the index's when the commune has
    #: no page in it).
    page_lang: str
    year: str
    rate: float | None
    shown: str
    counted: str
    assessed: str
    late: str


def row(commune: Commune, lang: str, layout: Layout) -> Row:
    """What the index in `lang` shows of `commune`: its name as the network gives it, else
    as its configuration does; its last year's figures from its summary."""
    member = commune.member
    region, province = (
        Words(*commune.text(text, lang)) if text is not None else None
        for text in (member.region, member.province)
    )
    page_lang = lang if lang in commune.langs else commune.langs[0]
    result = commune.latest
    name = Words(*commune.text(member.name, lang)) if member.name else None
    if result is None:
        none = site_label("no_evaluation", lang)
        name = name or Words(*commune.name(lang))
        return Row(name, region, province, None, page_lang, "", None, none, "", "", "")
    report = Report.of(result, lang)
    summary = summary_dict(result, lang)
    return Row(
        name=name or Words(summary["commune"], report.text_language(commune.strategy.commune)),
        region=region,
        province=province,
        path=layout.commune(page_lang, commune.slug),
        page_lang=page_lang,
        year=str(summary["year"]),
        rate=summary["implementation_rate"],
        shown=report.percent(summary["implementation_rate"]),
        counted=report.number(summary["counted_actions"]),
        assessed=report.number(summary["assessed_actions"]),
        late=report.number(len(summary["late_actions"])),
    )


def _by_rate(row: Row) -> tuple[bool, float, str]:
    return (row.rate is None, -(row.rate or 0.0), row.name.text)


class IndexPage:
    """The network's index in one language."""

    def __init__(
        self, rows: Sequence[Row], lang: str, layout: Layout, title: Words, langs: Sequence[str]
    ) -> None:
        self.rows, self.lang, self.layout, self.title, self.langs = rows, lang, layout, title, langs
        self.path = layout.home(lang)
        self.context: Context = (lang, direction(lang))

    def render(self) -> tuple[str, bytes]:
        lang = self.lang
        count = site_label("n_communes", lang, n=len(self.rows))
        main = (
            f"<h1>{inline(self.title, self.context)}</h1>\n"
            f'<p class="lead">{escape(count)}</p>\n' + self.comparison() + self.regions()
        )
        frame = Frame(
            path=self.path,
            lang=lang,
            title=self.title.text,
            site_name=self.title,
            home=self.path,
            translations=[(other, self.layout.home(other)) for other in self.langs],
            footer=f"<p>{escape(_label('generated', lang))}</p>\n",
        )
        return self.path, frame.render(main)

    def name(self, row: Row) -> str:
        """The commune's name, linked to its page where it has one."""
        words = inline(row.name, self.context)
        if row.path is None:
            return words
        target = escape(href(self.path, row.path))
        other = f' hreflang="{escape(row.page_lang)}"' if row.page_lang != self.lang else ""
        return f'<a href="{target}"{other}>{words}</a>'

    @property
    def has_regions(self) -> bool:
        return any(row.region is not None for row in self.rows)

    def comparison(self) -> str:
        """Every commune's last rate and counts, the highest rate first (a region column
        where the network gives regions)."""
        lang, context = self.lang, self.context
        rtl = context[1] == "rtl"
        columns = [
            ("region", site_label("region", lang)),
            ("year", site_label("year", lang)),
            ("rate", _label("rate", lang)),
            ("counted", _label("counted", lang)),
            ("assessed", site_label("assessed", lang)),
            ("late", site_label("late", lang)),
        ]
        if not self.has_regions:
            columns = columns[1:]
        header = f'<th scope="col">{escape(site_label("commune", lang))}</th>' + "".join(
            f'<th scope="col">{escape(h)}</th>' for _, h in columns
        )
        rows = []
        for row in sorted(self.rows, key=_by_rate):
            rate = inline(Words(row.shown), context)
            cells = {
                "region": ("", inline(row.region, context) if row.region is not None else ""),
                "year": (' class="num"', inline(Words(row.year), context)),
                "rate": (
                    ' class="meter"',
                    rate + (meter(row.rate, rtl) if row.rate is not None else ""),
                ),
                "counted": (' class="num"', escape(row.counted)),
                "assessed": (' class="num"', escape(row.assessed)),
                "late": (' class="num"', escape(row.late)),
            }
            tds = "".join(
                f'<td{cells[key][0]} data-label="{escape(h)}">{cells[key][1]}</td>'
                for key, h in columns
            )
            rows.append(f'<tr><th scope="row">{self.name(row)}</th>{tds}</tr>\n')
        title = escape(site_label("comparison", lang))
        note = escape(site_label("comparison_note", lang))
        return (
            '<section class="comparison" aria-labelledby="comparison-title">\n'
            f'<h2 id="comparison-title">{title}</h2>\n<p class="muted">{note}</p>\n'
            f'<table class="data" aria-labelledby="comparison-title">\n'
            f"<thead><tr>{header}</tr></thead>\n<tbody>\n{''.join(rows)}</tbody>\n</table>\n"
            "</section>\n"
        )

    def regions(self) -> str:
        """The communes under their regions' names (those of no known region last); none
        where the network gives no regions (a folder of configurations)."""
        if not self.has_regions:
            return ""
        groups: dict[str, tuple[Words | None, list[Row]]] = {}
        for row in self.rows:
            key = row.region.text if row.region is not None else ""
            groups.setdefault(key, (row.region, []))[1].append(row)
        html = [
            '<section class="regions" aria-labelledby="regions-title">\n'
            f'<h2 id="regions-title">{escape(site_label("by_region", self.lang))}</h2>\n'
        ]
        for key in sorted(groups, key=lambda k: (k == "", k)):
            region, rows = groups[key]
            name = region or Words(site_label("no_region", self.lang), self.lang)
            html.append(f'<h3>{inline(name, self.context)}</h3>\n<ul class="communes">\n')
            for row in sorted(rows, key=lambda r: r.name.text):
                province = (
                    f' <span class="muted">— {inline(row.province, self.context)}</span>'
                    if row.province is not None
                    else ""
                )
                year = f' <span class="muted">({escape(row.year)})</span>' if row.year else ""
                html.append(
                    f"<li><span>{self.name(row)}{province}</span>"
                    f'<span><span class="value">{inline(Words(row.shown), self.context)}</span>'
                    f"{year}</span></li>\n"
                )
            html.append("</ul>\n")
        html.append("</section>\n")
        return "".join(html)


def _label(key: str, lang: str) -> str:
    """A label of the report's catalogue (no commune's own wording: the index is all's)."""
    return label(key, lang)


def language_page(names: Sequence[tuple[str, Words]], layout: Layout) -> tuple[str, bytes]:
    """The site's first page: for each of its languages, the site's name and an invitation
    to read it in that language, linked to the index in it; the page itself in the first
    language (its title, its outline), its choices centred, each in its own direction."""
    first, title = names[0]
    context: Context = (first, direction(first))
    items = []
    for lang, name in names:
        target = escape(href(ROOT, layout.home(lang)))
        marked = f'lang="{escape(lang)}" dir="{direction(lang)}"'
        items.append(
            f'<li {marked}><a href="{target}" hreflang="{escape(lang)}">'
            f'<span class="language">{escape(LANGUAGE_NAMES.get(lang, lang))}</span>'
            f'<span class="what">{inline(name, (lang, direction(lang)))}</span>'
            f'<span class="what">{escape(site_label("read_in", lang))}</span></a></li>\n'
        )
    main = (
        f'<div class="chooser">\n<h1>{inline(title, context)}</h1>\n'
        f'<ul class="languages">\n{"".join(items)}</ul>\n</div>\n'
    )
    frame = Frame(
        path=ROOT,
        lang=first,
        title=title.text,
        site_name=title,
        home=ROOT,
        translations=(),
        banner=False,
    )
    return ROOT, frame.render(main)
