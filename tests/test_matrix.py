"""The evaluation and monitoring matrix as communes draw it, the same in every format."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from municipal_strategy import evaluate, load
from municipal_strategy.build import build_document
from municipal_strategy.cli import cli
from municipal_strategy.document import Section, Table
from municipal_strategy.matrix import DEFAULT_MATRIX
from municipal_strategy.report import Report
from municipal_strategy.testing import export, plugins_with

from .conftest import EXAMPLE

TILILA = Path(__file__).parent / "data" / "tilila"


def annex(document_result: object, lang: str) -> Table:
    document = build_document(document_result, lang)  # type: ignore[arg-type]
    (section,) = [s for s in document.sections if s.kind == "annex"]
    (table,) = [b for b in section.blocks if isinstance(b, Table)]
    return table


def test_the_default_columns_are_a_communes_and_hold_no_internal_one() -> None:
    result = evaluate(load(EXAMPLE))
    header = Report.of(result, "fr").matrix_header()
    assert header == [
        "N°",
        "Action",
        "Indicateur",
        "Valeur de référence",
        "Cible",
        "Valeur mesurée",
        "Réalisation",
        "Service responsable",
        "Échéance",
        "Statut",
        "Observations",
    ]
    assert not {"Id", "Poids", "Avancement"} & set(header)
    assert DEFAULT_MATRIX[0] == "code"


def test_the_same_columns_in_the_document_and_the_csv() -> None:
    result = evaluate(load(EXAMPLE))
    table = annex(result, "ar")
    with plugins_with():
        rows = list(csv.reader(io.StringIO(export("csv", result, "ar").decode("utf-8-sig"))))
    assert [w.text for w in table.header] == rows[0]
    assert len(table.rows) == len(rows) - 1 == 30
    assert [row[0].text for row in table.rows] == [row[0] for row in rows[1:]]


def test_a_lower_is_better_indicator_reads_as_its_achievement() -> None:
    # delay: baseline 30 days, target 10, measured 20 in 2025: half way, 50 %.
    result = evaluate(load(TILILA), 2025)
    table = annex(result, "en")
    header = [w.text for w in table.header]
    (t122,) = [row for row in table.rows if row[0].text == "T1.2.2"]
    cells = dict(zip(header, (c.text for c in t122), strict=True))
    assert (cells["Baseline"], cells["Target"], cells["Measured"]) == ("30", "10", "20")
    assert cells["Achievement"] == "50%"
    assert "/" not in cells["Measured"]
    assert cells["Deadline"] == "2026"


def test_a_configuration_chooses_and_orders_the_columns(tmp_path: Path) -> None:
    strategy = load(TILILA)
    chosen = attrs.evolve(strategy, matrix=("status", "code", "weight"))
    table = annex(evaluate(chosen, 2025), "fr")
    assert [w.text for w in table.header] == ["Statut", "N°", "Poids"]
    assert table.numeric == (False, False, True)
    folder = tmp_path / "tilila"
    shutil.copytree(TILILA, folder)
    text = (folder / "strategy.toml").read_text(encoding="utf-8")
    (folder / "strategy.toml").write_text(
        text.replace('currency = "MAD"\n', 'currency = "MAD"\nmatrix = ["code", "colour"]\n'),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 2
    assert (
        "matrix[1]: unknown matrix column 'colour' (expected one of: code, action" in result.stderr
    )


def test_indicator_lines_stay_aligned_across_columns() -> None:
    result = evaluate(load(EXAMPLE))
    table = annex(result, "en")
    header = [w.text for w in table.header]
    columns = [header.index(name) for name in ("Indicator", "Baseline", "Target", "Measured")]
    for row in table.rows:
        counts = {len(row[c].text.split("\n")) for c in columns if row[columns[0]].text}
        assert len(counts) <= 1


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_every_action_is_a_row_of_the_annex(lang: str) -> None:
    result = evaluate(load(EXAMPLE))
    table = annex(result, lang)
    assert [row[0].text for row in table.rows] == [r.action.code for r in result.actions]
    assert all(isinstance(s, Section) for s in build_document(result, lang).sections)
