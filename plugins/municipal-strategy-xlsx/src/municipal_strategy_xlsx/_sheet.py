"""The monitoring sheet as an xlsx workbook, written and read back with openpyxl (imported
by the plugin's functions only when a sheet is written or read, never at plugin load).

Written: one worksheet — the sheet's mark (row 1), its header (row 2), one row per action —
every cell a string, so that what is read back is what was written; a drop-down of the
scale's labels on the status column; the columns the team must not change locked, the
sheet protected without a password; right to left in Arabic; the same bytes for the same
sheet (`moment`). Read: every row of the workbook's monitoring sheet as text cells, a
formula as its formula text (``=…``) for the core to refuse with its row and column.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from municipal_strategy.cells import inert
from municipal_strategy.errors import ConfigError, Problem
from municipal_strategy.report import RTL_LANGUAGES
from municipal_strategy.sheet import MARK, Column, Sheet
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from ._workbook import (
    HEADER_FILL,
    HEADER_FONT,
    LINE_POINTS,
    MAX_WIDTH,
    MIN_WIDTH,
    moment,
    save,
    wrapped_lines,
)
from ._workbook import sheet_title as valid_title

TEXT = "@"  # the number format "Text": what is typed in the cell stays as typed
NOTE_FONT = Font(size=8, italic=True, color="808080")
NOTE = Alignment(vertical="top")
WRAP = Alignment(wrap_text=True, vertical="top")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
LOCKED, UNLOCKED = Protection(locked=True), Protection(locked=False)
MAX_ROW_POINTS = 409.0  # Excel's tallest row
#: How wide a column is at least, for what it holds: room to type in an empty one.
MIN_WIDTHS = {
    "locked": MIN_WIDTH,
    "status": 16,
    "share": 10,
    "amount": 12,
    "text": 30,
    "lines": 30,
    "measurements": 24,
    "links": 30,
}
#: How wide a column of texts is at most: wider than others, so that rows stay low.
MAX_TEXT_WIDTH = 50
#: An inline drop-down list (``"a,b,c"``) holds at most this many characters.
INLINE_LIST_CHARS = 255
LISTS_SHEET = "lists"

#: Characters a cell cannot hold as they are (not XML, or a carriage return XML would turn
#: into a line feed): stored as OOXML's ``_xHHHH_``, which Excel reads back as the character.
NOT_IN_CELL = re.compile(r"[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: A text that reads as such an escape keeps its underscore escaped, as Excel writes it.
LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")

#: What the sheet says, in the sheet's language (English for the others).
WORDS: dict[str, dict[str, str]] = {
    "title": {"ar": "المتابعة {year}", "fr": "Suivi {year}", "en": "Monitoring {year}"},
    "doc_title": {
        "ar": "ورقة تتبع سنة {year}",
        "fr": "Fiche de suivi {year}",
        "en": "Monitoring sheet {year}",
    },
    "mark_title": {"ar": "لا تغيّر هذا السطر", "fr": "Ne pas modifier", "en": "Do not change"},
    "mark": {
        "ar": "يعرّف هذا السطر الورقة والسنة: اتركه كما هو.",
        "fr": "Cette ligne identifie la fiche et l'année : laissez-la telle quelle.",
        "en": "This row identifies the sheet and the year: leave it as it is.",
    },
    "status_title": {"ar": "الوضعية", "fr": "Statut", "en": "Status"},
    "status": {
        "ar": "اختر وضعية من السلم في القائمة.",
        "fr": "Choisissez un statut de l'échelle dans la liste.",
        "en": "Choose a status of the scale from the list.",
    },
    "status_error": {
        "ar": "ليست وضعية من السلم: اختر واحدة من القائمة.",
        "fr": "Ce n'est pas un statut de l'échelle : choisissez-en un dans la liste.",
        "en": "Not a status of the scale: choose one from the list.",
    },
    "share": {
        "ar": "نسبة بين 0 و1، أو نسبة مئوية (40%).",
        "fr": "Une part entre 0 et 1, ou un pourcentage (40 %).",
        "en": "A share between 0 and 1, or a percentage (40%).",
    },
    "amount": {
        "ar": "مبلغ، مثلا 125000 أو 125 000,50.",
        "fr": "Un montant, par exemple 125000 ou 125 000,50.",
        "en": "An amount, e.g. 125000 or 125000.50.",
    },
    "lines": {
        "ar": "عنصر في كل سطر (سطر جديد داخل الخانة: Alt+Enter في Excel، Ctrl+Enter في LibreOffice).",
        "fr": "Un élément par ligne (nouvelle ligne dans la cellule : Alt+Entrée dans Excel, Ctrl+Entrée dans LibreOffice).",
        "en": "One item per line (a new line in the cell: Alt+Enter in Excel, Ctrl+Enter in LibreOffice).",
    },
    "measurements": {
        "ar": "سطر لكل مؤشر: المؤشر = القيمة.",
        "fr": "Une ligne par indicateur : indicateur = valeur.",
        "en": "One line per indicator: indicator = value.",
    },
    "links": {
        "ar": "رابط في كل سطر.",
        "fr": "Un lien par ligne.",
        "en": "One link per line.",
    },
}


def word(key: str, lang: str, **values: object) -> str:
    texts = WORDS[key]
    return texts.get(lang, texts["en"]).format(**values)


def cell_text(text: str) -> str:
    """`text` as a workbook stores it: what XML cannot carry written ``_xHHHH_``."""
    text = LOOKS_ESCAPED.sub("_x005F_", text)
    return NOT_IN_CELL.sub(lambda found: f"_x{ord(found[0]):04X}_", text)


def _unescaped(found: re.Match[str]) -> str:
    code = int(found[1], 16)
    return found[0] if 0xD800 <= code <= 0xDFFF else chr(code)


def plain_text(stored: str) -> str:
    """A workbook's string as it is meant: ``_xHHHH_`` read as its character (openpyxl
    leaves them)."""
    return ESCAPED.sub(_unescaped, stored) if "_x" in stored else stored


def is_rtl(lang: str) -> bool:
    return lang.split("-")[0] in RTL_LANGUAGES


def status_labels(sheet: Sheet) -> tuple[tuple[str, ...], bool]:
    """The labels the status drop-down lists, and whether they are the whole scale.

    The whole scale when the sheet has it (`Sheet.statuses`: the scale's labels in the
    sheet's language); otherwise only the labels its status column holds — then the
    drop-down suggests them and accepts any other (the core checks each status on import).
    """
    statuses: Sequence[str] | None = getattr(sheet, "statuses", None)
    if statuses is not None:
        return tuple(dict.fromkeys(label for label in statuses if label)), True
    at = next(i for i, column in enumerate(sheet.columns) if column.kind == "status")
    return tuple(dict.fromkeys(row[at] for row in sheet.rows if row[at])), False


def _list_formula(workbook: Workbook, labels: Sequence[str]) -> str:
    """A drop-down's source: inline (``"a,b"``) when it fits, else a hidden sheet's cells."""
    inline = ",".join(labels)
    simple = not any(NOT_IN_CELL.search(label) or "," in label or '"' in label for label in labels)
    if simple and len(inline) <= INLINE_LIST_CHARS:
        return f'"{inline}"'
    ws = workbook.create_sheet(LISTS_SHEET)
    for number, label in enumerate(labels, 1):
        cell = ws.cell(number, 1)
        cell.value = cell_text(label)
        cell.data_type = "s"
    ws.sheet_state = "hidden"
    ws.protection.enable()
    return f"'{LISTS_SHEET}'!$A$1:$A${len(labels)}"


def _prompt(title: str, text: str) -> DataValidation:
    """A note shown when a cell of the range is selected; any value accepted."""
    return DataValidation(
        allow_blank=True, showInputMessage=True, promptTitle=title[:32], prompt=text[:255]
    )


def _validations(ws: Worksheet, workbook: Workbook, sheet: Sheet, last: int) -> None:
    """The drop-down on the status column; what each editable column expects, shown when
    one of its cells is selected; a note on the mark row."""
    lang = sheet.lang
    mark = _prompt(word("mark_title", lang), word("mark", lang))
    mark.add(f"A1:{get_column_letter(len(sheet.columns))}1")
    ws.add_data_validation(mark)
    if last < 3:
        return
    for number, column in enumerate(sheet.columns, 1):
        cells = f"{get_column_letter(number)}3:{get_column_letter(number)}{last}"
        if column.kind == "status":
            labels, whole = status_labels(sheet)
            title = word("status_title", lang)
            found = _prompt(title, word("status", lang))
            if labels:  # a drop-down; any other value refused when it lists the whole scale
                found.type, found.formula1 = "list", _list_formula(workbook, labels)
                found.showErrorMessage, found.errorStyle = whole, "stop"
                found.errorTitle, found.error = title, word("status_error", lang)
        elif column.kind in ("share", "amount", "lines", "measurements", "links"):
            found = _prompt(column.header, word(column.kind, lang))
        else:
            continue
        found.add(cells)
        ws.add_data_validation(found)


def _width(column: Column, cells: Sequence[str]) -> float:
    longest = max((len(line) for text in cells for line in text.split("\n")), default=0)
    wanted = max(longest + (4 if column.kind == "status" else 2), len(column.header) + 2)
    widest = MAX_TEXT_WIDTH if column.kind in ("text", "lines") else MAX_WIDTH
    return float(min(widest, max(MIN_WIDTHS[column.kind], wanted)))


def _put(ws: Worksheet, row: int, column: int, text: str) -> None:
    cell = ws.cell(row, column)
    if text:
        # a string, always: openpyxl would take "=..." for a formula, "#N/A" for an error
        cell.value = cell_text(text)
        cell.data_type = "s"
    cell.number_format = TEXT


def sheet_bytes(sheet: Sheet) -> bytes:
    """The xlsx file of `sheet`."""
    workbook = Workbook()
    ws = workbook.worksheets[0]
    assert isinstance(ws, Worksheet)
    lang = sheet.lang
    ws.title = valid_title(word("title", lang, year=sheet.year), ())
    for number, part in enumerate(sheet.mark, 1):
        _put(ws, 1, number, part)
        cell = ws.cell(1, number)
        cell.font, cell.alignment, cell.protection = NOTE_FONT, NOTE, LOCKED
    for number, header in enumerate(sheet.header, 1):
        _put(ws, 2, number, header)
        cell = ws.cell(2, number)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        cell.protection = LOCKED
    for at, row in enumerate(sheet.rows, 3):
        for number, (column, text) in enumerate(zip(sheet.columns, row, strict=True), 1):
            _put(ws, at, number, text)
            cell = ws.cell(at, number)
            cell.alignment = WRAP
            if column.locked:
                cell.fill, cell.protection = LOCKED_FILL, LOCKED
            else:
                cell.protection = UNLOCKED
    widths = [
        _width(column, [row[i] for row in sheet.rows]) for i, column in enumerate(sheet.columns)
    ]
    for number, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(number)].width = width
    # LibreOffice does not work row heights out on opening a file: it would show one line
    for at, row in enumerate((sheet.header, *sheet.rows), 2):
        lines = max(
            (wrapped_lines(text, int(w)) for text, w in zip(row, widths, strict=True)), default=1
        )
        if lines > 1:
            ws.row_dimensions[at].height = min(MAX_ROW_POINTS, lines * LINE_POINTS)
    last = 2 + len(sheet.rows)
    ws.freeze_panes = "C3"  # the header, and each row's action id and code
    ws.auto_filter.ref = f"A2:{get_column_letter(len(sheet.columns))}{last}"
    _validations(ws, workbook, sheet, last)
    protection = ws.protection
    protection.enable()  # no password: a guard against slips, not a lock
    protection.formatColumns = protection.formatRows = False  # widen, heighten: allowed
    protection.autoFilter = False  # filter, e.g. by responsible service: allowed
    ws.sheet_view.rightToLeft = is_rtl(lang)
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = "2:2"
    ws.print_title_cols = "A:B"
    when = moment(sheet.year)
    properties = workbook.properties
    properties.title = word("doc_title", lang, year=sheet.year)
    properties.creator = "municipal-strategy"
    properties.language = lang
    properties.created = properties.modified = when
    return save(workbook, when)


# -- reading a filled sheet back ----------------------------------------------------------


def _problem(path: Path, message: str) -> ConfigError:
    return ConfigError([Problem(path, "", message)])


def _number(value: float | int) -> str:
    """A number as its shortest exact text, without an exponent: 4.0 is "4"."""
    if isinstance(value, int) or not math.isfinite(value):
        return str(value)
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def cell_value(value: object, data_type: str | None) -> str:
    """A cell as text: a formula as its formula (``=…``), a string that a spreadsheet would
    take for a formula as the sheet's CSV writes it (after an apostrophe, `cells.inert`),
    numbers and booleans as a spreadsheet shows them, an empty cell as ''."""
    if value is None:
        return ""
    if isinstance(value, ArrayFormula):
        return str(value.text or "=")
    if isinstance(value, DataTableFormula):
        return f"=TABLE({value.ref or ''})"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, dt.datetime):
        moment_ = value.date() if value.time() == dt.time() else value
        return moment_.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    text = str(value)
    if data_type == "f":
        return text if text.startswith("=") else "=" + text
    text = plain_text(text)
    return inert(text) if data_type in ("s", "inlineStr") else text


def _row(cells: Sequence[object]) -> list[str]:
    texts = [cell_value(getattr(c, "value", None), getattr(c, "data_type", None)) for c in cells]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _looks_like(path: Path, head: bytes) -> tuple[str, str]:
    """What a file that is not a zip archive looks like, and what to do about it."""
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return (
            "it looks like an Excel 97-2003 .xls workbook, or a password-protected one",
            "save it as Excel Workbook (.xlsx), without a password",
        )
    if head.startswith(b"%PDF"):
        return "it looks like a PDF document", "send back the sheet itself, as .xlsx"
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return "it is binary data of another kind", "send back the .xlsx the sheet was"
    first = text.lstrip().split("\n", 1)[0]
    if first.startswith("<"):
        return (
            "it looks like XML or HTML text",
            "open it in a spreadsheet and save it as Excel Workbook (.xlsx)",
        )
    if first.strip().strip('"').startswith(MARK):
        return (
            "it looks like CSV text",
            f"it is a monitoring sheet saved as CSV: name it {path.stem}.csv and it is read as CSV",
        )
    if any(separator in first for separator in ",;\t"):
        return (
            "it looks like CSV text",
            "open it in a spreadsheet and save it as Excel Workbook (.xlsx), or name it .csv",
        )
    return "it looks like plain text", "send back the .xlsx the sheet was"


def _not_a_workbook(path: Path) -> ConfigError | None:
    """Why the file at `path` is no xlsx workbook, before openpyxl tries it; None if it
    may be one."""
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError as exc:
        return _problem(path, f"cannot be read ({exc.strerror})")
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK"):
            return _problem(
                path, "not an XLSX workbook (a damaged or incomplete zip archive): send it again"
            )
        if not head.strip():
            return _problem(path, "not an XLSX workbook (the file is empty)")
        what, advice = _looks_like(path, head)
        return _problem(path, f"not an XLSX workbook ({what}): {advice}")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            kind = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        return _problem(path, f"not an XLSX workbook (a damaged zip archive: {exc})")
    if b"opendocument.spreadsheet" in kind:
        return _problem(
            path,
            "not an XLSX workbook (it looks like an OpenDocument spreadsheet, .ods): "
            "save it as Excel 2007-365 (.xlsx)",
        )
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        what = "a Word document" if "word/document.xml" in names else "a zip archive"
        return _problem(path, f"not an XLSX workbook (it is {what} without a workbook)")
    if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
        return _problem(
            path,
            "not an XLSX workbook (it looks like an Excel binary workbook, .xlsb): "
            "save it as Excel Workbook (.xlsx)",
        )
    return None


def _first_cell(ws: ReadOnlyWorksheet) -> str:
    first = next(ws.rows, ())  # parses the first row only
    value = getattr(first[0], "value", None) if first else None
    return value.strip() if isinstance(value, str) else ""


def read_rows(path: Path) -> list[list[str]]:
    """Every row of the monitoring sheet in the workbook at `path`, as text cells (trailing
    empty cells left out). A file that is no xlsx workbook, or a workbook with no
    monitoring sheet or more than one, raises `ConfigError`."""
    refused = _not_a_workbook(path)
    if refused is not None:
        raise refused
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises what its parts raise: name it, whatever it is
        raise _problem(
            path, f"not a readable XLSX workbook ({type(exc).__name__}: {exc})"
        ) from None
    try:
        worksheets = [ws for ws in workbook.worksheets if isinstance(ws, ReadOnlyWorksheet)]
        marked = [ws for ws in worksheets if _first_cell(ws) == MARK]
        names = ", ".join(repr(ws.title) for ws in worksheets) or "none"
        if not marked:
            raise _problem(
                path,
                f"no monitoring sheet in this workbook: no sheet's first cell is {MARK!r} "
                f"(sheets: {names})",
            )
        if len(marked) > 1:
            found = ", ".join(repr(ws.title) for ws in marked)
            raise _problem(
                path, f"{len(marked)} monitoring sheets in this workbook ({found}): keep one"
            )
        ws = marked[0]
        ws.reset_dimensions()  # the rows there are, not the size the file states
        return [_row(row) for row in ws.rows]
    except ConfigError:
        raise
    except Exception as exc:
        raise _problem(
            path, f"not a readable XLSX workbook ({type(exc).__name__}: {exc})"
        ) from None
    finally:
        workbook.close()
