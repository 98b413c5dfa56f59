"""The page: colours, type styles, the reproducible date, and the FPDF that draws the
running header and keeps the orientation across pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fpdf import FPDF

from ..dates import created
from ..report import Report
from .flow import Block, Flow, Style
from .fonts import FontSet

ACCENT = (27, 127, 95)
MUTED = (95, 107, 118)
INK = (31, 41, 51)
WHITE = (255, 255, 255)
TRACK = (232, 236, 239)

BODY = Style(10)
SMALL = Style(8.5, colour=MUTED)
H1 = Style(17, bold=True, colour=ACCENT, leading=1.35)
H2 = Style(12.5, bold=True, leading=1.35)
H3 = Style(10.5, bold=True, colour=ACCENT)
TABLE = Style(8.5, leading=1.35)
TABLE_HEAD = Style(8.5, bold=True, leading=1.35)
ANNEX = Style(6.5, leading=1.3)
ANNEX_HEAD = Style(6.5, bold=True, leading=1.3)

#: Shares of the width of the matrix's columns (`report.MATRIX_COLUMNS`).
MATRIX_WIDTHS = (8, 4, 3, 11, 7.5, 5, 7.5, 5, 9, 11, 12, 8, 9)


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def creation_date(report: Report) -> dt.datetime:
    """The reproducible date (`municipal_strategy.dates.created`)."""
    return created(report.result.evaluation)


class ReportPDF(FPDF):
    """An FPDF that draws the running header and keeps the orientation across pages."""

    def __init__(self, report: Report, fonts: FontSet) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        self.set_auto_page_break(False)
        self.set_margins(18, 22, 18)
        self.b_margin = 18
        self.c_margin = 0  # the layout places text itself: no padding inside cells
        fonts.register(self)
        self.flow = Flow(self)
        self.running_title = ""

    def add_page(self, orientation: str = "", *args: Any, **kwargs: Any) -> None:
        """A new page, in the orientation of the current one unless told otherwise."""
        super().add_page(orientation or str(self.cur_orientation.value), *args, **kwargs)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        report, flow = self.report, self.flow
        block = Block.of(self.running_title, SMALL, report.lang)
        flow.line(self.running_title, block, self.l_margin, 9, self.epw)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.3)
        self.line(self.l_margin, 15, self.w - self.r_margin, 15)
        flow.forget_font()
        self.set_y(self.t_margin)
