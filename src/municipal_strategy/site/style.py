"""The site's style sheet: the HTML report's (`render.html.STYLE`), and what the site adds —
the banner with the language switcher, the breadcrumb, lists of actions, the trend chart,
the index's tables — with its print rules (no navigation on paper). Inline in each page:
nothing is fetched, and a page saved alone keeps its look."""

from __future__ import annotations

from ..render.html import STYLE

SITE_STYLE = """
.skip { position: absolute; inset-inline-start: .5rem; top: -4rem; z-index: 2;
        background: #fff; color: var(--accent); padding: .4rem .8rem;
        border: 2px solid var(--accent); border-radius: .3rem; }
.skip:focus { top: .5rem; }
header.site { background: var(--soft); border-bottom: 1px solid var(--line); }
header.site > div, footer.site > div { max-width: 64.5rem; margin-inline: auto; }
nav.crumbs > ol { max-width: 62rem; margin-inline: auto; }
header.site > div { display: flex; flex-wrap: wrap; align-items: center;
                    justify-content: space-between; gap: .3rem 1.2rem; padding: .6rem 1.25rem; }
header.site p { margin: 0; font-weight: 700; }
header.site a { color: var(--ink); text-decoration: none; }
header.site a:hover, header.site a:focus-visible { text-decoration: underline; }
nav.langs ul { list-style: none; display: flex; flex-wrap: wrap; gap: .2rem 1rem; margin: 0;
               padding: 0; }
nav.langs li { margin: 0; }
nav.langs a { color: var(--accent); text-decoration: underline; font-weight: 400; }
nav.langs [aria-current] { font-weight: 700; }
nav.crumbs { padding: .5rem 1.25rem 0; font-size: .92rem; }
nav.crumbs ol { list-style: none; display: flex; flex-wrap: wrap; padding: 0;
                margin-block: 0; }
nav.crumbs li { margin: 0; }
nav.crumbs li + li::before { content: "›"; margin-inline: .45rem; color: var(--muted); }
html[dir="rtl"] nav.crumbs li + li::before { content: "‹"; }
main h1 { font-size: 2rem; line-height: 1.25; margin: .6rem 0 .6rem; }
.lead-badge { margin: .2rem 0 1rem; }
ul.actions { list-style: none; padding: 0; margin: .4rem 0 1.2rem; }
ul.actions li { display: flex; flex-wrap: wrap; align-items: baseline;
                justify-content: space-between; gap: .2rem 1rem; margin: 0;
                padding: .55rem 0; border-bottom: 1px solid var(--line); }
ul.actions li a { flex: 1 1 18rem; min-width: 0; overflow-wrap: anywhere; }
ul.actions .badge { white-space: nowrap; }
.bars a.label { color: var(--accent); }
figure.trend { margin: .6rem 0 1rem; }
figure.trend svg { display: block; width: 100%; max-width: 34rem; height: auto; }
figure.trend .grid { stroke: var(--line); stroke-width: 1; }
figure.trend text { fill: var(--ink); font-size: 15px; }
figure.trend text.axis { fill: var(--muted); font-size: 13px; }
ul.downloads { padding-inline-start: 1.2rem; }
ul.downloads .size { color: var(--muted); white-space: nowrap; }
ul.communes { list-style: none; padding: 0; }
ul.communes li { display: flex; flex-wrap: wrap; justify-content: space-between;
                 gap: .2rem 1rem; padding: .4rem 0; border-bottom: 1px solid var(--line);
                 margin: 0; }
ul.communes .value { font-weight: 700; white-space: nowrap; }
table.data th[scope="row"] { background: none; text-align: start; }
table.data td.meter { min-width: 8rem; }
table.data td.meter svg { display: block; width: 100%; height: .6rem; margin-top: .35rem; }
.chooser { max-width: 30rem; margin: 2rem auto; text-align: center; }
ul.languages { list-style: none; padding: 0; margin: 2rem 0; }
ul.languages li { margin: 0 0 1rem; text-align: center; }
ul.languages a { display: block; padding: .9rem 1rem; border: 1px solid var(--line);
                 border-radius: .5rem; color: var(--ink); text-decoration: none; }
ul.languages a:hover, ul.languages a:focus-visible { border-color: var(--accent);
                                                    background: var(--soft); }
ul.languages .language { display: block; font-size: 1.4rem; font-weight: 700;
                         color: var(--accent); text-decoration: underline; }
ul.languages .what { display: block; color: var(--muted); }
nav.pager ul { list-style: none; display: flex; flex-wrap: wrap;
               justify-content: space-between; gap: .5rem 2rem; padding: 0;
               margin: 2rem 0 0; border-top: 1px solid var(--line); padding-top: .8rem; }
nav.pager li { margin: 0; max-width: 100%; overflow-wrap: anywhere; }
nav.pager .next { margin-inline-start: auto; text-align: end; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
footer.site > div { padding: .8rem 1.25rem 1.5rem; }
@media (max-width: 40rem) {
  header.site > div, nav.crumbs { padding-inline: .8rem; }
  main h1 { font-size: 1.6rem; }
  table.data td.meter { min-width: 0; }
  figure.trend text { font-size: 19px; }
  figure.trend text.axis { font-size: 16px; }
  table.data > tbody > tr > th[scope="row"] { display: block; padding: .15rem 0; border: none; }
}
@media print {
  .skip, nav.langs, nav.crumbs, nav.pager, footer.site { display: none; }
  header.site { background: none; border: none; }
  header.site > div { padding: 0 0 .5rem; }
  main h1 { margin-top: 0; }
  ul.actions li, ul.communes li, figure.trend { break-inside: avoid; }
  figure.trend svg, .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a.download::after { content: " (" attr(href) ")"; color: var(--muted); }
}
"""

#: The style sheet of every page.
PAGE_STYLE = STYLE + SITE_STYLE
