"""The `html` exporter: one self-contained page, charts in inline SVG, ready to print.

Every text from the configuration is escaped; the page fetches nothing and runs no script.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import IO

from ..hookspecs import hookimpl
from ..model import Text
from ..plugins import Exporter, ExportOptions, RegisterExporter
from ..report import ACTIVITY_COLUMNS, INDICATOR_COLUMNS, Report, percent
from ..scoring import ActionResult, EvaluationResult, NodeResult

STYLE = """
:root { --ink: #1f2933; --muted: #5f6b76; --line: #d9dee3; --accent: #1b7f5f; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, "Noto Naskh Arabic", "Amiri",
       "Noto Sans Tifinagh", sans-serif; color: var(--ink); line-height: 1.55;
       max-width: 62rem; margin: 2rem auto; padding: 0 1.25rem; }
:lang(ar) { font-family: "Noto Naskh Arabic", "Amiri", "Noto Sans", "DejaVu Sans", sans-serif; }
:lang(zgh) { font-family: "Noto Sans Tifinagh", "Ebrima", sans-serif; }
td { overflow-wrap: anywhere; } .wide { overflow-x: auto; }
h1 { font-size: 1.7rem; margin-bottom: .25rem; } h2 { border-bottom: 2px solid var(--accent);
padding-bottom: .2rem; margin-top: 2.5rem; } h3 { margin-bottom: .3rem; }
.meta { color: var(--muted); margin: .1rem 0; }
.headline { font-size: 1.25rem; } .headline strong { font-size: 2.2rem; color: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.2rem; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: start;
         vertical-align: top; }
th { background: #f2f5f7; } td.num { white-space: nowrap; }
.chart td { border: none; padding: .2rem .4rem; } .chart .bar-cell { width: 55%; }
svg.bar { width: 100%; height: 1.1rem; display: block; background: #eef1f3; }
[dir="rtl"] svg.bar, [dir="rtl"] svg.stack { transform: scaleX(-1); }
svg.stack { width: 100%; height: 1.6rem; display: block; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
.swatch { display: inline-block; width: .9rem; height: .9rem; margin-inline-end: .35rem;
          vertical-align: middle; }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: .8rem; color: #fff;
         font-size: .85rem; }
.excluded { color: var(--muted); font-style: italic; }
blockquote { margin: .4rem 0; padding: .2rem .8rem; border-inline-start: 3px solid var(--line);
             color: var(--muted); }
section.action { break-inside: avoid-page; border-top: 1px solid var(--line);
                 padding-top: .4rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h2 { break-before: page; break-after: avoid; } h3 { break-after: avoid; }
  h2.summary { break-before: auto; }
  table { break-inside: auto; } tr { break-inside: avoid; }
  svg.bar, .badge, .swatch, th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


class Page:
    """HTML pieces for one report; every configuration text goes through `t`."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def t(self, text: Text | None) -> str:
        """Escaped text, marked with its language where it is not the page's."""
        if text is None:
            return ""
        value = escape(self.report.text(text))
        lang = self.report.text_language(text)
        if lang and lang != self.report.lang:
            direction = "rtl" if lang == "ar" else "ltr"
            return f'<span lang="{lang}" dir="{direction}">{value}</span>'
        return value

    def label(self, key: str, **values: object) -> str:
        return escape(self.report.label(key, **values))

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
        """A table of already escaped cells."""
        head = "".join(f"<th>{h}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def badge(self, action: ActionResult) -> str:
        colour = self.report.colour(action.status)
        return f'<span class="badge" style="background:{colour}">{escape(self.report.status(action))}</span>'

    def axis_chart(self) -> str:
        rows = []
        for axis in self.report.result.axes:
            width = 0.0 if axis.rate is None else axis.rate * 100
            bar = (
                f'<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
                f'role="img" aria-label="{percent(axis.rate)}"><rect width="{width:.2f}" '
                f'height="10" fill="var(--accent)"/></svg>'
            )
            rows.append(
                f"<tr><td>{escape(self.report.node_title(axis.node))}</td>"
                f'<td class="bar-cell">{bar}</td><td class="num">{percent(axis.rate)}</td></tr>'
            )
        return f'<table class="chart">{"".join(rows)}</table>'

    def status_chart(self) -> str:
        counts = self.report.result.status_counts
        total = sum(counts.values()) or 1
        x, rects, legend = 0.0, [], []
        for status, count in counts.items():
            width = 100 * count / total
            colour = self.report.colour(status)
            if count:
                rects.append(f'<rect x="{x:.2f}" width="{width:.2f}" height="10" fill="{colour}"/>')
            x += width
            legend.append(
                f'<li><span class="swatch" style="background:{colour}"></span>'
                f"{escape(self.report.status_name(status))}{self.report.colon}{count}</li>"
            )
        svg = (
            f'<svg class="stack" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
            f'aria-label="{self.label("status_breakdown")}">{"".join(rects)}</svg>'
        )
        return svg + f'<ul class="legend">{"".join(legend)}</ul>'

    def items(self, key: str, texts: Sequence[Text]) -> str:
        if not texts:
            return ""
        return (
            f"<h4>{self.label(key)}</h4><ul>"
            + "".join(f"<li>{self.t(x)}</li>" for x in texts)
            + "</ul>"
        )

    def node(self, node: NodeResult) -> list[str]:
        """A node's heading, description and actions, then its groups'."""
        tag = f"h{min(2 + node.depth, 6)}" if node.depth == 0 else "h3"
        parts = [
            f'<{tag} id="node-{escape(node.node.id)}" class="level-{node.depth}">'
            f"{escape(self.report.heading(node))} <small>({percent(node.rate)})</small></{tag}>"
        ]
        if node.node.description is not None:
            parts.append(f"<p>{self.t(node.node.description)}</p>")
        parts += [self.action(action) for action in node.actions[: len(node.node.actions)]]
        for child in node.children:
            parts += self.node(child)
        return parts

    def action(self, action: ActionResult) -> str:
        report, t = self.report, self.t
        parts = [
            f'<section class="action" id="action-{escape(action.action.id)}">',
            f"<h3>{escape(action.action.code)}. {t(action.action.title)}</h3>",
            f"<p>{self.badge(action)}",
        ]
        if action.exclusion is not None:
            parts.append(
                f' <span class="excluded">{self.label("excluded_short")}{self.report.colon}'
                f"{t(action.exclusion.reason)}</span>"
            )
        parts.append("</p>")
        assessment = action.assessment
        if assessment is not None:
            if assessment.progress is not None:
                parts.append(
                    f"<p>{self.label('progress')}{self.report.colon}{percent(assessment.progress)}</p>"
                )
            if assessment.justification is not None:
                parts.append(
                    f"<p><strong>{self.label('justification')}{self.report.colon.rstrip()}</strong> "
                    f"{t(assessment.justification)}</p>"
                )
            parts += [
                self.items("achievements", assessment.achievements),
                self.items("constraints", assessment.constraints),
                self.items("next_steps", assessment.next_steps),
            ]
            indicators = report.indicators_of(action)
            if indicators:
                rows = [[escape(c) for c in report.indicator_cells(i)] for i in indicators]
                header = [self.label(k) for k in INDICATOR_COLUMNS]
                parts.append(f"<h4>{self.label('indicators')}</h4>" + self.table(header, rows))
            if assessment.activities:
                rows = [
                    [escape(c) for c in report.activity_cells(a)] for a in assessment.activities
                ]
                for row in rows:
                    row[0] = f'<span dir="ltr">{row[0]}</span>'
                header = [self.label(k) for k in ACTIVITY_COLUMNS]
                parts.append(f"<h4>{self.label('activities')}</h4>" + self.table(header, rows))
            evidence = [e for e in assessment.evidence if e.quote or e.url]
            if evidence:
                parts.append(f"<h4>{self.label('evidence')}</h4>")
                for e in evidence:
                    if e.quote:
                        where = escape(" — ".join(p for p in (e.document, e.locator) if p))
                        parts.append(
                            f'<blockquote lang="ar" dir="auto">{escape(e.quote)}'
                            f"<br><small>{where}</small></blockquote>"
                        )
                    if e.url:
                        parts.append(f'<p><a href="{escape(e.url)}">{escape(e.url)}</a></p>')
            parts.append(self.items("notes", assessment.notes))
        parts.append("</section>")
        return "".join(parts)


def render(result: EvaluationResult, lang: str | None = None) -> str:
    report = Report.of(result, lang)
    page = Page(report)
    t = page.t
    strategy, evaluation = result.strategy, result.evaluation
    title = escape(
        report.label("report_title", strategy=report.text(strategy.title), year=result.year)
    )
    mark = "\x00"  # where the percentage goes, made big after escaping
    headline = escape(report.headline(rate=mark)).replace(
        mark, f"<strong>{percent(result.rate)}</strong>"
    )
    body = [
        f"<header><h1>{title}</h1>",
        f'<p class="meta"><strong>{t(strategy.commune)}</strong> — '
        f'{page.label("period")}{report.colon}<span dir="ltr">{strategy.period}</span></p>',
    ]
    if strategy.adopted is not None:
        body.append(
            f'<p class="meta">{page.label("adopted")}{report.colon}{t(strategy.adopted.session)}</p>'
        )
    if evaluation.presented is not None:
        body.append(
            f'<p class="meta">{page.label("presented", session=report.text(evaluation.presented.session))}</p>'
        )
    body.append("</header>")
    body += [
        f'<h2 class="summary">{page.label("summary")}</h2>',
        f'<p class="headline">{page.label("rate")}{report.colon}{headline}</p>',
    ]
    if result.excluded:
        body.append(f"<h3>{page.label('excluded')}</h3><ul>")
        for rule, selected in result.exclusion_groups():
            codes = escape(report.codes(selected))
            body.append(f"<li><strong>{codes}</strong>{report.colon}{t(rule.reason)}</li>")
        body.append(f"</ul><p>{escape(report.exclusion_note())}</p>")
    body += [
        f"<h3>{page.label('rate_per_axis')}</h3>",
        page.axis_chart(),
        f"<h3>{page.label('status_breakdown')}</h3>",
        page.status_chart(),
    ]
    for axis in result.axes:
        body += page.node(axis)
    body += [
        f'<h2 id="matrix">{page.label("matrix")}</h2><div class="wide">',
        page.table(
            [escape(h) for h in report.matrix_header()],
            [
                [escape(c).replace("\n", "<br>") for c in report.matrix_cells(row)]
                for row in report.matrix()
            ],
        ),
        "</div>",
    ]
    body.append(f"<footer>{page.label('generated')}</footer>")
    return (
        f'<!DOCTYPE html>\n<html lang="{report.lang}" dir="{report.direction}">\n<head>\n'
        '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="municipal-strategy">\n<title>{title}</title>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def write(result: EvaluationResult, stream: IO[bytes], options: ExportOptions) -> None:
    stream.write(render(result, options.lang).encode("utf-8"))


@hookimpl
def register_exporters(register: RegisterExporter) -> None:
    register(
        Exporter(
            name="html",
            extension=".html",
            media_type="text/html",
            description="The whole report as one self-contained web page with charts, ready to print.",
            write=write,
        )
    )
