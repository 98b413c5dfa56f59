"""The workbook, built with openpyxl: imported by `write` only, never at plugin load.

Every text cell is stored as a string (never a formula or an error code), characters XML
cannot carry are replaced, and the file's dates are the core's one reproducible date
(`municipal_strategy.dates.created`), so that the same evaluation always gives the same
bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import re
import zipfile
from collections.abc import Collection, Sequence

from municipal_strategy.dates import created
from municipal_strategy.model import Axis, Evaluation
from municipal_strategy.report import Report
from municipal_strategy.scoring import EvaluationResult
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

Value = str | int | float | None

#: Characters XML 1.0 cannot hold; openpyxl's own check misses some (U+FFFE, U+FFFF).
NOT_XML = re.compile(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Characters Excel forbids in sheet titles.
NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\]")
TITLE_UNITS = 31  # Excel's limit, in UTF-16 code units
#: Titles Excel refuses whatever their case.
RESERVED_TITLES = ("History",)
#: What marks a title that was cut.
ELLIPSIS = "\u2026"
#: What a cut title does not end with: punctuation, spaces, opening brackets and quotes.
LOOSE_ENDS = " ,;:،؛-–—/(«“\"'"
#: Words a cut title does not end on, in the report's languages: it would stop mid-phrase.
CONNECTIVES = frozenset(
    word
    for words in (
        "à au aux avec dans de des du en et la le les ou par pour sur un une",
        "a an and as at by for from in of on or the to with",
        "في من على إلى الى عن مع و أو",
    )
    for word in words.split()
)
CELL_CHARS = 32767  # Excel's limit for a cell
PERCENT = "0%"
MIN_WIDTH, MAX_WIDTH = 8, 40
LINE_POINTS = 15.0  # the height of a line of 11-point text

TITLE_FONT = Font(bold=True, size=14)
SECTION_FONT = Font(bold=True, size=12)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
WRAP = Alignment(wrap_text=True, vertical="top")

#: Labels the core's catalogue does not have.
LABELS = {
    "commune": {"ar": "الجماعة", "fr": "Commune", "en": "Commune"},
    "strategy": {"ar": "الاستراتيجية", "fr": "Stratégie", "en": "Strategy"},
    "year": {"ar": "السنة", "fr": "Année", "en": "Year"},
    "count": {"ar": "العدد", "fr": "Nombre", "en": "Count"},
    "rate_with_excluded": {
        "ar": "النسبة بما فيها الإجراءات المستثناة",
        "fr": "Taux, actions exclues comprises",
        "en": "Rate, excluded actions included",
    },
}


def own_label(key: str, lang: str) -> str:
    return LABELS[key].get(lang, LABELS[key]["en"])


def clean(text: str) -> str:
    """`text` as a cell can hold it: characters XML cannot carry become U+FFFD."""
    return NOT_XML.sub("\ufffd", text)[:CELL_CHARS]


def utf16_units(text: str) -> int:
    """How long `text` is in Excel's count: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _cut_word(word: str, units: int) -> str:
    """The start of `word` in at most `units` UTF-16 code units, never half a surrogate pair."""
    kept = ""
    for char in word:
        if utf16_units(kept + char) > units:
            break
        kept += char
    return kept


def _fit(text: str, units: int) -> str:
    """`text` in at most `units` UTF-16 code units: whole if it fits, else cut after a whole
    word and marked with an ellipsis. The cut never ends on a connective ("et", "of", "في")
    or punctuation, where the title would stop mid-phrase; only a first word longer than
    the limit is cut inside, having no boundary to cut at."""
    if utf16_units(text) <= units:
        return text
    room = units - utf16_units(ELLIPSIS)
    words = text.split(" ")
    kept: list[str] = []
    for word in words:
        if utf16_units(" ".join([*kept, word])) > room:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1].strip(LOOSE_ENDS).casefold() in CONNECTIVES:
        kept.pop()
    start = " ".join(kept).rstrip(LOOSE_ENDS) or _cut_word(words[0], room)
    return start + ELLIPSIS


def sheet_title(text: str, taken: Collection[str]) -> str:
    """A title Excel accepts, close to `text` and unlike any of `taken` (ignoring case)."""
    base = " ".join(NOT_IN_TITLE.sub(" ", clean(text)).split()).strip("' ") or "_"
    used = {title.casefold() for title in (*taken, *RESERVED_TITLES)}
    for n in itertools.count(1):
        suffix = f" ({n})" if n > 1 else ""
        title = _fit(base, TITLE_UNITS - len(suffix)).rstrip("' ") + suffix
        if title.casefold() not in used:
            return title
    raise AssertionError("unreachable")


def wrapped_lines(text: str, width: int) -> int:
    """About how many lines `text` takes wrapped in a column `width` characters wide: it
    counts characters where a spreadsheet measures glyphs and breaks between words."""
    per_line = max(1, width - 2)
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))


def set_up_printing(ws: Worksheet) -> None:
    """Print `ws` landscape on A4, one page wide and as many pages high as it takes, with
    its first row (the matrix's header, the summary's title) at the top of every page."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages as it takes
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"


class Sheet:
    """A worksheet written row after row, which remembers how wide its columns need to be."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 0
        self.widths: dict[int, int] = {}

    def skip(self) -> None:
        self.row += 1

    def heading(self, text: str, font: Font) -> None:
        self.row += 1
        cell = self.ws.cell(self.row, 1, clean(text))
        cell.data_type, cell.font = "s", font

    def add(
        self, values: Sequence[Value], *, header: bool = False, percent: Collection[int] = ()
    ) -> None:
        """A row; text is kept as text, numbers in the `percent` columns (from 1) show as %."""
        self.row += 1
        for column, value in enumerate(values, 1):
            if isinstance(value, str):
                value = clean(value)
            if value is None or value == "":
                continue  # an empty cell, not an empty string
            cell = self.ws.cell(self.row, column, value)
            cell.alignment = WRAP
            if isinstance(value, str):
                # a string, always: openpyxl takes "=..." for a formula, "#N/A" for an error
                cell.data_type = "s"
                width = max(map(len, value.split("\n")))
            elif column in percent:
                cell.number_format, width = PERCENT, 5
            else:
                width = len(str(value))
            if header:
                cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            self.widths[column] = max(self.widths.get(column, 0), width)

    def fit_columns(self) -> None:
        """Make each column as wide as its longest line (within bounds), then each row as
        tall as its wrapped text: LibreOffice does not work row heights out on opening a
        file, and would show and print one line of each cell."""
        widths = {
            column: min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
            for column, width in self.widths.items()
        }
        for column, width in widths.items():
            self.ws.column_dimensions[get_column_letter(column)].width = width
        for number, row in enumerate(self.ws.iter_rows(), 1):
            wrapped = [cell for cell in row if isinstance(cell, Cell) and cell.alignment.wrap_text]
            lines = max(
                (wrapped_lines(str(cell.value), widths[cell.column]) for cell in wrapped),
                default=1,
            )
            if lines > 1:
                self.ws.row_dimensions[number].height = lines * LINE_POINTS


def axis_name(report: Report, axis: Axis) -> str:
    """'T1. Transparency': the axis's code and title, as the matrix's axis column shows it."""
    return report.node_title(axis)


def report_title(report: Report) -> str:
    title = report.text(report.result.strategy.title)
    return report.label("report_title", strategy=title, year=report.result.year)


def rate_or(rate: float | None, note: str) -> float | str:
    return note if rate is None else rate


def write_summary(sheet: Sheet, report: Report) -> None:
    result, text, label = report.result, report.text, report.label
    strategy = result.strategy
    sheet.heading(report_title(report), TITLE_FONT)
    sheet.skip()
    sheet.add([own_label("commune", report.lang), text(strategy.commune)])
    sheet.add([own_label("strategy", report.lang), text(strategy.title)])
    sheet.add([label("period"), str(strategy.period)])
    sheet.add([own_label("year", report.lang), result.year])
    sheet.add([label("rate"), rate_or(result.rate, label("no_rate"))], percent={2})
    sheet.add([label("counted"), len(result.counted)])
    if result.excluded:
        with_excluded = rate_or(result.rate_with_excluded, label("excluded_unassessed"))
        sheet.add([own_label("rate_with_excluded", report.lang), with_excluded], percent={2})

    sheet.skip()
    sheet.heading(label("rate_per_axis"), SECTION_FONT)
    sheet.add([label("axis"), label("rate"), label("counted"), label("excluded")], header=True)
    for axis in result.axes:
        why = "axis_all_excluded" if axis.actions and not axis.counted else "axis_none_assessed"
        row: list[Value] = [axis_name(report, axis.axis), rate_or(axis.rate, label(why))]
        sheet.add([*row, len(axis.counted), len(axis.excluded)], percent={2})

    sheet.skip()
    sheet.heading(label("status_breakdown"), SECTION_FONT)
    sheet.add([label("status"), own_label("count", report.lang)], header=True)
    for status, count in result.status_counts.items():
        sheet.add([report.status_name(status), count])

    if result.excluded:
        sheet.skip()
        sheet.heading(label("excluded"), SECTION_FONT)
        columns = ("code", "title", "axis", "status", "reason")
        sheet.add([label(column) for column in columns], header=True)
        for action in result.excluded:
            reason = text(action.exclusion.reason) if action.exclusion else ""
            title, status = text(action.action.title), report.status(action)
            sheet.add([action.action.code, title, axis_name(report, action.axis), status, reason])
    sheet.fit_columns()


#: Matrix columns whose numbers are shares, shown as percentages (a weight stays a weight).
PERCENT_COLUMNS = frozenset({"progress", "achievement"})


def matrix_values(
    numeric: Sequence[bool], cells: Sequence[str], shown: Sequence[str]
) -> list[Value]:
    """A row of the matrix as cells: `cells` as data (`Report.matrix_table`), `shown` as
    the reader writes them (`matrix_table(human=True)`). In a numeric column a lone number
    is a number; several lines (one per indicator) are text as the reader writes them, so
    that an achievement reads "60 %" there too. A cell with only line breaks (no indicator
    has a value) is empty."""
    values: list[Value] = []
    for is_number, cell, human in zip(numeric, cells, shown, strict=True):
        if not cell.strip():
            values.append(None)
        elif not is_number:
            values.append(cell)
        elif "\n" in cell:
            values.append(human)
        else:
            try:
                values.append(float(cell))
            except ValueError:
                values.append(human)
    return values


def write_axes(workbook: Workbook, report: Report) -> None:
    """One sheet per axis: the matrix's rows of its actions, in the matrix's columns, the
    actions in the plan's order."""
    header = report.matrix_header()
    columns = report.matrix_columns()
    numeric = [column.numeric for column in columns]
    percent = {i + 1 for i, column in enumerate(columns) if column.key in PERCENT_COLUMNS}
    rows = list(zip(report.matrix_table(), report.matrix_table(human=True), strict=True))
    for axis in report.result.axes:
        title = sheet_title(axis_name(report, axis.axis), workbook.sheetnames)
        sheet = Sheet(workbook.create_sheet(title))
        sheet.add(header, header=True)
        for action, (cells, shown) in zip(report.result.actions, rows, strict=True):
            if action.axis is axis.axis:
                sheet.add(matrix_values(numeric, cells, shown), percent=percent)
        sheet.ws.freeze_panes = "A2"
        sheet.ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{sheet.row}"
        sheet.fit_columns()


def moment(year: int) -> dt.datetime:
    """When the file says it was made: the core's one reproducible date
    (`municipal_strategy.dates.created`) for an evaluation of `year`."""
    return created(Evaluation(year=year)).replace(tzinfo=None)


def save(workbook: Workbook, when: dt.datetime) -> bytes:
    """The workbook's bytes, each zip entry dated `when` (which a zip can hold)."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()  # Workbook.save would date the file now
    when = min(max(when, dt.datetime(1980, 1, 1)), dt.datetime(2107, 12, 31, 23, 59, 58))
    date_time = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry))
    return out.getvalue()


def workbook_bytes(result: EvaluationResult, lang: str | None) -> bytes:
    """The xlsx file for `result`: a summary sheet, then one matrix sheet per axis."""
    report = Report.of(result, lang)
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    write_summary(Sheet(workbook.create_sheet(sheet_title(report.label("summary"), ()))), report)
    write_axes(workbook, report)
    for ws in workbook.worksheets:
        set_up_printing(ws)
        if report.direction == "rtl":
            ws.sheet_view.rightToLeft = True
    when = created(result.evaluation).replace(tzinfo=None)
    properties = workbook.properties
    properties.title = clean(report_title(report))
    properties.creator = clean(report.text(result.strategy.commune))
    properties.language = report.lang
    properties.created = properties.modified = when
    return save(workbook, when)
