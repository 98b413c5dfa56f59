"""The summary's charts, drawn with fpdf2's rectangles: the rate in a box, a bar per axis,
and the counted actions per status as one stacked bar with its legend. Bars grow from the
reading side of the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..report import percent
from .flow import Block, Style
from .page import ACCENT, TRACK, WHITE, rgb

if TYPE_CHECKING:
    from .document import Writer


def rate_box(writer: Writer) -> None:
    pdf, report = writer.pdf, writer.report
    top, size = pdf.get_y(), 34.0
    x = pdf.w - pdf.r_margin - size if writer.dir == "rtl" else pdf.l_margin
    pdf.set_fill_color(*ACCENT)
    pdf.rect(x, top, size, 20, style="F", round_corners=True, corner_radius=2)
    big = Block("latin", "ltr", Style(22, bold=True, colour=WHITE, leading=1.0))
    writer.flow.line(percent(report.result.rate), big, x, top + 6.5, size, "C")
    text_x = pdf.l_margin if writer.dir == "rtl" else pdf.l_margin + size + 5
    headline = f"{report.label('rate')}{report.colon}{report.headline()}"
    block = Block.of(headline, Style(12, bold=True), report.lang)
    pdf.set_y(top + 3)
    writer.flow.paragraph(headline, block, text_x, pdf.epw - size - 5)
    pdf.set_y(top + 26)


def axis_bars(writer: Writer) -> None:
    pdf, report, flow = writer.pdf, writer.report, writer.flow
    label_width, value_width = 72.0, 14.0
    bar_width = pdf.epw - label_width - value_width - 4
    for axis in report.result.axes:
        title = report.node_title(axis.node)
        block = Block.of(title, Style(9, leading=1.3), report.text_language(axis.axis.title))
        lines = flow.wrap(title, block, label_width)
        height = max(len(lines) * block.style.line_height, 6.0)
        flow.ensure(height + 2)
        top = pdf.get_y()
        if writer.dir == "rtl":
            label_x, bar_x, value_x = (
                pdf.w - pdf.r_margin - label_width,
                pdf.l_margin + value_width + 2,
                pdf.l_margin,
            )
        else:
            label_x, bar_x, value_x = (
                pdf.l_margin,
                pdf.l_margin + label_width + 2,
                pdf.w - pdf.r_margin - value_width,
            )
        for i, line in enumerate(lines):
            flow.line(line, block, label_x, top + i * block.style.line_height, label_width)
        bar_top = top + (height - 4.5) / 2
        pdf.set_fill_color(*TRACK)
        pdf.rect(bar_x, bar_top, bar_width, 4.5, style="F")
        if axis.rate:
            filled = bar_width * axis.rate
            pdf.set_fill_color(*ACCENT)
            start = bar_x + bar_width - filled if writer.dir == "rtl" else bar_x
            pdf.rect(start, bar_top, filled, 4.5, style="F")
        value = Block("latin", "ltr", Style(9, bold=True, leading=1.3))
        flow.line(percent(axis.rate), value, value_x, bar_top - 0.3, value_width, "C")
        pdf.set_y(top + height + 2)


def status_bars(writer: Writer) -> None:
    pdf, report, flow = writer.pdf, writer.report, writer.flow
    counts = report.result.status_counts
    total = sum(counts.values()) or 1
    flow.ensure(8 + len(counts) * 6)
    top, x = pdf.get_y(), 0.0
    for status, count in counts.items():
        width = pdf.epw * count / total
        if count:
            left = pdf.w - pdf.r_margin - x - width if writer.dir == "rtl" else pdf.l_margin + x
            pdf.set_fill_color(*rgb(report.colour(status)))
            pdf.rect(left, top, width, 7, style="F")
        x += width
    pdf.set_y(top + 10)
    for status, count in counts.items():
        row = pdf.get_y()
        swatch_x = pdf.w - pdf.r_margin - 4 if writer.dir == "rtl" else pdf.l_margin
        pdf.set_fill_color(*rgb(report.colour(status)))
        pdf.rect(swatch_x, row + 0.8, 4, 4, style="F")
        entry = f"{report.status_name(status)}{report.colon}{count}"
        block = Block.of(entry, Style(9.5), report.lang)
        text_x = pdf.l_margin if writer.dir == "rtl" else pdf.l_margin + 6
        flow.line(entry, block, text_x, row, pdf.epw - 6)
        pdf.set_y(row + 6)
