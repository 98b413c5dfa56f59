"""A network of communes compared, on the fictional network tests/data/network: four
communes of different scales (one invalid on purpose), the figures checked against hand
computations; bad networks refused with file and place; batch reports written, kept when
unchanged, left whole when interrupted."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import attrs
import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_strategy import EvaluationResult, Strategy, evaluate, hookimpl, load
from municipal_strategy.cli_network import INCOMPLETE, network
from municipal_strategy.network import (
    Distribution,
    Theme,
    compare_network,
    load_network,
    theme_rates,
)
from municipal_strategy.network_report import RECORD_FILE
from municipal_strategy.plugins import Exporter, ExportOptions
from municipal_strategy.testing import plugins_with, schema_validator, strategies

from .conftest import DATA

NETWORK = DATA / "network"
MEMBERS = ("tafoukt", "ighrem", "assif", "tizi")

# Hand computations, 2025 (rate = Σ w·s / Σ w over the counted actions with a score):
#
# tafoukt, scale "ogp": a1 complete 1, a2 limited .25, a3 substantial .75, a4 no_evidence
#   (assessed, not scored), a5 limited .25 → (1 + .25 + .75 + .25) / 4 = .5625;
#   counted 5, assessed 5, excluded 0; no dates (late null), no budget.
#   transparency (axis "ouvert" tagged): a1, a2 → 1.25 / 2 = .625
#   participation (axis "citoyens"): a3, a5 (a4 unscored) → 1 / 2 = .5
#   digital (a5 "numerique"): .25
# ighrem, own scale fait 1 / en_cours .5 / non_fait 0; axis T weight 2; s2 excluded (tag
#   "etat"): t1 (w 2, 1), t2 (w 2, .5), s1 (w 1, 0) → (2 + 1 + 0) / 5 = .6;
#   counted 3, assessed 3, excluded 1; late: t2 (ends 2025-06, under way) → 1.
#   budget: planned 10 000 + 40 000 + 50 000 = 100 000 over 3 actions; committed by t1, t2:
#   40 000 / 50 000 = .8; spent 20 000 / 50 000 = .4.
#   transparency: t1, t2 → 3 / 4 = .75; participation: none → null;
#   digital: t2, s1 → (2 · .5 + 0) / 3 = 1/3
# assif, scored by progress; group g1 (2 actions) has a progress of 60 % standing for them:
#   p3 (w 1, .3), g1 (w 2, .6), p4 (w 2, .5), p5 unassessed → (.3 + 1.2 + 1) / 5 = .5;
#   counted 5, assessed 4 (p5 has no progress), excluded 0.
#   transparency: p4 → .5; participation: g1 tagged → p1a, p1b stand at .6 → .6
#   (not (.8 + .2) / 2 = .5, their own progress); digital: p3 → .3
# tizi: invalid ('done' is not a status of its scale).
RATES = {"tafoukt": 0.5625, "ighrem": 0.6, "assif": 0.5, "tizi-n-tichka": None}
THEMES = {
    "tafoukt": {"transparency": 0.625, "participation": 0.5, "digital": 0.25},
    "ighrem": {"transparency": 0.75, "participation": None, "digital": 1 / 3},
    "assif": {"transparency": 0.5, "participation": 0.6, "digital": 0.3},
    "tizi-n-tichka": {"transparency": None, "participation": None, "digital": None},
}
# Across members, the rates sorted: .5, .5625, .6. Quartiles by linear interpolation
# (inclusive): Q1 = (.5 + .5625) / 2 = .53125, median .5625, Q3 = (.5625 + .6) / 2 = .58125;
# mean 1.6625 / 3.
DISTRIBUTION = {
    "count": 3,
    "min": 0.5,
    "q1": 0.53125,
    "median": 0.5625,
    "q3": 0.58125,
    "max": 0.6,
    "mean": 1.6625 / 3,
}


def run(*args: str) -> Result:
    return CliRunner().invoke(network, list(args))


def as_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = run(*args, "--format", "json")
    assert "Traceback" not in result.stderr, result.stderr
    return result.exit_code, json.loads(result.stdout)


def test_the_comparison_has_the_figures_computed_by_hand() -> None:
    code, data = as_json(str(NETWORK), "--year", "2025", "--jobs", "1")
    assert code == INCOMPLETE == 3
    schema_validator("network.schema.json").validate(data)
    members = {m["id"]: m for m in data["members"]}
    assert list(members) == ["tafoukt", "ighrem", "assif", "tizi-n-tichka"]
    assert {k: m["implementation_rate"] for k, m in members.items()} == pytest.approx(RATES)
    for key, rates in THEMES.items():
        assert members[key]["themes"] == pytest.approx(rates), key
    counts = {
        k: (m["counted_actions"], m["assessed_actions"], m["excluded_actions"], m["late_actions"])
        for k, m in members.items()
    }
    assert counts == {
        "tafoukt": (5, 5, 0, None),
        "ighrem": (3, 3, 1, 1),
        "assif": (5, 4, 0, None),
        "tizi-n-tichka": (None, None, None, None),
    }
    budget = members["ighrem"]["budget"]
    assert (budget["currency"], budget["planned"], budget["actions"]) == ("MAD", 100000, 3)
    assert (budget["committed"]["rate"], budget["spent"]["rate"]) == (0.8, 0.4)
    assert members["tafoukt"]["budget"] is None
    assert data["distribution"] == pytest.approx(DISTRIBUTION)
    assert data["counts"] == {
        "members": 4,
        "compared": 3,
        "invalid": 1,
        "no_evaluation": 0,
        "failed": 0,
    }
    assert [m["scoring"] for m in data["members"]] == ["status", "status", "progress", None]
    assert members["assif"]["name"] == "Assif (fictive)"  # the network's own name for it
    # without --lang, the first language of the network's title
    assert (data["lang"], members["ighrem"]["name"]) == ("fr", "Commune d'Ighrem (fictive)")


def test_regions_groups_and_themes_spread_as_computed_by_hand() -> None:
    _, data = as_json(str(NETWORK), "--year", "2025", "--jobs", "1")
    regions = {r["region"]: r for r in data["regions"]}
    assert list(regions) == ["Souss-Massa", "Drâa-Tafilalet", "Oriental"]
    # Souss-Massa: .5625 and .6 → median and mean .58125
    souss = regions["Souss-Massa"]
    assert (souss["members"], souss["compared"]) == (2, 2)
    assert souss["distribution"]["median"] == pytest.approx(0.58125)
    assert souss["distribution"]["mean"] == pytest.approx(0.58125)
    assert regions["Oriental"]["distribution"] == {
        "count": 0,
        **dict.fromkeys(["min", "q1", "median", "q3", "max", "mean"]),
    }
    groups = {g["group"]: (g["members"], g["distribution"]["mean"]) for g in data["groups"]}
    # rural: ighrem .6 and assif .5 → mean .55
    assert groups["ogp-local"] == (2, pytest.approx(0.58125))
    assert groups["rural"] == (2, pytest.approx(0.55))
    themes = {t["id"]: (t["members"], t["distribution"]) for t in data["themes"]}
    # transparency: .625, .75, .5 → median .625; participation: .5 and .6 (ighrem none)
    assert themes["transparency"][0] == 3
    assert themes["transparency"][1]["median"] == pytest.approx(0.625)
    assert themes["participation"][0] == 2
    assert themes["participation"][1]["mean"] == pytest.approx(0.55)
    assert themes["digital"][1]["mean"] == pytest.approx((0.25 + 1 / 3 + 0.3) / 3)


def test_the_invalid_member_is_listed_with_its_first_problem_and_the_others_compared() -> None:
    result = run(str(NETWORK), "--year", "2025", "--lang", "fr", "--jobs", "1")
    assert result.exit_code == INCOMPLETE
    out = result.stdout
    assert "Réseau fictif des communes du Sud — 2025" in out
    assert "Communes\u00a0: 4 ; comparées\u00a0: 3 ; non comparées\u00a0: 1" in out
    assert "  Ensemble         4             3  50\u202f%  53\u202f%     56\u202f%" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "56\u202f%" in lines["tafoukt"] and "60\u202f%" in lines["ighrem"]
    assert "tizi-n-tichka — configuration invalide" in out
    problem = "tizi/evaluations/2025.toml: assessments[0].status (action 'x1'): 'done' is not"
    assert problem in out
    assert "3 of 4 members compared (exit code 3)" in result.stderr
    assert "Evaluating" not in result.stderr  # no progress bar when stderr is not a terminal


def test_parallel_and_one_process_give_the_same_json() -> None:
    assert as_json(str(NETWORK), "--year", "2025", "--jobs", "3") == as_json(
        str(NETWORK), "--year", "2025", "--jobs", "1"
    )


def test_a_folder_of_configurations_is_a_network(tmp_path: Path) -> None:
    for name in MEMBERS:
        shutil.copytree(NETWORK / name, tmp_path / name)
    (tmp_path / ".hidden").mkdir()
    code, data = as_json(str(tmp_path), "--year", "2025")
    assert code == INCOMPLETE
    schema_validator("network.schema.json").validate(data)
    assert [m["id"] for m in data["members"]] == sorted(MEMBERS)
    assert [r["region"] for r in data["regions"]] == [None]
    assert (data["title"], data["themes"]) == (None, [])
    assert data["distribution"] == pytest.approx(DISTRIBUTION)


def test_a_member_without_the_year_is_listed_not_a_crash() -> None:
    code, data = as_json(str(NETWORK), "--year", "2024")
    assert code == INCOMPLETE
    members = {m["id"]: m for m in data["members"]}
    # tafoukt 2024: a1 limited .25, a2 not_started 0 → .125
    assert members["tafoukt"]["implementation_rate"] == 0.125
    assert members["ighrem"]["status"] == "no_evaluation"
    assert members["ighrem"]["problems"] == ["no evaluation for 2024 (the configuration has 2025)"]
    assert data["counts"]["no_evaluation"] == 2


def test_every_member_compared_exits_0(tmp_path: Path) -> None:
    text = (NETWORK / "network.toml").read_text(encoding="utf-8")
    head, _, tail = text.partition('[[members]]\npath = "tizi"')
    without_tizi = head + tail[tail.index("[themes.") :]
    (tmp_path / "network.toml").write_text(without_tizi, encoding="utf-8")
    for name in MEMBERS[:3]:
        shutil.copytree(NETWORK / name, tmp_path / name)
    result = run(str(tmp_path), "--year", "2025", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["compared"] == 3
    assert result.stderr == ""


def member_lines(*paths: str) -> str:
    return "".join(f'[[members]]\npath = "{p}"\n' for p in paths)


BAD = {
    "missing member": (
        member_lines("tafoukt", "nowhere"),
        "network.toml: members[1].path: 'nowhere': no such file or directory",
    ),
    "same configuration twice": (
        member_lines("tafoukt", "ighrem", "./ighrem/../tafoukt"),
        "network.toml: members[2].path: './ighrem/../tafoukt' is the configuration of "
        "members[0] ('tafoukt') again",
    ),
    "theme no member uses": (
        member_lines("tafoukt") + '[themes.water]\ntags = ["eau"]\n',
        "network.toml: themes['water'].tags: no member's plan uses any of these tags: 'eau'",
    ),
    "unknown key": (
        '[[members]]\npath = "tafoukt"\nregoin = "Souss-Massa"\n',
        "network.toml: members[0]: unknown key regoin (expected: path, id, name, region, "
        "province, groups)",
    ),
    "groups not an array": (
        '[[members]]\npath = "tafoukt"\ngroups = "rural"\n',
        "network.toml: members[0].groups: expected an array of strings",
    ),
    "a theme without tags": (
        member_lines("tafoukt") + "[themes.water]\ntags = []\n",
        "network.toml: themes['water'].tags: expected at least one tag",
    ),
    "same id twice": (
        member_lines("tafoukt") + '[[members]]\npath = "ighrem"\nid = "tafoukt"\n',
        "network.toml: members[1].id (id 'tafoukt'): the id 'tafoukt' is that of members[0] too",
    ),
    "not TOML": ("[[members]\n", "network.toml:1:"),
    "no members": ('title = "Réseau"\n', "network.toml: members: required key missing"),
}


@pytest.mark.parametrize("reports", [False, True])
@pytest.mark.parametrize("case", BAD)
def test_a_bad_network_is_refused_with_file_and_place(
    tmp_path: Path, case: str, reports: bool
) -> None:
    """With --reports too, nothing is written: not one report (a theme that no member uses
    is known only once the members are read, so they are read before any is written)."""
    for name in MEMBERS[:3]:
        shutil.copytree(NETWORK / name, tmp_path / name)
    text, expected = BAD[case]
    (tmp_path / "network.toml").write_text(text, encoding="utf-8")
    out = tmp_path / "reports"
    args = ["--reports", str(out), "--report-format", "html"] if reports else []
    result = run(str(tmp_path), "--year", "2025", *args)
    assert result.exit_code == 2, result.output
    assert f"error: {tmp_path / expected}" in result.stderr, result.stderr
    assert "Traceback" not in result.output and result.stdout == ""
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p / "nothing", "nothing: no such file or directory"),
        (lambda p: shutil.copytree(NETWORK / "tafoukt", p / "one"), "one: holds a strategy.toml"),
        (lambda p: p, "no network.toml here, and no subfolder holds a strategy.toml"),
    ],
)
def test_a_path_that_is_no_network_is_refused(tmp_path: Path, make: Any, expected: str) -> None:
    path = make(tmp_path)
    result = run(str(path), "--year", "2025")
    assert result.exit_code == 2
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_distribution_of_none_one_and_several() -> None:
    assert Distribution.of([None]) == Distribution(0)
    assert Distribution.of([0.4]) == Distribution(1, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4)
    # 0, .2, .6, 1: Q1 at position 0.75 → .15, median .4, Q3 at 2.25 → .7, mean .45
    found = Distribution.of([1.0, None, 0.6, 0.0, 0.2])
    assert attrs.astuple(found) == pytest.approx((4, 0.0, 0.15, 0.4, 0.7, 1.0, 0.45))


@settings(max_examples=40, deadline=None)
@given(strategies(max_years=1, max_depth=2))
def test_a_theme_over_every_action_is_the_headline_rate(strategy: Strategy) -> None:
    tagged = attrs.evolve(
        strategy, axes=tuple(attrs.evolve(a, tags=(*a.tags, "everything")) for a in strategy.axes)
    )
    result = evaluate(tagged, tagged.years[0])
    (rate,) = theme_rates(result, [Theme("all", ("everything",))])
    assert rate == pytest.approx(result.rate)


def test_the_library_compares_as_the_command_does() -> None:
    comparison = compare_network(NETWORK, 2025, lang="fr")
    assert [row.rate for row in comparison.rows] == pytest.approx(list(RATES.values()))
    assert not comparison.complete
    assert load_network(NETWORK).members[3].written == "tizi"
    result = evaluate(load(NETWORK / "assif"), 2025)
    assert theme_rates(result, [Theme("p", ("participation",))]) == pytest.approx((0.6,))


def test_outputs_in_csv_and_html(tmp_path: Path) -> None:
    out = tmp_path / "network.csv"
    result = run(str(NETWORK), "--year", "2025", "--format", "csv", "-o", str(out))
    assert result.exit_code == INCOMPLETE and result.stdout == ""
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("id,name,path,region,province,groups,status,implementation_rate")
    assert rows[1].startswith("tafoukt,Commune de Tafoukt (fictive),tafoukt,Souss-Massa")
    assert ",compared,0.5625,5,5,0,," in rows[1]
    assert len(rows) == 5
    page = run(str(NETWORK), "--year", "2025", "--format", "html", "--lang", "ar").stdout
    assert '<html lang="ar" dir="rtl">' in page
    assert "<script" not in page and "src=" not in page and "href=" not in page
    assert "شبكة متخيلة لجماعات الجنوب" in page


def test_html_escapes_the_networks_texts(tmp_path: Path) -> None:
    shutil.copytree(NETWORK / "tafoukt", tmp_path / "tafoukt")
    (tmp_path / "network.toml").write_text(
        'title = "<script>alert(1)</script>"\n[[members]]\npath = "tafoukt"\n'
        'region = "<b>Souss</b>"\n',
        encoding="utf-8",
    )
    page = run(str(tmp_path), "--year", "2025", "--format", "html").stdout
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def copy_network(tmp_path: Path) -> Path:
    shutil.copytree(NETWORK, tmp_path / "network")
    return tmp_path / "network"


def test_batch_reports_are_written_then_kept_until_their_inputs_change(tmp_path: Path) -> None:
    path, out = copy_network(tmp_path), tmp_path / "out"
    args = [str(path), "--year", "2025", "--reports", str(out), "--report-format", "html"]
    code, data = as_json(*args)
    assert code == INCOMPLETE  # tizi has no report
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [RECORD_FILE, "tafoukt.html", "ighrem.html", "assif.html"]
    )
    assert data["reports"] == {
        "folder": str(out),
        "format": "html",
        "written": 3,
        "unchanged": 0,
        "failed": 0,
    }
    assert "Commune d" in (out / "ighrem.html").read_text(encoding="utf-8")
    _, again = as_json(*args)
    assert {m["id"]: m["report"]["status"] for m in again["members"] if m["report"]} == {
        "tafoukt": "unchanged",
        "ighrem": "unchanged",
        "assif": "unchanged",
    }
    evaluation = path / "ighrem" / "evaluations" / "2025.toml"
    evaluation.write_text(evaluation.read_text(encoding="utf-8") + "\n# edited\n")
    (out / "assif.html").unlink()
    _, third = as_json(*args)
    assert {m["id"]: m["report"]["status"] for m in third["members"] if m["report"]} == {
        "tafoukt": "unchanged",
        "ighrem": "written",
        "assif": "written",
    }
    _, fourth = as_json(*args, "--lang", "ar")  # another language: every report again
    assert fourth["reports"]["written"] == 3


class Failing:
    """An exporter that fails on Ighrem's report."""

    @staticmethod
    def write(result: EvaluationResult, stream: IO[bytes], options: ExportOptions) -> None:
        if "Ighrem" in str(result.strategy.commune):
            raise ValueError("out of ink")
        stream.write(b"a report")

    @hookimpl
    def register_exporters(self, register: Callable[[Exporter], None]) -> None:
        register(Exporter("failing", ".txt", "text/plain", "Fails on Ighrem", self.write))


def test_a_report_that_fails_is_listed_and_the_others_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with plugins_with(Failing()):
        args = ["--reports", str(out), "--report-format", "failing", "--lang", "en"]
        result = run(str(NETWORK), "--year", "2025", *args)
    assert result.exit_code == INCOMPLETE
    assert "Reports not written:\n  ighrem — ighrem.txt\n" in result.stdout
    assert "the failing exporter failed: ValueError: out of ink" in result.stdout
    assert "3 of 4 members compared, 1 reports failed (exit code 3)" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [RECORD_FILE, "assif.txt", "tafoukt.txt"]


def test_the_comparison_is_never_written_over_an_input(tmp_path: Path) -> None:
    path = copy_network(tmp_path)
    evaluation = path / "ighrem" / "evaluations" / "2025.toml"
    before = evaluation.read_bytes()
    result = run(str(path), "--year", "2025", "-o", str(evaluation))
    assert result.exit_code == 2
    assert f"error: {evaluation} is an input of the network" in result.stderr
    assert evaluation.read_bytes() == before


def test_a_hard_link_to_an_input_is_an_input(tmp_path: Path) -> None:
    """(A symbolic link is refused before: outputs are written only over regular files.)"""
    path = copy_network(tmp_path)
    strategy = path / "assif" / "strategy.toml"
    before = strategy.read_bytes()
    alias = tmp_path / "comparison.txt"
    os.link(strategy, alias)
    result = run(str(path), "--year", "2025", "-o", str(alias))
    assert result.exit_code == 2
    assert f"error: {alias} is an input of the network" in result.stderr
    assert strategy.read_bytes() == before


def test_an_output_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.write_text("not a folder")
    result = run(str(NETWORK), "--year", "2025", "--reports", str(folder))
    assert result.exit_code == 2
    assert f"error: cannot write reports into {folder}: it is a file" in result.stderr
    assert "Traceback" not in result.stderr


SLOW_RUN = """
import sys, time
from municipal_strategy import hookimpl
from municipal_strategy.cli_network import network
from municipal_strategy.plugins import Exporter
from municipal_strategy.testing import plugins_with

def write(result, stream, options):
    stream.write(b"begun ")
    if "Ighrem" in str(result.strategy.commune):
        time.sleep(60)  # still writing when the batch is stopped
    stream.write(b"whole")

class Slow:
    @hookimpl
    def register_exporters(self, register):
        register(Exporter("slow", ".txt", "text/plain", "A slow one", write))

with plugins_with(Slow()):
    network(sys.argv[1:])
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_batch_leaves_finished_reports_whole_and_no_part(
    tmp_path: Path, signum: int
) -> None:
    script, out = tmp_path / "slow.py", tmp_path / "out"
    script.write_text(textwrap.dedent(SLOW_RUN), encoding="utf-8")
    args = [str(NETWORK), "--year", "2025", "--reports", str(out), "--report-format", "slow"]
    process = subprocess.Popen(
        [sys.executable, str(script), *args, "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")},
    )
    deadline = time.monotonic() + 30
    finished = [out / "tafoukt.txt", out / "assif.txt"]
    while not (all(f.exists() for f in finished) and list(out.glob(".ighrem.txt.*.part"))):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.02)
    time.sleep(0.2)  # for the finished reports' rows to reach the parent
    if signum == signal.SIGINT:  # Ctrl-C: the terminal signals the whole process group
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 2, err
    stderr = err.decode()
    assert "interrupted:" in stderr and "no partial file left" in stderr
    assert "Traceback" not in stderr
    assert not list(out.glob("*.part")) and not list(out.glob(".*.part"))
    assert not (out / "ighrem.txt").exists()
    for file in finished:
        assert file.read_bytes() == b"begun whole"
    record = json.loads((out / RECORD_FILE).read_text(encoding="utf-8"))
    assert set(record["members"]) <= {"assif", "tafoukt"}


@given(
    st.integers(min_value=0, max_value=5000),
    st.integers(min_value=2, max_value=64),
    st.integers(min_value=1, max_value=32),
)
def test_members_are_handed_out_in_shrinking_chunks(count: int, parts: int, most: int) -> None:
    """Every member once, in order; no chunk over 32 members; the chunks shrink as the work
    runs out, down to single members, so that no worker is left waiting on a large one.
    (Batch reports take one member a chunk: `most` = 1.)"""
    from municipal_strategy.network import _chunks

    tasks: list[Any] = list(range(count))  # (the chunks do not look inside the tasks)
    sizes = [len(c) for c in _chunks(tasks, parts, most)]
    assert [t for c in _chunks(tasks, parts, most) for t in c] == tasks
    assert all(1 <= s <= most for s in sizes)
    assert sizes == sorted(sizes, reverse=True)
    if count:
        assert sizes[-1] == 1
