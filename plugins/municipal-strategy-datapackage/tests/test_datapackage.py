"""The datapackage exporter: valid Frictionless packages, right figures, same bytes twice."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import frictionless
import municipal_strategy as ms
import pytest
from hypothesis import given, settings
from municipal_strategy.model import UNASSESSED
from municipal_strategy.plugins import ENTRY_POINT_GROUP, LOAD_PLUGINS_ENV, exporter_for
from municipal_strategy.testing import export, plugins_with, sample_result, strategies

import municipal_strategy_datapackage
from municipal_strategy_datapackage.descriptor import package_name
from municipal_strategy_datapackage.table import number

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "aitmelloul_2022"
TABLES = (
    "evaluation",
    "axes",
    "statuses",
    "actions",
    "findings",
    "indicators",
    "activities",
    "evidence",
)


@pytest.fixture(scope="module", autouse=True)
def _no_source_date_epoch() -> Iterator[None]:
    """Packages here are dated from the evaluation, whatever the environment says."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        yield


@pytest.fixture(scope="module")
def example() -> ms.EvaluationResult:
    return ms.evaluate(ms.load(EXAMPLE))


@pytest.fixture(scope="module")
def example_files(example: ms.EvaluationResult) -> dict[str, bytes]:
    return unpack(package(example))


def package(result: ms.EvaluationResult, lang: str | None = None) -> bytes:
    with plugins_with(municipal_strategy_datapackage):
        return export("datapackage", result, lang)


def unpack(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def descriptor(files: dict[str, bytes]) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(files["datapackage.json"])
    return found


def rows(files: dict[str, bytes], table: str) -> list[dict[str, str]]:
    text = files[f"{table}.csv"].decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def validate(data: bytes, folder: Path) -> None:
    """Extract the package and have frictionless validate it: schemas, types, keys, hashes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["type", "rowNumber", "fieldName", "note"])


def rate(cell: str) -> float | None:
    return float(cell) if cell else None


def test_the_example_is_a_valid_data_package(example: ms.EvaluationResult, tmp_path: Path) -> None:
    validate(package(example), tmp_path)


def test_the_package_lists_its_tables_with_their_schemas(example_files: dict[str, bytes]) -> None:
    found = descriptor(example_files)
    assert found["name"] == "ait-melloul-communication-media-strategy-2022"
    assert found["licenses"][0]["name"] == "CC-BY-4.0"
    assert found["version"] == "3.0.0"  # 2: codes replace numbers; 3: locators per language
    assert found["created"] == "2023-02-01T00:00:00Z"  # the evaluation was presented in 2023-02
    assert [r["name"] for r in found["resources"]] == list(TABLES)
    assert sorted(example_files) == sorted(["datapackage.json", *(f"{t}.csv" for t in TABLES)])
    for resource in found["resources"]:
        assert resource["path"] == f"{resource['name']}.csv"
        assert (resource["format"], resource["mediatype"], resource["encoding"]) == (
            "csv",
            "text/csv",
            "utf-8",
        )
        data = example_files[resource["path"]]
        assert not data.startswith(b"\xef\xbb\xbf")
        header = data.split(b"\r\n", 1)[0].decode("utf-8").split(",")
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        assert resource["schema"]["primaryKey"]


def test_the_example_has_its_30_actions_in_5_axes_at_the_library_s_rates(
    example: ms.EvaluationResult, example_files: dict[str, bytes]
) -> None:
    actions = rows(example_files, "actions")
    axes = rows(example_files, "axes")
    assert len(actions) == 30
    assert len(axes) == 5
    assert [a["axis_id"] for a in axes] == [a.axis.id for a in example.axes]
    assert [a["code"] for a in axes] == ["1", "2", "3", "4", "5"]
    assert [(a["axis_code"], a["action_code"]) for a in actions] == [
        (a.axis.code, a.action.code) for a in example.actions
    ]
    assert actions[-1]["action_code"] == "30"
    assert [rate(a["implementation_rate"]) for a in axes] == [a.rate for a in example.axes]
    (evaluation,) = rows(example_files, "evaluation")
    assert rate(evaluation["implementation_rate"]) == example.rate == pytest.approx(0.56)
    assert int(evaluation["counted_actions"]) == len(example.counted) == 25
    assert [a["status"] for a in actions] == [a.status for a in example.actions]
    assert [a["excluded"] for a in actions] == [str(a.excluded).lower() for a in example.actions]


def test_texts_round_trip_in_every_language(
    example: ms.EvaluationResult, example_files: dict[str, bytes]
) -> None:
    actions = rows(example_files, "actions")
    for row, action in zip(actions, example.actions, strict=True):
        assert row["title_ar"] == action.action.title.values["ar"]
        assert row["title_fr"] == action.action.title.values["fr"]
        assert row["title_en"] == action.action.title.values["en"]
    (evaluation,) = rows(example_files, "evaluation")
    assert evaluation["commune_zgh"] == example.strategy.commune.values["zgh"]


def test_plain_texts_fill_every_language_and_unassessed_actions_are_listed(
    tmp_path: Path,
) -> None:
    result = sample_result()
    data = package(result)
    validate(data, tmp_path)
    files = unpack(data)
    (workshop,) = rows(files, "activities")
    assert [workshop[f"organiser_{lang}"] for lang in ("ar", "fr", "en", "zgh")] == ["OGP"] * 4
    assert workshop["date"] == "2025-03-14"
    statuses = {row["status"]: row for row in rows(files, "statuses")}
    assert statuses["unassessed"]["weight"] == ""
    assert statuses["unassessed"]["label_ar"] == "غير مقيَّم"
    assert {k: int(v["counted_actions"]) for k, v in statuses.items()} == result.status_counts


def test_the_same_evaluation_gives_the_same_bytes(example: ms.EvaluationResult) -> None:
    first, second = package(example), package(example)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(2023, 2, 1, 0, 0, 0)}


def test_source_date_epoch_dates_the_package(
    example: ms.EvaluationResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = package(example)
    assert descriptor(unpack(data))["created"] == "2023-11-14T22:13:20Z"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.infolist()[0].date_time == (2023, 11, 14, 22, 13, 20)


def test_the_language_only_changes_the_title_and_description(
    example: ms.EvaluationResult,
) -> None:
    arabic, french = unpack(package(example, "ar")), unpack(package(example, "fr"))
    assert {n for n in arabic if arabic[n] != french[n]} == {"datapackage.json"}
    assert descriptor(french)["title"].startswith("Stratégie de communication")
    assert "56%" in descriptor(french)["description"]


def test_names_are_slugs_of_latin_texts_else_a_fallback() -> None:
    result = sample_result()
    assert package_name(result) == "tiznit-participation-strategy-2025"
    name: Mapping[Any, str] = {"ar": "جماعة"}  # Any keys: see tables._unassessed_label
    arabic = ms.Text(name)
    strategy = result.strategy
    only_arabic = ms.evaluate(
        ms.Strategy(
            commune=arabic,
            title=arabic,
            period=strategy.period,
            axes=strategy.axes,
            evaluations=strategy.evaluations,
        )
    )
    assert package_name(only_arabic) == "municipal-strategy-2025"


def test_a_bad_source_date_epoch_is_an_error(
    example: ms.EvaluationResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        package(example)


def test_the_readme_documents_every_column(example_files: dict[str, bytes]) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for resource in descriptor(example_files)["resources"]:
        section = readme.split(f"### `{resource['path']}`", 1)[1].split("\n### ", 1)[0]
        for field in resource["schema"]["fields"]:
            assert f"`{field['name']}`" in section, (resource["name"], field["name"])


@pytest.mark.parametrize(
    ("value", "cell"),
    [(12.0, "12"), (0.56, "0.56"), (1 / 3, "0.3333333333333333"), (float("-inf"), "-INF")],
)
def test_numbers_keep_full_precision(value: float, cell: str) -> None:
    assert number(value) == cell


@settings(max_examples=30, deadline=None)
@given(strategies())
def test_any_strategy_exports_and_its_tables_parse_back(strategy: ms.Strategy) -> None:
    result = ms.evaluate(strategy)
    files = unpack(package(result))
    found = descriptor(files)
    assessments = [r.assessment for r in result.actions if r.assessment is not None]
    expected = {
        "evaluation": 1,
        "axes": len(result.axes),
        "statuses": len(strategy.scale) + (UNASSESSED not in {s.id for s in strategy.scale}),
        "actions": len(result.actions),
        "findings": sum(
            len(a.achievements) + len(a.constraints) + len(a.next_steps) + len(a.notes)
            for a in assessments
        ),
        "indicators": len(result.indicators),
        "activities": sum(len(a.activities) for a in assessments),
        "evidence": sum(len(a.evidence) for a in assessments),
    }
    for resource in found["resources"]:
        table = rows(files, resource["name"])
        assert len(table) == expected[resource["name"]]
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert all(list(row) == fields and None not in row.values() for row in table)
    codes = [(row["axis_code"], row["action_code"]) for row in rows(files, "actions")]
    assert codes == [(a.axis.code, a.action.code) for a in result.actions]
    titles = [row["title_en"] for row in rows(files, "actions")]
    assert titles == [
        a.action.title.values.get("en", a.action.title.values.get("", "")) for a in result.actions
    ]


@settings(max_examples=12, deadline=None)
@given(strategies())
def test_any_strategy_gives_a_valid_package(strategy: ms.Strategy) -> None:
    with tempfile.TemporaryDirectory() as folder:
        validate(package(ms.evaluate(strategy)), Path(folder))


def test_the_entry_point_is_declared() -> None:
    (entry_point,) = [
        e for e in metadata.entry_points(group=ENTRY_POINT_GROUP) if e.name == "datapackage"
    ]
    assert entry_point.value == "municipal_strategy_datapackage"
    assert entry_point.load() is municipal_strategy_datapackage


def test_zip_files_are_data_packages() -> None:
    with plugins_with(municipal_strategy_datapackage):
        assert exporter_for(Path("aitmelloul-2022.zip")).name == "datapackage"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != LOAD_PLUGINS_ENV}
    return subprocess.run(
        [sys.executable, "-m", "municipal_strategy", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )


def test_the_installed_plugin_is_listed_and_writes_the_same_package(
    example: ms.EvaluationResult, tmp_path: Path
) -> None:
    listed = _cli("plugins")
    assert listed.returncode == 0, listed.stderr
    assert any(line.split()[:1] == ["datapackage"] for line in listed.stdout.splitlines())
    assert "municipal-strategy-datapackage 0.1.0" in listed.stdout
    output = tmp_path / "aitmelloul-2022.zip"
    written = _cli("report", str(EXAMPLE), "--format", "datapackage", "-o", str(output))
    assert written.returncode == 0, written.stderr
    assert output.read_bytes() == package(example)
