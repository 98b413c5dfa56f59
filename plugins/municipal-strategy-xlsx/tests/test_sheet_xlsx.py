"""The monitoring sheet as xlsx, out and back: no edit changes nothing to the byte, an edit
made in the workbook lands exactly, the status drop-down, locked columns and protection,
right to left in Arabic, formulas and files that are no workbook refused with nothing
written, and LibreOffice opening, saving and printing the sheet."""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import attrs
import municipal_strategy
import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from municipal_strategy import ConfigError, Strategy, Text
from municipal_strategy.cli import cli
from municipal_strategy.sheet import MARK, Sheet, build_sheet, read_sheet
from municipal_strategy.testing import plugins_with, sample_strategy
from municipal_strategy.testing import strategies as configurations
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

import municipal_strategy_xlsx
from municipal_strategy_xlsx._sheet import cell_value, read_rows, sheet_bytes

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "aitmelloul_2022"
TILILA = ROOT / "tests" / "data" / "tilila"
LANGS = ["ar", "fr", "en"]
#: Whether the core's Sheet carries the scale's labels; before, the drop-down can only
#: suggest the labels the status column holds.
KNOWS_THE_SCALE = "statuses" in attrs.fields_dict(Sheet)
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)",
)


@pytest.fixture(scope="module", autouse=True)
def _xlsx_plugin() -> Iterator[None]:
    """The built-in plugins and this one; installed entry points stay out."""
    with plugins_with(municipal_strategy_xlsx):
        yield


def copy(tmp_path: Path, source: Path = EXAMPLE) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


def make_sheet(config: Path, year: int, out: Path, *extra: str) -> Path:
    result = CliRunner().invoke(
        cli, ["sheet", str(config), "--year", str(year), "-o", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out


def import_(sheet: Path, config: Path, year: int) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["import", str(sheet), str(config), "--year", str(year)])
    return result.exit_code, result.stdout, result.stderr


def worksheet(path: Path) -> tuple[Workbook, Worksheet]:
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    assert isinstance(ws, Worksheet)
    return book, ws


def header(ws: Worksheet) -> list[str]:
    return [str(cell.value) for cell in ws[2] if isinstance(cell, Cell)]


def at(ws: Worksheet, action: str, column: str) -> Cell:
    """The cell of `action`'s row in `column` (a header)."""
    for row in ws.iter_rows(min_row=3):
        if row[0].value == action:
            cell = row[header(ws).index(column)]
            assert isinstance(cell, Cell)
            return cell
    raise AssertionError(f"no row for {action!r}")


def edit(path: Path, changes: dict[tuple[str, str], str | float]) -> None:
    """Edit the workbook at `path` as someone would in a spreadsheet: cells set, saved."""
    book, ws = worksheet(path)
    for (action, column), value in changes.items():
        at(ws, action, column).value = value
    book.save(path)


def scale_labels(strategy: Strategy, lang: str) -> list[str]:
    return [level.label.get(lang, strategy.fallback) for level in strategy.scale]


def status_list(ws: Worksheet) -> DataValidation:
    found: list[DataValidation] = [
        dv for dv in ws.data_validations.dataValidation if dv.type == "list"
    ]
    assert len(found) == 1
    return found[0]


def listed(book: Workbook, validation: DataValidation) -> list[str]:
    """The labels a list validation offers, inline or from the hidden sheet."""
    source = str(validation.formula1)
    if source.startswith('"'):
        return source.strip('"').split(",")
    sheet_name, _, cells = source.rpartition("!")
    ws = book[sheet_name.strip("'")]
    return [str(row[0].value) for row in ws[cells.replace("$", "")]]


def test_the_sheet_format_and_the_source_are_registered() -> None:
    with plugins_with(municipal_strategy_xlsx) as plugins:
        sheet_format = plugins.sheet_formats["xlsx"].item
        source = plugins.sources["xlsx"].item
    assert sheet_format.extension == ".xlsx"
    assert source.suffixes == (".xlsx",) and source.updates
    assert plugins.problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_out_and_back_without_an_edit_changes_nothing(tmp_path: Path, lang: str) -> None:
    config = copy(tmp_path)
    before = (config / "evaluations" / "2022.toml").read_bytes()
    sheet = make_sheet(config, 2022, tmp_path / "m.xlsx", "--lang", lang)
    rows = read_rows(sheet)
    assert rows[0][:3] == [MARK, rows[0][1], "year=2022"] and rows[0][1].startswith("plan=")
    assert len(rows) == 2 + 30
    code, out, err = import_(sheet, config, 2022)
    assert code == 0, err
    assert out == ""
    assert "no change" in err
    assert (config / "evaluations" / "2022.toml").read_bytes() == before


def test_out_and_back_on_the_fictional_commune_changes_nothing(tmp_path: Path) -> None:
    config = copy(tmp_path, TILILA)
    files = {path: path.read_bytes() for path in config.rglob("*.toml")}
    for year in (2024, 2025):
        sheet = make_sheet(config, year, tmp_path / f"m-{year}.xlsx", "--lang", "fr")
        code, out, err = import_(sheet, config, year)
        assert code == 0, err
        assert (out, "no change" in err) == ("", True)
    assert {path: path.read_bytes() for path in config.rglob("*.toml")} == files


def test_the_sheet_holds_what_the_core_builds(tmp_path: Path) -> None:
    """Row 1 the mark, row 2 the header, then the rows, cell for cell as strings."""
    strategy = municipal_strategy.load(EXAMPLE)
    expected = build_sheet(strategy, 2022, "fr")
    _, ws = worksheet(make_sheet(EXAMPLE, 2022, tmp_path / "m.xlsx", "--lang", "fr"))
    rows = [list(expected.mark), list(expected.header), *map(list, expected.rows)]
    for number, row in enumerate(rows, 1):
        cells = [ws.cell(number, column) for column in range(1, len(row) + 1)]
        assert [cell.value or "" for cell in cells] == row
        assert all(cell.number_format == "@" for cell in cells)  # what is typed stays text
        assert all(cell.data_type == "s" for cell in cells if cell.value is not None)
    assert ws.max_row == len(rows)


def test_an_edit_made_in_the_workbook_lands_exactly(tmp_path: Path) -> None:
    config = copy(tmp_path)
    file = config / "evaluations" / "2022.toml"
    before = file.read_text(encoding="utf-8")
    base = {a.action: a for a in municipal_strategy.load(config).evaluation(2022).assessments}
    sheet = make_sheet(config, 2022, tmp_path / "m.xlsx", "--lang", "fr")
    edit(
        sheet,
        {
            ("a01", "status"): "En cours",  # implemented → in_progress, by its French label
            ("a04", "measurements"): "sector-review-meetings = 3",
            ("a05", "spent"): 125000.0,  # typed as a number: read as 125000
        },
    )
    code, out, err = import_(sheet, config, 2022)
    assert code == 0, err
    assert out.splitlines() == [
        "a01 status: Réalisée → En cours",
        "a04 measurements: sector-review-meetings = → sector-review-meetings = 3",
        "a05 spent: — → 125000",
    ]
    after = file.read_text(encoding="utf-8")
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    removed = [line[1:] for line in diff[2:] if line.startswith("-")]
    assert removed == ['status = "implemented"']
    assert after.startswith(before.split("\n[[", 1)[0])  # the header comments, untouched
    now = {a.action: a for a in municipal_strategy.load(config).evaluation(2022).assessments}
    assert now["a01"] == attrs.evolve(base["a01"], status="in_progress")
    measured = {m.indicator: m.value for m in now["a04"].measurements}
    assert measured["sector-review-meetings"] == 3
    assert now["a05"].spent == 125000
    assert {k: v for k, v in now.items() if k not in {"a01", "a04", "a05"}} == {
        k: v for k, v in base.items() if k not in {"a01", "a04", "a05"}
    }


def test_a_new_year_starts_from_last_year_s_statuses(tmp_path: Path) -> None:
    config = copy(tmp_path, TILILA)
    sheet = make_sheet(config, 2026, tmp_path / "m.xlsx", "--lang", "fr")
    _, ws = worksheet(sheet)
    assert at(ws, "t111", "status").value == "Réalisée"  # 2025's, as a starting point
    edit(sheet, {("t111", "measurements"): "datasets = 30"})
    code, _, err = import_(sheet, config, 2026)
    assert code == 0, err
    assert "created" in err
    assessments = {
        a.action: a for a in municipal_strategy.load(config).evaluation(2026).assessments
    }
    assert assessments["t111"].status == "fait"
    assert assessments["t111"].measurements[0].value == 30


@pytest.mark.parametrize("lang", LANGS)
def test_the_status_column_is_a_drop_down_of_the_scale_s_labels(tmp_path: Path, lang: str) -> None:
    strategy = municipal_strategy.load(EXAMPLE)
    book, ws = worksheet(make_sheet(EXAMPLE, 2022, tmp_path / "m.xlsx", "--lang", lang))
    validation = status_list(ws)
    status = header(ws).index("status") + 1
    letter = get_column_letter(status)
    assert str(validation.sqref) == f"{letter}3:{letter}32"
    assert sorted(listed(book, validation)) == sorted(scale_labels(strategy, lang))
    assert validation.allow_blank and validation.showInputMessage
    if KNOWS_THE_SCALE:
        assert listed(book, validation) == scale_labels(strategy, lang)
    assert bool(validation.showErrorMessage) == KNOWS_THE_SCALE


@pytest.mark.skipif(not KNOWS_THE_SCALE, reason="the core's Sheet has no statuses field yet")
def test_the_drop_down_lists_every_label_even_unused_and_refuses_others(tmp_path: Path) -> None:
    strategy = municipal_strategy.load(TILILA)
    book, ws = worksheet(make_sheet(TILILA, 2025, tmp_path / "m.xlsx", "--lang", "en"))
    validation = status_list(ws)
    assert listed(book, validation) == scale_labels(strategy, "en")
    assert validation.showErrorMessage and validation.errorStyle == "stop"


def with_label(strategy: Strategy, label: str) -> Strategy:
    """`strategy` whose first status given in its evaluation is called `label`."""
    used = next(a.status for a in strategy.evaluation().assessments if a.status)
    scale = tuple(
        attrs.evolve(level, label=Text.plain(label)) if level.id == used else level
        for level in strategy.scale
    )
    return attrs.evolve(strategy, scale=scale)


def test_labels_an_inline_list_cannot_hold_come_from_a_hidden_sheet(tmp_path: Path) -> None:
    strategy = with_label(sample_strategy(), 'Fait, "en partie"')
    year = strategy.evaluation().year
    path = tmp_path / "m.xlsx"
    path.write_bytes(sheet_bytes(build_sheet(strategy, year, "fr")))
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    assert isinstance(ws, Worksheet)
    validation = status_list(ws)
    assert str(validation.formula1).startswith("'lists'!$A$1")
    assert 'Fait, "en partie"' in listed(book, validation)
    assert book["lists"].sheet_state == "hidden"
    assert read_sheet(strategy, year, read_rows(path), path) == []  # the marked sheet is read


def test_each_editable_column_says_what_it_expects(tmp_path: Path) -> None:
    _, ws = worksheet(make_sheet(EXAMPLE, 2022, tmp_path / "m.xlsx", "--lang", "fr"))
    names = header(ws)
    prompts = {
        names[cells.min_col - 1]: validation.prompt
        for validation in ws.data_validations.dataValidation
        for cells in validation.sqref.ranges
        if cells.min_row == 3
    }
    assert set(prompts) == {
        "status",
        "progress",
        *(
            f"{field}.{lang}"
            for field in ("achievements", "constraints", "next_steps")
            for lang in LANGS
        ),
        "committed",
        "spent",
        "measurements",
        "evidence",
    }
    assert prompts["measurements"] == "Une ligne par indicateur : indicateur = valeur."
    assert all(len(text or "") <= 255 for text in prompts.values())


@pytest.mark.parametrize("lang", LANGS)
def test_locked_columns_and_a_protected_sheet(tmp_path: Path, lang: str) -> None:
    _, ws = worksheet(make_sheet(EXAMPLE, 2022, tmp_path / "m.xlsx", "--lang", lang))
    expected = build_sheet(municipal_strategy.load(EXAMPLE), 2022, lang)
    assert ws.protection.sheet and not ws.protection.password
    assert not ws.protection.formatColumns and not ws.protection.autoFilter  # allowed
    for row in ws.iter_rows(max_row=2):
        assert all(cell.protection.locked for cell in row)
    for row in ws.iter_rows(min_row=3):
        for cell, column in zip(row, expected.columns, strict=True):
            assert cell.protection.locked == column.locked, (cell.coordinate, column.header)
            if column.locked:
                assert cell.fill.fgColor.rgb.endswith("F2F2F2")
    assert [c.header for c in expected.columns if c.locked] == [
        "action",
        "code",
        "title",
        "responsible",
    ]


@pytest.mark.parametrize(("lang", "rtl"), [("ar", True), ("fr", False), ("en", False)])
def test_an_arabic_sheet_runs_right_to_left(tmp_path: Path, lang: str, rtl: bool) -> None:
    book, ws = worksheet(make_sheet(EXAMPLE, 2022, tmp_path / "m.xlsx", "--lang", lang))
    assert bool(ws.sheet_view.rightToLeft) == rtl
    assert book.properties.language == lang
    assert at(ws, "a01", "status").value == scale_labels(municipal_strategy.load(EXAMPLE), lang)[0]


def test_the_layout(tmp_path: Path) -> None:
    _, ws = worksheet(make_sheet(EXAMPLE, 2022, tmp_path / "m.xlsx", "--lang", "ar"))
    assert ws.freeze_panes == "C3"  # the header, each row's action id and code
    mark = [ws.cell(1, column) for column in range(1, 6)]
    assert all(cell.font.i and cell.font.sz == 8 for cell in mark)  # the mark: a note
    assert all(cell.font.b for cell in ws[2])
    assert ws.auto_filter.ref == f"A2:{get_column_letter(ws.max_column)}32"
    letters = map(get_column_letter, range(1, len(header(ws)) + 1))
    widths = [ws.column_dimensions[letter].width for letter in letters]
    assert all(8 <= width <= 50 for width in widths)
    assert widths[header(ws).index("justification.fr")] >= 30  # room to write
    texts = [cell for row in ws.iter_rows(min_row=3) for cell in row]
    assert all(cell.alignment.wrap_text for cell in texts)
    assert any((ws.row_dimensions[n].height or 0) > 15 for n in range(3, 33))


def test_a_formula_typed_in_a_cell_is_refused_with_its_row_and_column(tmp_path: Path) -> None:
    config = copy(tmp_path)
    before = (config / "evaluations" / "2022.toml").read_bytes()
    sheet = make_sheet(config, 2022, tmp_path / "m.xlsx")
    edit(sheet, {("a04", "justification.fr"): "=1+1", ("a01", "progress"): "=SUM(0.5)"})
    _, ws = worksheet(sheet)
    assert at(ws, "a04", "justification.fr").data_type == "f"  # a formula, as typed
    code, out, err = import_(sheet, config, 2022)
    assert code == 2 and out == ""
    assert f"error: {sheet}: row 6, column 'justification.fr': a formula is not read" in err
    assert f"error: {sheet}: row 3, column 'progress': a formula is not read" in err
    assert "Traceback" not in err
    assert (config / "evaluations" / "2022.toml").read_bytes() == before


def test_a_formula_like_text_stays_text_and_comes_back_unchanged(tmp_path: Path) -> None:
    strategy = sample_strategy()
    evaluation = strategy.evaluation()
    first, *others = evaluation.assessments
    texts = Text(dict.fromkeys(strategy.title.languages, '=HYPERLINK("http://x") -1 @x'))
    evaluation = attrs.evolve(
        evaluation, assessments=(attrs.evolve(first, justification=texts), *others)
    )
    strategy = strategy.with_evaluation(evaluation)
    path = tmp_path / "m.xlsx"
    path.write_bytes(sheet_bytes(build_sheet(strategy, evaluation.year)))
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    assert read_sheet(strategy, evaluation.year, read_rows(path), path) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            None,  # the sheet itself, saved as CSV
            "not an XLSX workbook (it looks like CSV text): it is a monitoring sheet saved as "
            "CSV: name it m.csv and it is read as CSV",
        ),
        (
            "action;status\r\na01;implemented\r\n".encode("utf-8-sig"),
            "not an XLSX workbook (it looks like CSV text): open it in a spreadsheet and save "
            "it as Excel Workbook (.xlsx), or name it .csv",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
            "not an XLSX workbook (it looks like an Excel 97-2003 .xls workbook",
        ),
        (b"", "not an XLSX workbook (the file is empty)"),
        (
            b"<html><body><table></table></body></html>",
            "not an XLSX workbook (it looks like XML or HTML text)",
        ),
        (b"PK\x03\x04 cut short", "not an XLSX workbook (a damaged or incomplete zip archive)"),
    ],
)
def test_a_file_that_is_no_workbook_is_refused_and_nothing_written(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    config = copy(tmp_path)
    before = (config / "evaluations" / "2022.toml").read_bytes()
    sheet = tmp_path / "m.xlsx"
    if content is None:
        make_sheet(config, 2022, tmp_path / "m.csv").rename(sheet)
    else:
        sheet.write_bytes(content)
    code, out, err = import_(sheet, config, 2022)
    assert code == 2 and out == ""
    assert f"error: {sheet}: {message}" in err
    assert "Traceback" not in err
    assert (config / "evaluations" / "2022.toml").read_bytes() == before


def test_an_opendocument_spreadsheet_is_named(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(ConfigError, match=r"OpenDocument spreadsheet, \.ods"):
        read_rows(path)


def test_a_workbook_without_a_monitoring_sheet_is_refused(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.worksheets[0]
    assert isinstance(ws, Worksheet)
    ws.title = "Feuil1"
    ws["A1"] = "action"
    book.save(tmp_path / "other.xlsx")
    with pytest.raises(ConfigError) as refused:
        read_rows(tmp_path / "other.xlsx")
    assert str(refused.value) == (
        f"{tmp_path / 'other.xlsx'}: no monitoring sheet in this workbook: no sheet's first "
        f"cell is {MARK!r} (sheets: 'Feuil1')"
    )


def test_a_workbook_with_two_monitoring_sheets_is_refused(tmp_path: Path) -> None:
    sheet = make_sheet(EXAMPLE, 2022, tmp_path / "m.xlsx", "--lang", "fr")
    book, ws = worksheet(sheet)
    book.copy_worksheet(ws)
    book.save(sheet)
    with pytest.raises(ConfigError, match=r"2 monitoring sheets in this workbook \('Suivi 2022'"):
        read_rows(sheet)


def test_the_reader_gives_every_cell_as_text(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.worksheets[0]
    assert isinstance(ws, Worksheet)
    ws["A1"] = MARK
    ws.append([])
    ws.append(["a01", 4.0, 0.1, 1e-7, 12, True, None, "=SUM(1,2)", dt.datetime(2024, 3, 1)])
    ws["A4"] = "=x"
    ws["A4"].data_type = "s"  # a text, not a formula
    ws["A6"], ws["C6"] = "a02", None  # row 5 empty; a trailing empty cell
    ws["A7"] = "café _x00E9_"  # OOXML's escape, read as the character
    book.save(tmp_path / "t.xlsx")
    assert read_rows(tmp_path / "t.xlsx") == [
        [MARK],
        [],
        ["a01", "4", "0.1", "0.0000001", "12", "TRUE", "", "=SUM(1,2)", "2024-03-01"],
        ["'=x"],  # as the CSV writes such a text: `cells.inert`
        [],
        ["a02"],
        ["café é"],
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (4.0, "4"),
        (-0.5, "-0.5"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e20, "100000000000000000000"),
    ],
)
def test_numbers_read_as_their_shortest_exact_text(value: float, text: str) -> None:
    assert cell_value(value, "n") == text


def test_the_assessments_option_reads_a_filled_workbook(tmp_path: Path) -> None:
    sheet = make_sheet(EXAMPLE, 2022, tmp_path / "filled.xlsx", "--lang", "ar")
    edit(sheet, {("a01", "status"): "في طور الإنجاز"})  # implemented → in_progress
    result = CliRunner().invoke(
        cli, ["evaluate", str(EXAMPLE), "--assessments", str(sheet), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["implementation_rate"] == pytest.approx(13 / 25)
    unchanged = make_sheet(EXAMPLE, 2022, tmp_path / "unchanged.xlsx")
    result = CliRunner().invoke(
        cli, ["evaluate", str(EXAMPLE), "--assessments", str(unchanged), "--format", "json"]
    )
    assert json.loads(result.stdout)["implementation_rate"] == pytest.approx(14 / 25)


def test_the_assessments_option_refuses_a_formula(tmp_path: Path) -> None:
    sheet = make_sheet(EXAMPLE, 2022, tmp_path / "filled.xlsx")
    edit(sheet, {("a02", "status"): '=IF(TRUE,"Implemented")'})
    result = CliRunner().invoke(cli, ["validate", str(EXAMPLE), "--assessments", str(sheet)])
    assert result.exit_code == 2
    assert "row 4, column 'status': a formula is not read" in result.stderr


def test_the_same_sheet_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = make_sheet(EXAMPLE, 2022, tmp_path / "a.xlsx").read_bytes()
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 400 * 86400)
    assert make_sheet(EXAMPLE, 2022, tmp_path / "b.xlsx").read_bytes() == first
    book = openpyxl.load_workbook(io.BytesIO(first))
    assert book.properties.created == book.properties.modified == dt.datetime(2023, 1, 1)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 1, 1, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = openpyxl.load_workbook(make_sheet(EXAMPLE, 2022, tmp_path / "c.xlsx"))
    assert dated.properties.created == dt.datetime(2023, 11, 14, 22, 13, 20)


@settings(max_examples=25, deadline=None)
@given(strategy=configurations())
def test_any_configuration_comes_back_without_an_edit(
    tmp_path_factory: pytest.TempPathFactory, strategy: Strategy
) -> None:
    """Arbitrary Unicode texts — formula-like starts, control characters, Tifinagh — make
    the trip through the workbook unchanged."""
    if not strategy.evaluations:
        return
    year = strategy.evaluation().year
    path = tmp_path_factory.mktemp("sheet") / "m.xlsx"
    for lang in ("ar", None):
        path.write_bytes(sheet_bytes(build_sheet(strategy, year, lang)))
        assert read_sheet(strategy, year, read_rows(path), path) == []


def soffice(source: Path, to: str, out: Path) -> Path:
    """`source` converted by LibreOffice (headless, its own profile) to format `to` in `out`."""
    profile = (out / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", to, "--outdir", str(out), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    converted = out / f"{source.stem}.{to}"
    assert converted.is_file(), f"LibreOffice wrote no {converted.name}"
    return converted


@needs_soffice
def test_a_sheet_saved_by_libreoffice_comes_back_unchanged(tmp_path: Path) -> None:
    """LibreOffice opens the Arabic sheet and saves it: the Arabic, the direction, the
    protection and the drop-down survive, and importing it changes nothing."""
    config = copy(tmp_path)
    before = (config / "evaluations" / "2022.toml").read_bytes()
    sheet = make_sheet(config, 2022, tmp_path / "m.xlsx", "--lang", "ar")
    saved = soffice(sheet, "xlsx", tmp_path / "out")
    assert read_rows(saved) == read_rows(sheet)
    book, ws = worksheet(saved)
    assert ws.sheet_view.rightToLeft and ws.protection.sheet
    assert at(ws, "a01", "title").value == "تفعيل الحق في الحصول على المعلومات"
    assert sorted(listed(book, status_list(ws))) == sorted(
        scale_labels(municipal_strategy.load(config), "ar")
    )
    code, out, err = import_(saved, config, 2022)
    assert (code, out) == (0, ""), err
    assert (config / "evaluations" / "2022.toml").read_bytes() == before


@needs_soffice
def test_libreoffice_prints_the_arabic_sheet(tmp_path: Path) -> None:
    sheet = make_sheet(EXAMPLE, 2022, tmp_path / "m.xlsx", "--lang", "ar")
    pages = PdfReader(soffice(sheet, "pdf", tmp_path / "out")).pages
    assert all(page.mediabox.width > page.mediabox.height for page in pages)  # landscape
    text = "".join(page.extract_text() for page in pages)
    assert MARK in text and "a30" in text
    squeezed = "".join(text.split())  # the extraction drops the spaces between Arabic words
    assert "تفعيلالحقفيالحصولعلىالمعلومات" in squeezed  # a01's title
    assert all(label in squeezed for label in ("منجز", "فيطورالإنجاز"))  # statuses
