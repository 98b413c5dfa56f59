"""The summary's figures, drawn with rectangles: the rate in a box beside its sentence, a
bar per axis, and the counted actions per status as one stacked bar with its legend. Bars
grow from the reading side of the page; every figure and colour is the document's."""

from __future__ import annotations

from ..document import Bars, Breakdown, RateBox, Words
from .flow import Flow
from .page import ACCENT, TRACK, WHITE, rgb
from .text import Style, Text

BIG = Style(22, bold=True, colour=WHITE, leading=1.0)
LEAD = Style(12, bold=True)
LABEL = Style(9, leading=1.3)
VALUE = Style(9, bold=True, leading=1.3)
LEGEND = Style(9.5)
LEGEND_COUNT = Style(9.5, bold=True)


def rate_box(flow: Flow, box: RateBox, rtl: bool) -> None:
    pdf, setter = flow.pdf, flow.setter
    size = 34.0
    flow.ensure(26)
    top = flow.y
    x = pdf.w - pdf.r_margin - size if rtl else pdf.l_margin
    pdf.set_fill_color(*ACCENT)
    pdf.rect(x, top, size, 20, style="F", round_corners=True, corner_radius=2)
    shown = Text.of([Words(box.shown)])
    for line in setter.wrap(shown, BIG, size)[:1]:
        setter.draw(line, BIG, False, x, top + 6.5, size, "C")
    text_x = pdf.l_margin if rtl else pdf.l_margin + size + 5
    pdf.set_y(top + 3)
    caption = Text.of(box.caption.runs, box.caption.direction == "rtl")
    flow.paragraph(caption, LEAD, text_x, pdf.epw - size - 5)
    pdf.set_y(max(top + 26, flow.y + 2))


def bars(flow: Flow, chart: Bars, rtl: bool) -> None:
    pdf, setter = flow.pdf, flow.setter
    label_width, value_width = 72.0, 14.0
    bar_width = pdf.epw - label_width - value_width - 4
    for bar in chart.bars:
        label = Text.of([bar.label])
        lines = setter.wrap(label, LABEL, label_width)
        height = max(len(lines) * LABEL.line_height, 6.0)
        flow.ensure(height + 2)
        top = flow.y
        if rtl:
            label_x = pdf.w - pdf.r_margin - label_width
            bar_x, value_x = pdf.l_margin + value_width + 2, pdf.l_margin
        else:
            label_x = pdf.l_margin
            bar_x, value_x = pdf.l_margin + label_width + 2, pdf.w - pdf.r_margin - value_width
        side = "R" if rtl else "L"
        for i, line in enumerate(lines):
            setter.draw(
                line, LABEL, label.rtl, label_x, top + i * LABEL.line_height, label_width, side
            )
        bar_top = top + (height - 4.5) / 2
        pdf.set_fill_color(*TRACK)
        pdf.rect(bar_x, bar_top, bar_width, 4.5, style="F")
        if bar.value:
            filled = bar_width * min(max(bar.value, 0.0), 1.0)
            pdf.set_fill_color(*ACCENT)
            start = bar_x + bar_width - filled if rtl else bar_x
            pdf.rect(start, bar_top, filled, 4.5, style="F")
        value = Text.of([Words(bar.shown)])
        for line in setter.wrap(value, VALUE, value_width + 10)[:1]:
            setter.draw(line, VALUE, False, value_x, bar_top - 0.3, value_width, "C")
        pdf.set_y(top + height + 2)


def breakdown(flow: Flow, chart: Breakdown, rtl: bool) -> None:
    pdf, setter = flow.pdf, flow.setter
    total = sum(segment.count for segment in chart.segments) or 1
    flow.ensure(10 + len(chart.segments) * 6)
    top, x = flow.y, 0.0
    for segment in chart.segments:
        width = pdf.epw * segment.count / total
        if segment.count:
            left = pdf.w - pdf.r_margin - x - width if rtl else pdf.l_margin + x
            pdf.set_fill_color(*rgb(segment.colour))
            pdf.rect(left, top, width, 7, style="F")
        x += width
    pdf.set_y(top + 10)
    count_width = 12.0
    side = "R" if rtl else "L"
    for segment in chart.segments:
        label = Text.of([segment.label])
        width = pdf.epw - 6 - count_width
        lines = setter.wrap(label, LEGEND, width)
        flow.ensure(len(lines) * LEGEND.line_height + 1)
        row = flow.y
        swatch_x = pdf.w - pdf.r_margin - 4 if rtl else pdf.l_margin
        pdf.set_fill_color(*rgb(segment.colour))
        pdf.rect(swatch_x, row + 0.8, 4, 4, style="F")
        label_x = pdf.l_margin + count_width if rtl else pdf.l_margin + 6
        left, used = label_x, 0.0
        for n, line in enumerate(lines):
            top = row + n * LEGEND.line_height
            left, used = setter.draw(line, LEGEND, label.rtl, label_x, top, width, side)
        count = Text.of([Words(str(segment.count))])
        count_x = left - 3 - count_width if rtl else left + used + 3
        count_top = row + (len(lines) - 1) * LEGEND.line_height
        for line in setter.wrap(count, LEGEND_COUNT, count_width)[:1]:
            setter.draw(line, LEGEND_COUNT, False, count_x, count_top, count_width, side)
        pdf.set_y(row + max(6.0, len(lines) * LEGEND.line_height + 1))
