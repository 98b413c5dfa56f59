"""The two CSV dialects of the matrix: `csv` (commas, decimal points) and `csv-semicolon`
(semicolons, decimal commas), from one writer; and, where LibreOffice is installed, what its
import makes of them."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_strategy import EvaluationResult, Strategy, Text, evaluate, load
from municipal_strategy.default_plugins.export_csv import COMMA, SEMICOLON, Dialect, quoted
from municipal_strategy.matrix import DEFAULT_MATRIX
from municipal_strategy.plugins import Plugins, exporter_for
from municipal_strategy.report import Report
from municipal_strategy.testing import export, plugins_with, sample_result, strategies

from .conftest import EXAMPLE

DIALECTS = {"csv": COMMA, "csv-semicolon": SEMICOLON}
#: A matrix that also shows the internal number columns (a configuration may ask for them).
WITH_NUMBERS = ("code", "action", "weight", "progress", "achievements", "excluded", "remarks")
WEIGHT, PROGRESS = WITH_NUMBERS.index("weight"), WITH_NUMBERS.index("progress")
ACTION = DEFAULT_MATRIX.index("action")
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)",
)


@cache
def example() -> EvaluationResult:
    return evaluate(load(EXAMPLE))


def with_numbers(result: EvaluationResult) -> EvaluationResult:
    """`result`, its strategy's matrix showing weights and progress."""
    return evaluate(attrs.evolve(result.strategy, matrix=WITH_NUMBERS), result.year)


@pytest.fixture(autouse=True, scope="module")
def _builtins() -> Iterator[Plugins]:
    with plugins_with() as plugins:
        yield plugins


def rows(data: bytes, dialect: Dialect) -> list[list[str]]:
    """The cells of a CSV export, read as Python's csv module reads `dialect`."""
    text = io.StringIO(data.decode("utf-8-sig"), newline="")
    return list(csv.reader(text, delimiter=dialect.separator))


def retitle(strategy: Strategy, title: str) -> Strategy:
    """`strategy` with its first action titled `title`."""
    axis = strategy.axes[0]
    action = attrs.evolve(axis.actions[0], title=Text.plain(title))
    return attrs.evolve(
        strategy, axes=(attrs.evolve(axis, actions=(action, *axis.actions[1:])), *strategy.axes[1:])
    )


def test_the_semicolon_dialect_is_a_second_format_with_its_own_extension() -> None:
    with plugins_with() as plugins:
        comma = plugins.exporters["csv"].item
        semicolon = plugins.exporters["csv-semicolon"].item
        assert plugins.problems == []
        assert semicolon.media_type == comma.media_type == "text/csv" and semicolon.is_text
        assert semicolon.extension == ".ssv" != comma.extension
        assert exporter_for(Path("matrix.csv")) is comma  # .csv still names one format
        assert exporter_for(Path("matrix.ssv")) is semicolon


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_semicolons_a_bom_and_crlf(lang: str) -> None:
    data = export("csv-semicolon", example(), lang)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert len(rows(data, SEMICOLON)) == text.count("\r\n") == 1 + len(example().actions) == 31
    assert text.endswith("\r\n")  # records end in CRLF; line breaks inside cells are LF
    header = text.split("\r\n", 1)[0]
    assert header.split(";") == Report.of(example(), lang).matrix_header()


@pytest.mark.parametrize("lang", ["ar", "fr", "en", None])
def test_both_dialects_hold_the_same_rows(lang: str | None) -> None:
    for result in (with_numbers(example()), with_numbers(sample_result())):
        comma = rows(export("csv", result, lang), COMMA)
        semicolon = rows(export("csv-semicolon", result, lang), SEMICOLON)
        assert len(semicolon) == len(comma) == 1 + len(result.actions)
        for left, right in zip(comma, semicolon, strict=True):
            numbers = (WEIGHT, PROGRESS)
            assert [c for i, c in enumerate(left) if i not in numbers] == [
                c for i, c in enumerate(right) if i not in numbers
            ]
            assert [right[i] for i in numbers] == [left[i].replace(".", ",") for i in numbers]


def test_numbers_take_a_decimal_comma_and_text_keeps_its_points() -> None:
    comma = rows(export("csv", with_numbers(sample_result()), "fr"), COMMA)[1]
    semicolon = rows(export("csv-semicolon", with_numbers(sample_result()), "fr"), SEMICOLON)[1]
    assert (comma[WEIGHT], semicolon[WEIGHT]) == ("0.75", "0,75")
    achievements = WITH_NUMBERS.index("achievements")
    assert semicolon[achievements] == comma[achievements] == "12 jeux publiés"
    arabic = rows(export("csv-semicolon", with_numbers(sample_result()), "ar"), SEMICOLON)[1]
    assert arabic[achievements] == "نشر 12 مجموعة بيانات على www.tiznit.ma"


@pytest.mark.parametrize("name", sorted(DIALECTS))
@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_that_would_run_as_formulas_are_inert(name: str, start: str) -> None:
    payload = f'{start}HYPERLINK("http://x";"y")'
    table = rows(export(name, evaluate(retitle(load(EXAMPLE), payload))), DIALECTS[name])
    assert table[1][ACTION] == "'" + payload


def test_the_arabic_survives_a_round_trip() -> None:
    table = rows(export("csv-semicolon", with_numbers(example()), "ar"), SEMICOLON)
    assert table[0][:3] == ["الرقم", "الإجراء", "الوزن"]
    assert table[1][1] == "تفعيل الحق في الحصول على المعلومات"
    excluded = [row for row in table[1:] if row[WITH_NUMBERS.index("excluded")] == "نعم"]
    assert [row[0] for row in excluded] == ["19", "20", "21", "22", "23"]
    assert all("أمازيغية" in row[WITH_NUMBERS.index("remarks")] for row in excluded)


@pytest.mark.parametrize("name", sorted(DIALECTS))
def test_a_cell_with_any_separator_is_quoted(name: str) -> None:
    """LibreOffice's import dialog splits on commas, semicolons and tabs at once by default:
    a cell holding any of them is quoted, in either dialect."""
    title = "Phase 1 ; phase 2, puis\tla suite"
    data = export(name, evaluate(retitle(load(EXAMPLE), title)), "fr")
    assert '"Phase 1 ; phase 2, puis\tla suite"' in data.decode("utf-8-sig")
    assert rows(data, DIALECTS[name])[1][ACTION] == title


@given(st.text(st.characters(blacklist_characters="\x00")))
def test_quoting_is_what_a_csv_reader_reads_back(cell: str) -> None:
    for dialect in DIALECTS.values():
        line = dialect.separator.join([quoted(cell), quoted(cell)])
        (read,) = csv.reader(io.StringIO(line, newline=""), delimiter=dialect.separator)
        assert read == [cell, cell]
        assert quoted(cell).startswith('"') == bool(set(cell) & set(',;\t"\r\n'))


@settings(max_examples=40, deadline=None)
@given(strategies(max_axes=3, max_actions=4), st.sampled_from(["ar", "fr", "en", None]))
def test_any_configuration_gives_one_row_per_action(strategy: Strategy, lang: str | None) -> None:
    result = evaluate(strategy)
    table = rows(export("csv-semicolon", result, lang), SEMICOLON)
    assert len(table) == 1 + len(result.actions)
    assert {len(row) for row in table} == {len(DEFAULT_MATRIX)}


def soffice_csv(source: Path, options: str, out: Path) -> list[list[str]]:
    """`source` opened by LibreOffice headless with the CSV import `options`, saved back as
    UTF-8 CSV with commas, and read: what a reader of those settings sees, cell by cell."""
    out.mkdir()
    command = ["soffice", f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless"]
    command += [
        "--infilter=CSV:" + options,
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76",
    ]
    command += ["--outdir", str(out), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    saved = (out / source.name).read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(saved, newline="")))


@needs_soffice
@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("csv-semicolon", "59,34,76,1"),  # the settings docs/spreadsheets.md gives: ";", UTF-8
        ("csv", "44,34,76,1"),  # ",", UTF-8
        ("csv-semicolon", "44/59/9,34,76,1"),  # the import dialog's first-use separators
        ("csv", "44/59/9,34,76,1"),
    ],
)
def test_libreoffice_reads_the_arabic_and_accents_with_the_documented_settings(
    tmp_path: Path, name: str, options: str, lang: str
) -> None:
    source = tmp_path / "matrix.csv"
    source.write_bytes(export(name, evaluate(retitle(load(EXAMPLE), "Phase 1 ; phase 2")), lang))
    table = soffice_csv(source, options, tmp_path / "out")
    expected = rows(source.read_bytes(), DIALECTS[name])
    assert [len(row) for row in table] == [len(DEFAULT_MATRIX)] * len(expected)
    assert table[0] == expected[0] == Report.of(example(), lang).matrix_header()
    assert [row[ACTION] for row in table] == [row[ACTION] for row in expected]  # titles
    assert table[1][ACTION] == "Phase 1 ; phase 2"
