"""Pages per second of making the Arabic PDF report: ours, a naive fpdf2 script, and
WeasyPrint given the HTML a careful author would give it.

Each way runs in a fresh process, as a user would run it: once to warm the file cache,
then --runs times (default 5), the three ways taking turns so that a busy machine slows
them alike. Pages differ between engines, so the figure compared is pages per second,
from the median wall time and from the median CPU time (user + system) of the process:

    python benchmarks/pdf.py [--runs N] [--config PATH] [--lang ar] [--keep DIR]
                             [--count-shaping] [--profile]

1. ours: `municipal-strategy report CONFIG --format pdf --lang LANG -o OUT.pdf`;
2. naive fpdf2: a bare fpdf2 script laying out the same texts (taken from the library here and
   handed over as JSON) with `multi_cell` and `table()`, right to left with Arabic shaping on,
   in the fonts bundled with the package;
3. WeasyPrint: the project's own HTML report (made once, untimed) written to PDF by WeasyPrint,
   with `table-layout: fixed` on its tables (added here unless the HTML sets it): automatic
   table layout measures every cell's content twice, and an author who knows the columns
   does not ask for it.

--count-shaping also runs the naive script and ours once each with `uharfbuzz.shape` wrapped
by a counter, and prints how many times each shaped a piece of text. --profile runs ours
once in this process under cProfile and prints where its time goes.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import importlib.metadata
import importlib.util
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

import municipal_strategy as ms
from municipal_strategy.report import ACTIVITY_COLUMNS, INDICATOR_COLUMNS, Report, percent

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "aitmelloul_2022"
FONTS = Path(ms.__file__).parent / "fonts"
#: The catalogue labels the naive script shows as headings.
LABELS = (
    "status",
    "justification",
    "achievements",
    "constraints",
    "next_steps",
    "indicators",
    "activities",
    "matrix",
    "rate_per_axis",
)

#: The naive way: what a developer would write with fpdf2's documented API, nothing more.
NAIVE = """\
import json
import sys

from fpdf import FPDF
from fpdf.enums import XPos, YPos

with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
fonts, labels = data["fonts"], data["labels"]

pdf = FPDF()
pdf.add_font("naskh", "", fonts["naskh"])
pdf.add_font("naskh", "B", fonts["naskh_bold"])
pdf.add_font("sans", "", fonts["sans"])
pdf.add_font("tifinagh", "", fonts["tifinagh"])
pdf.set_fallback_fonts(["sans", "tifinagh"], exact_match=False)  # bold too: no bold Sans
pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="ara")
pdf.add_page()


def text(value, size=11, style="", height=6):
    pdf.set_font("naskh", style, size)
    pdf.multi_cell(0, height, value, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def table(header, rows, size=9, widths=None):
    pdf.set_font("naskh", "", size)
    widths = widths[::-1] if widths else None
    with pdf.table(col_widths=widths, text_align="RIGHT", line_height=size * 0.5) as grid:
        for cells in [header, *rows]:
            row = grid.row()
            for cell in reversed(cells):  # right to left
                row.cell(cell)
    pdf.ln(4)


for line in data["cover"]:
    text(line, 14, "B", 8)
pdf.add_page()
text(data["title"], 18, "B", 10)
text(data["commune"], 14, "B", 8)
text(data["headline"], 12, "B", 8)
for line in data["exclusions"]:
    text(line)
text(labels["rate_per_axis"], 13, "B", 8)
pdf.set_fill_color(30, 100, 160)
for name, rate, shown in data["rates"]:
    text(f"{name}: {shown}")
    width = 120 * (rate or 0)
    pdf.rect(pdf.w - pdf.r_margin - width, pdf.get_y(), width, 4, style="F")
    pdf.ln(7)
for line in data["statuses"]:
    text(line)
for axis in data["axes"]:
    pdf.add_page()
    text(axis["title"], 16, "B", 9)
    if axis["description"]:
        text(axis["description"])
    for action in axis["actions"]:
        text(action["heading"], 13, "B", 8)
        text(f"{labels['status']}: {action['status']}", style="B")
        if action["excluded"]:
            text(action["excluded"], 9)
        if action["justification"]:
            text(f"{labels['justification']}: {action['justification']}")
        for key in ("achievements", "constraints", "next_steps"):
            if action[key]:
                text(labels[key], style="B")
                for item in action[key]:
                    text(f"- {item}")
        for key in ("indicators", "activities"):
            if action[key]:
                text(labels[key], style="B")
                table(data["headers"][key], action[key])
        for quote in action["evidence"]:
            text(quote, 8.5, height=4.5)
        for note in action["notes"]:
            text(f"- {note}")
pdf.add_page(orientation="L")
text(labels["matrix"], 16, "B", 9)
widths = [14, 7, 5, 18, 9, 6, 6, 6, 18, 26, 40, 26, 26]
table(data["matrix"]["header"], data["matrix"]["rows"], size=6, widths=widths)
pdf.output(sys.argv[2])
"""

#: Runs a Python file (argv[1], its own arguments after it) with `uharfbuzz.shape` counted.
#: fpdf2 calls it as `hb.shape(...)` on the module (fpdf/fonts.py: `import uharfbuzz as hb`),
#: so replacing the module's attribute reaches every call, whenever fpdf2 is imported.
COUNTING = """\
import runpy, sys, uharfbuzz
calls = 0
original = uharfbuzz.shape
def shape(*args, **kwargs):
    global calls
    calls += 1
    return original(*args, **kwargs)
uharfbuzz.shape = shape
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit as stop:
    if stop.code:
        raise
print(calls)
"""


def collect(config: Path, lang: str) -> dict[str, Any]:
    """The texts of the report, in the order the naive script lays them out."""
    result = ms.evaluate(ms.load(config))
    report = Report.of(result, lang)
    text, label = report.text, report.label
    strategy = result.strategy
    axes = []
    for axis in result.axes:
        actions = []
        for action in axis.actions:
            assessment = action.assessment
            actions.append(
                {
                    "heading": f"{action.action.code}. {text(action.action.title)}",
                    "status": report.status(action),
                    "justification": text(assessment.justification) if assessment else "",
                    "achievements": report.texts(assessment.achievements) if assessment else (),
                    "constraints": report.texts(assessment.constraints) if assessment else (),
                    "next_steps": report.texts(assessment.next_steps) if assessment else (),
                    "indicators": [*map(report.indicator_cells, report.indicators_of(action))],
                    "activities": [
                        *map(report.activity_cells, assessment.activities if assessment else ())
                    ],
                    "excluded": text(action.exclusion.reason) if action.exclusion else "",
                    "evidence": [
                        f"«{e.quote}» {e.document or ''} — {e.locator or ''}"
                        for e in (assessment.evidence if assessment else ())
                        if e.quote
                    ],
                    "notes": report.texts(assessment.notes) if assessment else (),
                }
            )
        axes.append(
            {
                "title": f"{axis.axis.code}. {text(axis.axis.title)}",
                "description": text(axis.axis.description),
                "actions": actions,
            }
        )
    presented = result.evaluation.presented
    cover = [
        label("evaluation_report"),
        text(strategy.commune),
        strategy.commune.values.get("zgh", ""),
        text(strategy.title),
        label("year_label", year=result.year),
        f"{label('period')}: {strategy.period}",
        text(strategy.adopted.session) if strategy.adopted else "",
        text(presented.session) if presented else "",
    ]
    return {
        "fonts": {
            "naskh": str(FONTS / "NotoNaskhArabic-Regular.ttf"),
            "naskh_bold": str(FONTS / "NotoNaskhArabic-Bold.ttf"),
            "sans": str(FONTS / "NotoSans-Regular.ttf"),
            "tifinagh": str(FONTS / "NotoSansTifinagh-Regular.ttf"),
        },
        "labels": {key: label(key) for key in LABELS},
        "headers": {
            "indicators": [label(key) for key in INDICATOR_COLUMNS],
            "activities": [label(key) for key in ACTIVITY_COLUMNS],
        },
        "cover": [line for line in cover if line],
        "exclusions": [
            f"{', '.join(r.action.code for r in selected)}: {text(rule.reason)}"
            for rule, selected in result.exclusion_groups()
        ]
        + [report.exclusion_note()],
        "statuses": [f"{report.status_name(s)}: {n}" for s, n in result.status_counts.items()],
        "title": label("report_title", strategy=text(strategy.title), year=result.year),
        "commune": text(strategy.commune),
        "headline": report.headline(),
        "rates": [
            [f"{a.axis.code}. {text(a.axis.title)}", a.rate, percent(a.rate)] for a in result.axes
        ],
        "axes": axes,
        "matrix": {
            "header": report.matrix_header(),
            "rows": [report.matrix_cells(row) for row in report.matrix()],
        },
    }


def page_count(pdf: Path) -> int:
    """By pypdf, else the page objects in the file and in its (compressed) object streams."""
    try:
        pypdf: Any = importlib.import_module("pypdf")
    except ImportError:
        data = pdf.read_bytes()
        for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.DOTALL):
            with contextlib.suppress(zlib.error):
                data += zlib.decompress(stream)
        return len(re.findall(rb"/Type\s*/Page\b", data))
    return len(pypdf.PdfReader(pdf).pages)


#: What a careful author adds to the HTML for print: column widths that do not depend on
#: the cells' contents, so that the engine lays each table out once.
FIXED_TABLES = "<style>table { table-layout: fixed; width: 100%; }</style>"


def careful(html: str) -> str:
    """`html` with fixed table layout, unless it already asks for it."""
    if re.search(r"table-layout\s*:\s*fixed", html):
        return html
    return html.replace("</head>", FIXED_TABLES + "</head>", 1)


@dataclasses.dataclass
class Timing:
    """One way's runs: wall and CPU seconds of each, and the pages it made."""

    wall: list[float] = dataclasses.field(default_factory=list)
    cpu: list[float] = dataclasses.field(default_factory=list)
    pages: int = 0
    warnings: list[str] = dataclasses.field(default_factory=list)

    @property
    def pages_per_second(self) -> tuple[float, float]:
        return self.pages / statistics.median(self.wall), self.pages / statistics.median(self.cpu)


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system, of the child) seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(cases: dict[str, tuple[list[str], Path]], runs: int) -> dict[str, Timing | str]:
    """Each way's timings (or the error its first run ended with), the ways taking turns."""
    found: dict[str, Timing | str] = {}
    for name, (command, output) in cases.items():
        first = subprocess.run(command, capture_output=True, text=True)  # warms the caches
        if first.returncode != 0:
            lines = first.stderr.strip().splitlines()
            found[name] = lines[-1] if lines else f"exit status {first.returncode}"
            continue
        warnings = [line for line in first.stderr.splitlines() if "warn" in line.lower()]
        found[name] = Timing(pages=page_count(output), warnings=warnings)
    for _ in range(runs):
        for name, (command, _output) in cases.items():
            timing = found[name]
            if isinstance(timing, Timing):
                wall, cpu = run_once(command)
                timing.wall.append(wall)
                timing.cpu.append(cpu)
    return found


def version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def shaping_calls(script: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", COUNTING, str(script), *args], capture_output=True, text=True
    )
    lines = done.stdout.strip().splitlines()
    return lines[-1] if done.returncode == 0 and lines else "failed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--config", type=Path, default=EXAMPLE)
    parser.add_argument("--lang", default="ar")
    parser.add_argument(
        "--keep", type=Path, help="write the PDFs and their inputs here, and keep them"
    )
    parser.add_argument("--count-shaping", action="store_true")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    tool = shutil.which("municipal-strategy", path=str(Path(sys.executable).parent))
    if tool is None:
        sys.exit("municipal-strategy is not installed next to this Python: pip install -e .")
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        bench(args, tool, work)
    if args.keep:
        print(f"kept in {args.keep}")


def bench(args: argparse.Namespace, tool: str, work: Path) -> None:
    texts, naive, html = work / "texts.json", work / "naive_fpdf2.py", work / "report.html"
    texts.write_text(json.dumps(collect(args.config, args.lang), ensure_ascii=False), "utf-8")
    naive.write_text(NAIVE, "utf-8")
    report = [tool, "report", str(args.config), "--lang", args.lang]
    subprocess.run([*report, "--format", "html", "-o", str(html)], check=True, capture_output=True)
    html.write_text(careful(html.read_text("utf-8")), "utf-8")
    ours, plain, weasy = work / "ours.pdf", work / "naive_fpdf2.pdf", work / "weasyprint.pdf"
    to_pdf = f"from weasyprint import HTML; HTML(filename={str(html)!r}).write_pdf({str(weasy)!r})"
    cases: dict[str, tuple[list[str], Path]] = {
        "ours": ([*report, "--format", "pdf", "-o", str(ours)], ours),
        "naive fpdf2": ([sys.executable, str(naive), str(texts), str(plain)], plain),
    }
    missing: dict[str, str] = {}
    if importlib.util.find_spec("weasyprint") is None:
        missing["weasyprint"] = "weasyprint not installed (pip install weasyprint)"
    else:
        cases["weasyprint"] = ([sys.executable, "-c", to_pdf], weasy)

    print(f"Python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs; ", end="")
    print(f"median of {args.runs} runs each, taking turns")
    print(", ".join(f"{d} {version(d)}" for d in ("fpdf2", "uharfbuzz", "weasyprint", "pypdf")))
    print(f"config: {args.config}, lang: {args.lang}; WeasyPrint's HTML: fixed table layout")
    print(f"{'':<12} {'pages':>6} {'wall':>9} {'pages/s':>8} {'CPU':>9} {'pages/s':>8}")
    timings = measure(cases, args.runs)
    speeds: dict[str, tuple[float, float]] = {}
    for name, timing in [*timings.items(), *missing.items()]:
        if isinstance(timing, str):
            outcome = "pdf exporter not available" if "unknown format 'pdf'" in timing else timing
            print(f"{name:<12} {outcome}")
            continue
        speeds[name] = timing.pages_per_second
        wall, cpu = statistics.median(timing.wall), statistics.median(timing.cpu)
        print(
            f"{name:<12} {timing.pages:>6} {wall:>8.3f}s {speeds[name][0]:>8.1f}"
            f" {cpu:>8.3f}s {speeds[name][1]:>8.1f}"
        )
    for name in ("naive fpdf2", "weasyprint"):
        if name in speeds and "ours" in speeds:
            by_wall, by_cpu = (speeds["ours"][i] / speeds[name][i] for i in (0, 1))
            print(f"ours / {name}, pages per second: {by_wall:.2f}x wall, {by_cpu:.2f}x CPU")
    if "ours" not in speeds:
        print("no ratios: ours was not measured")
    warnings = [
        f"{name}: {line}"
        for name, timing in timings.items()
        if isinstance(timing, Timing)
        for line in dict.fromkeys(timing.warnings)
    ]
    if warnings:
        print("warnings on stderr:", *warnings, sep="\n  ")
    if args.count_shaping:
        print("uharfbuzz.shape calls, one run each:")
        print(f"  naive fpdf2: {shaping_calls(naive, str(texts), str(plain))}")
        mine = shaping_calls(Path(tool), *cases["ours"][0][1:]) if "ours" in speeds else "—"
        print(f"  ours: {mine}")
    if args.profile:
        profile(args.config, args.lang)


def profile(config: Path, lang: str) -> None:
    """Where our time goes, in this process: loading, building, importing the PDF modules
    (fpdf2 and what it brings), rendering; then the functions that take the most."""
    import cProfile
    import pstats

    started = time.process_time()
    result = ms.evaluate(ms.load(config))
    from municipal_strategy.build import build_document

    document = build_document(result, lang)
    built = time.process_time()
    from municipal_strategy.pdf.document import render
    from municipal_strategy.pdf.fonts import FontSet

    imported = time.process_time()
    profiler = cProfile.Profile()
    profiler.runcall(render, document, FontSet.bundled())
    done = time.process_time()
    print(
        f"CPU: load, evaluate and build {built - started:.3f}s, import the PDF modules"
        f" {imported - built:.3f}s, render {done - imported:.3f}s (under the profiler)"
    )
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
