"""The xlsx exporter: the workbook's sheets and numbers on the shipped example, inert text,
robustness on arbitrary configurations, reproducible bytes, and the installed plugin."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import string
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import attrs
import municipal_strategy
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from municipal_strategy import Assessment, EvaluationResult, Progress, Strategy, Text, evaluate
from municipal_strategy.dates import created
from municipal_strategy.errors import OutputError
from municipal_strategy.matrix import DEFAULT_MATRIX
from municipal_strategy.model import Indicator, Measurement
from municipal_strategy.plugins import LOAD_PLUGINS_ENV
from municipal_strategy.report import Report
from municipal_strategy.testing import export, plugins_with, sample_result, sample_strategy
from municipal_strategy.testing import strategies as configurations
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

import municipal_strategy_xlsx
from municipal_strategy_xlsx._workbook import (
    LINE_POINTS,
    MAX_WIDTH,
    MIN_WIDTH,
    own_label,
    report_title,
    sheet_title,
)

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "aitmelloul_2022"
LANGS = ["ar", "fr", "en"]
HYPERLINK = '=HYPERLINK("http://example.com/x","click")'
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)",
)


@pytest.fixture(scope="module", autouse=True)
def _xlsx_plugin() -> Iterator[None]:
    """The built-in plugins and this one; installed entry points stay out."""
    with plugins_with(municipal_strategy_xlsx):
        yield


@pytest.fixture(scope="module")
def example() -> EvaluationResult:
    return municipal_strategy.evaluate(municipal_strategy.load(EXAMPLE))


@pytest.fixture
def no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def workbook(result: EvaluationResult, lang: str | None) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(export("xlsx", result, lang)))


def sheets(book: Workbook) -> list[Worksheet]:
    return [ws for ws in book.worksheets if isinstance(ws, Worksheet)]


def cells(ws: Worksheet) -> Iterator[Cell]:
    for row in ws.iter_rows():
        yield from (cell for cell in row if isinstance(cell, Cell))


def row_of(ws: Worksheet, first: object) -> list[Cell]:
    """The row whose first cell holds `first`."""
    for row in ws.iter_rows():
        if row[0].value == first:
            return [cell for cell in row if isinstance(cell, Cell)]
    raise AssertionError(f"no row starts with {first!r}")


def with_texts(strategy: Strategy, commune: str, axis: str, action: str) -> Strategy:
    """`strategy` with the commune, its first axis and that axis's first action renamed."""
    first_axis = strategy.axes[0]
    actions = (
        attrs.evolve(first_axis.actions[0], title=Text.plain(action)),
        *first_axis.actions[1:],
    )
    axes = (attrs.evolve(first_axis, title=Text.plain(axis), actions=actions), *strategy.axes[1:])
    return attrs.evolve(strategy, commune=Text.plain(commune), axes=axes)


def test_the_exporter_is_registered() -> None:
    with plugins_with(municipal_strategy_xlsx) as plugins:
        exporter = plugins.exporters["xlsx"].item
    assert exporter.extension == ".xlsx" and not exporter.is_text
    assert exporter.media_type == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert plugins.problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_summary_sheet_then_one_sheet_per_axis(example: EvaluationResult, lang: str) -> None:
    book = workbook(example, lang)
    report = Report.of(example, lang)
    assert len(book.sheetnames) == 1 + len(example.axes) == 6
    assert book.sheetnames[0] == report.label("summary")
    for name, axis in zip(book.sheetnames[1:], example.axes, strict=True):
        assert name.startswith(f"{axis.axis.code}. ") and len(name) <= 31
    for ws, axis in zip(sheets(book)[1:], example.axes, strict=True):
        codes = [row[0].value for row in ws.iter_rows(min_row=2)]
        assert codes == [action.action.code for action in axis.actions]  # in plan order
    assert sum(ws.max_row - 1 for ws in sheets(book)[1:]) == len(example.actions) == 30


def matrix(ws: Worksheet) -> list[list[object]]:
    """The values of an axis sheet's rows below its header."""
    return [[cell.value for cell in row] for row in ws.iter_rows(min_row=2)]


@pytest.mark.parametrize("lang", LANGS)
def test_axis_sheets_have_the_matrix_columns_under_a_frozen_bold_header(
    example: EvaluationResult, lang: str
) -> None:
    report = Report.of(example, lang)
    assert [column.key for column in report.matrix_columns()] == list(DEFAULT_MATRIX)
    assert len(report.matrix_header()) == 11
    for ws in sheets(workbook(example, lang))[1:]:
        header = [cell for cell in ws[1] if isinstance(cell, Cell)]
        assert [cell.value for cell in header] == report.matrix_header()
        assert ws.max_column == len(header)  # no column beyond the matrix's
        assert all(cell.font.b and cell.alignment.wrap_text for cell in header)
        assert header[0].fill.fgColor.rgb.endswith("D9E2F3")
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:K{ws.max_row}"
        for letter in "ABCDEFGHIJK":
            assert MIN_WIDTH <= ws.column_dimensions[letter].width <= MAX_WIDTH


def test_a_strategy_s_own_matrix_columns_in_its_order(example: EvaluationResult) -> None:
    chosen = ("status", "code", "axis", "action")
    result = evaluate(attrs.evolve(example.strategy, matrix=chosen), example.year)
    report = Report.of(result, "en")
    book = workbook(result, "en")
    for ws, axis in zip(sheets(book)[1:], result.axes, strict=True):
        assert [cell.value for cell in ws[1]] == report.matrix_header()
        assert ws.max_column == 4
        assert matrix(ws) == [
            [
                report.status(a),
                a.action.code,
                report.node_title(a.axis),
                report.text(a.action.title),
            ]
            for a in axis.actions
        ]


def test_matrix_numbers_are_numbers_and_codes_text(example: EvaluationResult) -> None:
    chosen = ("id", "code", "weight", "progress", "achievements")  # a matrix asking for them
    result = evaluate(attrs.evolve(example.strategy, matrix=chosen), example.year)
    book = workbook(result, "en")
    rows = [row for ws in sheets(book)[1:] for row in ws.iter_rows(min_row=2)]
    assert [row[0].value for row in rows] == [action.action.id for action in result.actions]
    assert any(action.weight is None for action in result.actions)  # the excluded ones
    for action, row in zip(result.actions, rows, strict=True):
        code, weight = row[1], row[2]
        assert isinstance(code, Cell) and isinstance(weight, Cell)
        assert code.value == action.action.code and code.data_type == "s"  # "1", not 1
        if action.weight is None:
            assert weight.value is None  # an empty cell, not an empty string
        else:
            assert weight.value == action.weight and isinstance(weight.value, (int, float))
            assert weight.data_type == "n" and weight.number_format == "General"
    long_texts = [cell for ws in sheets(book)[1:] for cell in cells(ws) if "\n" in str(cell.value)]
    assert long_texts and all(cell.alignment.wrap_text for cell in long_texts)


def test_a_value_of_one_indicator_is_a_number_of_several_text(example: EvaluationResult) -> None:
    book = workbook(example, "fr")
    rows = {row[0]: row for ws in sheets(book)[1:] for row in matrix(ws)}
    achieved = DEFAULT_MATRIX.index("achieved")
    baseline = DEFAULT_MATRIX.index("baseline")
    assert rows["3"][achieved] == 16  # one indicator: a number
    assert rows["1"][achieved] == "4\n73\n50"  # three: one a line, as text
    assert rows["18"][achieved] == "338\u202f558\n40\u202f000"  # as a French reader writes them
    assert rows["1"][baseline] is None  # no indicator has one: empty, not three blank lines
    assert rows["5"][achieved] is None  # no indicator
    numbers = [
        cell for ws in sheets(book)[1:] for cell in cells(ws) if isinstance(cell.value, int | float)
    ]
    assert numbers and {cell.column_letter for cell in numbers} <= set("DEFG")  # numeric ones


@pytest.mark.parametrize(("lang", "rtl"), [("ar", True), ("fr", False), ("en", False)])
def test_arabic_sheets_run_right_to_left(example: EvaluationResult, lang: str, rtl: bool) -> None:
    book = workbook(example, lang)
    assert [bool(ws.sheet_view.rightToLeft) for ws in sheets(book)] == [rtl] * 6
    assert book.properties.language == lang


def test_without_a_language_the_strategy_title_s_first_one_is_used() -> None:
    result = sample_result()  # its title is in Arabic first
    assert all(ws.sheet_view.rightToLeft for ws in sheets(workbook(result, None)))


def test_the_summary_in_arabic(example: EvaluationResult) -> None:
    book = workbook(example, "ar")
    summary = sheets(book)[0]
    values = {cell.value for cell in cells(summary)}
    assert "جماعة أيت ملول" in values
    assert row_of(summary, own_label("commune", "ar"))[1].value == "جماعة أيت ملول"
    assert book.properties.creator == "جماعة أيت ملول"
    assert book.properties.title == Report.of(example, "ar").label(
        "report_title", strategy=Report.of(example, "ar").text(example.strategy.title), year=2022
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_headline_rate_is_a_percent_number(example: EvaluationResult, lang: str) -> None:
    assert example.rate is not None and f"{example.rate:.0%}" == "56%"
    report = Report.of(example, lang)
    summary = sheets(workbook(example, lang))[0]
    rate = row_of(summary, report.label("rate"))[1]
    assert isinstance(rate.value, float) and rate.value == example.rate
    assert round(rate.value, 2) == 0.56 and rate.number_format == "0%"
    assert row_of(summary, report.label("counted"))[1].value == 25
    assert row_of(summary, own_label("year", lang))[1].value == 2022


@pytest.mark.parametrize("lang", LANGS)
def test_the_summary_tables(example: EvaluationResult, lang: str) -> None:
    report = Report.of(example, lang)
    summary = sheets(workbook(example, lang))[0]
    for axis in example.axes:
        row = row_of(summary, f"{axis.axis.code}. {report.text(axis.axis.title)}")
        if axis.rate is None:
            assert row[1].value == report.label("axis_all_excluded")
        else:
            assert row[1].value == axis.rate and row[1].number_format == "0%"
        assert [row[2].value, row[3].value] == [len(axis.counted), len(axis.excluded)]
    for status, count in example.status_counts.items():
        assert row_of(summary, report.status_name(status))[1].value == count
    assert len(example.excluded) == 5
    for action in example.excluded:
        row = row_of(summary, action.action.code)
        assert action.exclusion is not None
        assert row[1].value == report.text(action.action.title)
        assert row[4].value == report.text(action.exclusion.reason)
    # no excluded action was assessed: the note says why there is no second rate
    assert example.rate_with_excluded is None
    note = row_of(summary, own_label("rate_with_excluded", lang))[1]
    assert note.value == report.label("excluded_unassessed")


def test_the_rate_with_excluded_actions_when_there_is_one() -> None:
    strategy = sample_strategy()
    evaluation = strategy.evaluation()
    assessed = Assessment(action="z1", status="complete")  # z1 is excluded
    evaluation = attrs.evolve(evaluation, assessments=(*evaluation.assessments, assessed))
    result = municipal_strategy.evaluate(strategy.with_evaluation(evaluation))
    assert result.rate_with_excluded is not None
    summary = sheets(workbook(result, "fr"))[0]
    cell = row_of(summary, own_label("rate_with_excluded", "fr"))[1]
    assert cell.value == result.rate_with_excluded and cell.number_format == "0%"


def test_formula_like_texts_stay_inert_text() -> None:
    strategy = with_texts(sample_strategy(), commune="=1+1", axis="@SUM(A1)", action=HYPERLINK)
    data = export("xlsx", municipal_strategy.evaluate(strategy), "en")
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = [cell for ws in sheets(book) for cell in cells(ws) if cell.value == HYPERLINK]
    assert len(found) == 1  # the action's title in the matrix
    assert all(cell.data_type == "s" for cell in found)
    assert row_of(sheets(book)[0], "Commune")[1].value == "=1+1"
    assert book.sheetnames[1] == "1. @SUM(A1)"
    assert all(cell.data_type in {"s", "n"} for ws in sheets(book) for cell in cells(ws))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = [archive.read(name) for name in archive.namelist() if "worksheets/" in name]
    assert sheet_xml and not any(b"<f>" in xml or b"<f " in xml for xml in sheet_xml)


def test_characters_a_workbook_cannot_hold_are_replaced() -> None:
    strategy = with_texts(
        sample_strategy(), commune="a\x00b\x1bc\ufffe", axis="[x]: y/z*?\\\x01", action="t\x0bu"
    )
    book = workbook(municipal_strategy.evaluate(strategy), "en")
    assert row_of(sheets(book)[0], "Commune")[1].value == "a\ufffdb\ufffdc\ufffd"
    assert book.sheetnames[1] == "1. x y z \ufffd"
    assert any(cell.value == "t\ufffdu" for cell in cells(sheets(book)[1]))


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(st.text(), st.lists(st.text(max_size=35), max_size=4))
def test_sheet_titles_are_valid_and_unique(text: str, taken: list[str]) -> None:
    title = sheet_title(text, taken)
    assert title and 1 <= utf16_units(title) <= 31
    assert not set(title) & set("[]:*?/\\") and title[0] != "'" and title[-1] != "'"
    assert title.casefold() not in {name.casefold() for name in taken}


@pytest.mark.parametrize(
    ("axis", "title"),
    [
        # not "… et", "… de", "… في", nor "… communication,": a title does not stop mid-phrase
        (
            "2. Information de proximité et services numériques efficaces",
            "2. Information de proximité…",
        ),
        (
            "3. Renforcer la présence de l'amazighe dans l'action de communication de la commune",
            "3. Renforcer la présence…",
        ),
        ("1. La communication, gouvernance et concertation", "1. La communication…"),
        ("3. تعزيز حضور الأمازيغية في العمل التواصلي للجماعة", "3. تعزيز حضور الأمازيغية…"),
        (
            "4. الرفع من القدرات التواصلية والإعلامية لمصالح الجماعة",
            "4. الرفع من القدرات التواصلية…",
        ),
        ("1. التواصل حكامة وتشاور", "1. التواصل حكامة وتشاور"),  # it fits: whole
        ("2. Proximity media and effective digital services", "2. Proximity media…"),
    ],
)
def test_long_sheet_titles_are_cut_between_words(axis: str, title: str) -> None:
    assert sheet_title(axis, ()) == title


def test_cut_titles_stay_unique_and_cut_between_words() -> None:
    axis = "2. Information de proximité et services numériques efficaces"
    first = sheet_title(axis, ())
    assert sheet_title(axis, [first]) == "2. Information… (2)"  # not "… de (2)"
    assert sheet_title("Summary", ["SUMMARY"]) == "Summary (2)"
    assert sheet_title("history", ()) == "history (2)"  # Excel reserves "History"


def test_only_a_first_word_too_long_for_a_title_is_cut_inside() -> None:
    assert sheet_title("10. " + "𝔸" * 40, ()) == "10.…"
    assert sheet_title("𝔸" * 40, ()) == "𝔸" * 15 + "…"  # 31 units: no half pair


@given(st.lists(st.text(string.ascii_letters + "éءب", min_size=1, max_size=12), min_size=1))
def test_a_cut_title_is_whole_words_of_the_text(words: list[str]) -> None:
    text = " ".join(words)
    title = sheet_title(text, ())
    if title == text:
        assert utf16_units(text) <= 31
    else:
        kept = title.removesuffix("…").split(" ")
        assert title.endswith("…") and kept == words[: len(kept)]


@pytest.mark.parametrize("lang", [*LANGS, None])
@settings(max_examples=30, deadline=None)
@given(strategy=configurations())
def test_any_configuration_gives_a_readable_workbook(lang: str | None, strategy: Strategy) -> None:
    result = municipal_strategy.evaluate(strategy)
    book = workbook(result, lang)
    axis_sheets = sheets(book)[1:]
    assert len(axis_sheets) == len(result.axes)
    assert sum(ws.max_row - 1 for ws in axis_sheets) == len(result.actions)
    assert len({name.casefold() for name in book.sheetnames}) == len(book.sheetnames)
    assert all(cell.data_type in {"s", "n"} for ws in sheets(book) for cell in cells(ws))


WEIGHTS = ("id", "code", "weight", "progress")  # a matrix showing weights and progress


def with_progress(progress: float, matrix: tuple[str, ...] = WEIGHTS) -> EvaluationResult:
    """The sample evaluation, its first assessment (of o1) with a `progress` too, its matrix
    in the columns `matrix`."""
    strategy = attrs.evolve(sample_strategy(), matrix=matrix)
    evaluation = strategy.evaluation()
    first, *others = evaluation.assessments
    assessments = (attrs.evolve(first, progress=Progress(progress)), *others)
    return municipal_strategy.evaluate(
        strategy.with_evaluation(attrs.evolve(evaluation, assessments=assessments))
    )


def matrix_row(result: EvaluationResult, lang: str, code: str) -> list[Cell]:
    """The row of the action of `code` in its axis's sheet of `result`'s workbook."""
    column = Report.of(result, lang).matrix_header().index(Report.of(result, lang).label("code"))
    for ws in sheets(workbook(result, lang))[1:]:
        for row in ws.iter_rows(min_row=2):
            if row[column].value == code:
                return [cell for cell in row if isinstance(cell, Cell)]
    raise AssertionError(f"no row for the action {code!r}")


@pytest.mark.parametrize("lang", LANGS)
def test_a_weight_shows_as_a_weight_and_a_progress_as_a_percentage(lang: str) -> None:
    result = with_progress(0.4)
    assert result.actions[0].action.id == "o1" and result.actions[0].weight == 0.75
    row = matrix_row(result, lang, "1")
    action_id, weight, progress = (row[WEIGHTS.index(key)] for key in ("id", "weight", "progress"))
    assert action_id.value == "o1"
    assert weight.value == 0.75 and weight.data_type == "n"
    assert weight.number_format == "General"  # 0.75, not 75%
    assert progress.value == 0.4 and progress.data_type == "n"
    assert progress.number_format == "0%"  # 40%
    unassessed = matrix_row(result, lang, "2")
    assert unassessed[WEIGHTS.index("progress")].value is None  # no progress: an empty cell


@pytest.mark.parametrize("lang", LANGS)
def test_an_achievement_shows_as_a_percentage_and_values_as_numbers(lang: str) -> None:
    result = with_progress(0.4, DEFAULT_MATRIX)
    (indicator,) = Report.of(result, lang).indicators_of(result.actions[0])
    assert indicator.achievement == 0.6  # 12 datasets of 20
    row = matrix_row(result, lang, "1")
    target, achieved, achievement = (
        row[DEFAULT_MATRIX.index(key)] for key in ("target", "achieved", "achievement")
    )
    assert (target.value, achieved.value) == (20, 12)
    assert target.number_format == achieved.number_format == "General"
    assert achievement.value == 0.6 and achievement.data_type == "n"
    assert achievement.number_format == "0%"  # 60%
    assert row[DEFAULT_MATRIX.index("baseline")].value is None


def with_two_indicators() -> EvaluationResult:
    """The sample evaluation, o1 with a second indicator measured too."""
    strategy = sample_strategy()
    axis = strategy.axes[0]
    first, *others = axis.actions
    volunteers = Indicator(id="volunteers", name=Text.plain("Volunteers"), target=8)
    first = attrs.evolve(first, indicators=(*first.indicators, volunteers))
    strategy = attrs.evolve(
        strategy, axes=(attrs.evolve(axis, actions=(first, *others)), *strategy.axes[1:])
    )
    evaluation = strategy.evaluation()
    assessed, *rest = evaluation.assessments
    measured = (*assessed.measurements, Measurement(indicator="volunteers", value=2))
    assessments = (attrs.evolve(assessed, measurements=measured), *rest)
    return municipal_strategy.evaluate(
        strategy.with_evaluation(attrs.evolve(evaluation, assessments=assessments))
    )


@pytest.mark.parametrize("lang", LANGS)
def test_several_achievements_read_as_percentages_too(lang: str) -> None:
    result = with_two_indicators()
    report = Report.of(result, lang)
    shares = [indicator.achievement for indicator in report.indicators_of(result.actions[0])]
    assert shares == [0.6, 0.25]
    row = matrix_row(result, lang, "1")
    achievement = row[DEFAULT_MATRIX.index("achievement")]
    # one line per indicator, as the PDF writes them: "60 %", never "0.6"
    assert achievement.value == "\n".join(report.percent(share) for share in shares)
    assert achievement.data_type == "s" and "0.6" not in str(achievement.value)
    assert row[DEFAULT_MATRIX.index("target")].value == "\n".join(
        report.number(target) for target in (20, 8)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_every_sheet_prints_landscape_one_page_wide_its_first_row_on_every_page(
    example: EvaluationResult, lang: str
) -> None:
    for ws in sheets(workbook(example, lang)):
        setup = ws.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9  # A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)  # one page wide, any height
        properties = ws.sheet_properties.pageSetUpPr
        assert properties is not None and properties.fitToPage
        assert ws.print_title_rows == "$1:$1"


def test_rows_are_tall_enough_for_their_lines(example: EvaluationResult) -> None:
    book = workbook(example, "fr")
    for ws in sheets(book):
        for number, row in enumerate(ws.iter_rows(), 1):
            wrapped = [c for c in row if isinstance(c, Cell) and c.alignment.wrap_text]
            lines = max((str(c.value).count("\n") + 1 for c in wrapped), default=1)
            height = ws.row_dimensions[number].height or LINE_POINTS
            assert height >= lines * LINE_POINTS
    summary = sheets(book)[0]
    assert summary.row_dimensions[1].height is None  # the title does not wrap: one line
    assert any((sheets(book)[1].row_dimensions[n].height or 0) > LINE_POINTS for n in (2, 3))


def convert(source: Path, to: str, out: Path) -> Path:
    """`source` converted by LibreOffice (headless, its own profile) to format `to` in `out`."""
    profile = (out / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", to, "--outdir", str(out), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    converted = out / f"{source.stem}.{to}"
    assert converted.is_file(), f"LibreOffice wrote no {converted.name}"
    return converted


def values(ws: Worksheet) -> list[list[object]]:
    """The cells' values, numbers to 12 digits (LibreOffice saves 15, Python writes 17)."""
    return [
        [round(cell.value, 12) if isinstance(cell.value, float) else cell.value for cell in row]
        for row in ws.iter_rows()
    ]


@needs_soffice
def test_libreoffice_keeps_the_arabic_right_to_left_and_the_print_set_up(
    example: EvaluationResult, tmp_path: Path
) -> None:
    source = tmp_path / "matrix.xlsx"
    source.write_bytes(export("xlsx", example, "ar"))
    saved = openpyxl.load_workbook(convert(source, "xlsx", tmp_path / "out"))
    original = openpyxl.load_workbook(source)
    assert saved.sheetnames == original.sheetnames
    for before, after in zip(sheets(original), sheets(saved), strict=True):
        assert values(after) == values(before)
        assert after.sheet_view.rightToLeft
        assert after.page_setup.orientation == "landscape" and after.print_title_rows == "$1:$1"
    assert "جماعة أيت ملول" in {cell.value for cell in cells(sheets(saved)[0])}


@needs_soffice
def test_libreoffice_prints_each_matrix_page_landscape_under_its_header(
    example: EvaluationResult, tmp_path: Path
) -> None:
    source = tmp_path / "matrix.xlsx"
    source.write_bytes(export("xlsx", example, "fr"))
    pages = PdfReader(convert(source, "pdf", tmp_path / "out")).pages
    assert len(pages) > len(example.axes) + 1  # some sheets take more than a page
    assert all(page.mediabox.width > page.mediabox.height for page in pages)
    report = Report.of(example, "fr")
    header, title = report.matrix_header(), report_title(report)
    texts = [page.extract_text() for page in pages]
    # the summary's pages come first, each under its title (its first row)
    summary = [n for n, text in enumerate(texts) if title in text]
    assert summary and summary == list(range(len(summary)))
    on_matrix_sheets = texts[len(summary) :]
    assert len(on_matrix_sheets) > len(example.axes)  # some axis takes more than a page
    for text in on_matrix_sheets:
        assert all(label in text for label in header)
    assert not any(header[3] in texts[n] for n in summary)


def test_the_same_evaluation_gives_the_same_bytes(
    example: EvaluationResult, no_epoch: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = export("xlsx", example, "fr")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 400 * 86400)
    assert export("xlsx", example, "fr") == first
    book = openpyxl.load_workbook(io.BytesIO(first))
    # the day the evaluation was presented (February 2023), as the PDF says
    assert created(example.evaluation) == dt.datetime(2023, 2, 1, tzinfo=dt.timezone.utc)
    assert book.properties.created == book.properties.modified == dt.datetime(2023, 2, 1)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 2, 1, 0, 0, 0)}


def test_an_evaluation_never_presented_is_dated_the_next_new_year(
    example: EvaluationResult, no_epoch: None
) -> None:
    evaluation = attrs.evolve(example.evaluation, presented=None)
    result = municipal_strategy.evaluate(example.strategy.with_evaluation(evaluation))
    data = export("xlsx", result, "fr")
    assert openpyxl.load_workbook(io.BytesIO(data)).properties.created == dt.datetime(2023, 1, 1)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 1, 1, 0, 0, 0)}


def test_source_date_epoch_dates_the_file(
    example: EvaluationResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = export("xlsx", example, "en")
    assert openpyxl.load_workbook(io.BytesIO(data)).properties.created == dt.datetime(
        2023, 11, 14, 22, 13, 20
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_a_source_date_epoch_that_is_not_a_time_is_refused(
    example: EvaluationResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(OutputError, match="SOURCE_DATE_EPOCH"):
        export("xlsx", example, "en")


def run(*args: str, load: str | None = None) -> subprocess.CompletedProcess[str]:
    """Python with the installed plugins (all, or those `load` names), from the repository."""
    env = {key: value for key, value in os.environ.items() if key != LOAD_PLUGINS_ENV}
    if load is not None:
        env[LOAD_PLUGINS_ENV] = load
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=EXAMPLE.parents[1],
        check=True,
    )


def test_the_entry_point_is_declared() -> None:
    found = [ep for ep in metadata.entry_points(group="municipal_strategy") if ep.name == "xlsx"]
    assert found, "install the plugin: pip install -e plugins/municipal-strategy-xlsx"
    assert {ep.value for ep in found} == {"municipal_strategy_xlsx"}
    assert {ep.dist.name for ep in found if ep.dist} == {"municipal-strategy-xlsx"}
    assert found[0].load() is municipal_strategy_xlsx


def test_the_plugins_command_lists_it() -> None:
    output = run("-m", "municipal_strategy", "plugins").stdout
    version = metadata.version("municipal-strategy-xlsx")
    sections = re.split(r"^(?=\S)", output, flags=re.MULTILINE)
    for title in ("Exporters", "Sources:", "Sheet formats"):  # the report, updates, the sheet
        (section,) = [section for section in sections if section.startswith(title)]
        (line,) = [line for line in section.splitlines() if line.startswith("  xlsx ")]
        assert line.split()[:3] == ["xlsx", ".xlsx", "municipal-strategy-xlsx"]
        assert f"municipal-strategy-xlsx {version}" in line and version == "0.1.0"
    skipped = output.partition("Skipped:")[2]
    assert "xlsx" not in skipped


def test_the_report_command_writes_a_workbook(tmp_path: Path) -> None:
    output = tmp_path / "matrix.xlsx"
    done = run("-m", "municipal_strategy", "report", "examples/aitmelloul_2022", "-o", str(output))
    assert "(xlsx)" in done.stderr
    book = openpyxl.load_workbook(output)
    assert len(book.sheetnames) == 6 and book.worksheets[0].sheet_view.rightToLeft


def test_loading_the_plugin_does_not_import_openpyxl() -> None:
    code = (
        "import sys\n"
        "import municipal_strategy_xlsx\n"
        "assert 'openpyxl' not in sys.modules, 'import'\n"
        "from municipal_strategy.plugins import get_plugins\n"
        "assert 'xlsx' in get_plugins().exporters\n"
        "assert 'openpyxl' not in sys.modules, 'plugin loading'\n"
    )
    run("-c", code, load="xlsx")
