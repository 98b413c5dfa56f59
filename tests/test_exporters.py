"""The built-in exporters, on the example and on generated strategies of arbitrary Unicode."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_strategy import EvaluationResult, Report, Strategy, Text, evaluate, load
from municipal_strategy.testing import (
    export,
    plugins_with,
    sample_result,
    schema_validator,
    strategies,
)

from .conftest import EXAMPLE

FORMATS = ("json", "csv", "markdown", "html")


@cache
def example() -> EvaluationResult:
    return evaluate(load(EXAMPLE))


@cache
def validator() -> Any:
    return schema_validator("evaluation.schema.json")


@pytest.fixture(autouse=True, scope="module")
def _builtins() -> Any:
    with plugins_with() as plugins:
        yield plugins


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def retitle(strategy: Strategy, title: str) -> Strategy:
    axis = strategy.axes[0]
    action = attrs.evolve(axis.actions[0], title=Text.plain(title))
    return attrs.evolve(
        strategy, axes=(attrs.evolve(axis, actions=(action, *axis.actions[1:])), *strategy.axes[1:])
    )


def test_json_export_validates_against_its_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(validator().schema)
    data = json.loads(export("json", example(), lang="fr"))
    validator().validate(data)
    assert data["summary"]["implementation_rate"] == 0.56
    assert data["summary"]["lang"] == "fr"
    assert len(data["actions"]) == 30 and len(data["evaluation"]["assessments"]) == 30
    assert data["strategy"]["commune"]["zgh"] == "ⵜⴰⵎⵙⵎⵓⵏⵜ ⵏ ⴰⵢⵜ ⵎⵍⵍⵓⵍ"


def test_csv_matrix_has_a_bom_a_header_and_one_row_per_action() -> None:
    data = export("csv", example())
    assert data.startswith(b"\xef\xbb\xbf")
    table = rows(data)
    assert len(table) == 31
    header = table[0]
    assert header[:3] == ["الرقم", "الإجراء", "المؤشر"]
    column = {name: header.index(name) for name in ("الرقم", "الحالة", "ملاحظات", "المؤشر")}
    assert [row[column["الرقم"]] for row in table[1:]] == [str(n) for n in range(1, 31)]
    statuses = [row[column["الحالة"]] for row in table[1:]]
    assert statuses.count("منجز") == 14 and statuses.count("غير مقيَّم") == 5
    excluded = [row for row in table[1:] if "أمازيغية" in row[column["ملاحظات"]]]
    assert [row[0] for row in excluded] == ["19", "20", "21", "22", "23"]
    a01 = table[1]
    assert a01[column["المؤشر"]] and "chafafya" not in a01[column["المؤشر"]]  # indicators


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_would_run_as_formulas_are_inert(start: str) -> None:
    payload = f'{start}HYPERLINK("http://x")'
    table = rows(export("csv", evaluate(retitle(load(EXAMPLE), payload))))
    assert table[1][1] == "'" + payload  # the action's title, second column


def test_html_report_is_rtl_self_contained_and_charted() -> None:
    page = export("html", example()).decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "جماعة أيت ملول" in page
    assert page.count("<svg") >= 6  # a bar per axis and the status breakdown
    assert "<script" not in page and "http://" not in page.split("</style>")[0]
    assert "@media print" in page
    for axis in example().axes:
        assert axis.axis.title.get("ar") in page
    english = export("html", example(), lang="en").decode()
    assert '<html lang="en" dir="ltr">' in english
    assert '<span lang="zgh" dir="ltr">' not in english  # the commune has an English name


def test_html_escapes_configuration_text() -> None:
    page = export("html", evaluate(retitle(load(EXAMPLE), "<script>alert(1)</script>"))).decode()
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markdown_holds_the_whole_report() -> None:
    text = export("markdown", example(), lang="en").decode()
    assert text.startswith("# 2022 evaluation report: ")
    assert "**Implementation rate: 56% over 25 counted actions (25 assessed)**" in text
    for number in range(1, 31):
        assert f"\n### {number}. " in text
    assert "## Annex: Evaluation and monitoring matrix" in text


def test_markdown_neutralises_markup_in_texts() -> None:
    text = export(
        "markdown", evaluate(retitle(load(EXAMPLE), "# <b>[x](http://e)</b> | *y*"))
    ).decode()
    assert "<b>" not in text and "[x](" not in text.replace("\\[x\\](", "")
    assert "\\<b\\>\\[x\\](http://e)\\</b\\> \\| \\*y\\*" in text


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("lang", ["ar", "fr", "en", None])
def test_every_exporter_shows_the_sample_in_its_language(name: str, lang: str | None) -> None:
    result = sample_result()
    text = export(name, result, lang=lang).decode("utf-8-sig")
    shown = lang or "ar"  # the sample's title is in Arabic first
    report = Report.of(result, shown)
    if name == "json":
        assert json.loads(text)["summary"]["lang"] == shown
        assert json.loads(text)["summary"]["implementation_rate"] == result.rate
        return
    for action in result.actions:  # every action, titled in the report's language
        assert report.text(action.action.title) in text
    if name != "csv":  # the whole report: the headline rate in the reader's writing
        assert report.percent(result.rate) in text.replace("&nbsp;", "\u00a0")


@settings(max_examples=40, deadline=None)
@given(strategies(max_axes=3, max_actions=4), st.sampled_from(["ar", "fr", "en", None]))
def test_exporters_never_crash_on_any_unicode(strategy: Strategy, lang: str | None) -> None:
    result = evaluate(strategy)
    outputs = {name: export(name, result, lang=lang) for name in FORMATS}
    validator().validate(json.loads(outputs["json"]))
    assert len(rows(outputs["csv"])) == 1 + len(result.actions)
    page = outputs["html"].decode()
    assert "<script" not in page and page.rstrip().endswith("</html>")
    markdown = outputs["markdown"].decode("utf-8")
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    # the title, then a heading per axis, group and action at least
    assert len(headings) > len(result.actions) + len(list(result.nodes()))
