"""Wall time of making the Arabic PDF report: ours, a naive fpdf2 script, and WeasyPrint.

Each way runs in a fresh process, as a user would run it, once to warm the file cache and
then --runs times (default 5); the median wall time is printed with the output's page count:

    python benchmarks/pdf.py [--runs N] [--config PATH] [--lang ar] [--keep DIR] [--count-shaping]

1. ours: `municipal-strategy report CONFIG --format pdf --lang LANG -o OUT.pdf`;
2. naive fpdf2: a bare fpdf2 script laying out the same texts (taken from the library here and
   handed over as JSON) with `multi_cell` and `table()`, right to left with Arabic shaping on,
   in the fonts bundled with the package;
3. WeasyPrint: the project's own HTML report (made once, untimed) written to PDF by WeasyPrint.

--count-shaping also runs the naive script and ours once each with `uharfbuzz.shape` wrapped
by a counter, and prints how many times each shaped a piece of text.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.metadata
import importlib.util
import json
import re
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


def measure(command: list[str], output: Path, runs: int) -> tuple[float, int, list[str]] | str:
    """Median seconds, pages and warnings of `command`, or the error its first run ended with."""
    first = subprocess.run(command, capture_output=True, text=True)  # also warms the caches
    if first.returncode != 0:
        lines = first.stderr.strip().splitlines()
        return lines[-1] if lines else f"exit status {first.returncode}"
    warnings = [line for line in first.stderr.splitlines() if "warn" in line.lower()]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), page_count(output), warnings


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
    ours, plain, weasy = work / "ours.pdf", work / "naive_fpdf2.pdf", work / "weasyprint.pdf"
    to_pdf = f"from weasyprint import HTML; HTML(filename={str(html)!r}).write_pdf({str(weasy)!r})"
    cases: dict[str, tuple[list[str], Path]] = {
        "ours": ([*report, "--format", "pdf", "-o", str(ours)], ours),
        "naive fpdf2": ([sys.executable, str(naive), str(texts), str(plain)], plain),
        "weasyprint": ([sys.executable, "-c", to_pdf], weasy),
    }

    print(f"Python {sys.version.split()[0]} on {sys.platform}; median of {args.runs} runs each")
    print(", ".join(f"{d} {version(d)}" for d in ("fpdf2", "uharfbuzz", "weasyprint", "pypdf")))
    print(f"config: {args.config}, lang: {args.lang}")
    print(f"{'':<12} {'pages':>6} {'median':>9}")
    seconds: dict[str, float] = {}
    warnings: list[str] = []
    for name, (command, output) in cases.items():
        if name == "weasyprint" and importlib.util.find_spec("weasyprint") is None:
            outcome: tuple[float, int, list[str]] | str = (
                "weasyprint not installed (pip install weasyprint)"
            )
        else:
            outcome = measure(command, output, args.runs)
        if isinstance(outcome, str):
            if name == "ours" and "unknown format 'pdf'" in outcome:
                outcome = "pdf exporter not available"
            print(f"{name:<12} {'':>6} {'':>9}  {outcome}")
            continue
        seconds[name], pages, lines = outcome
        print(f"{name:<12} {pages:>6} {seconds[name]:>8.3f}s")
        warnings += [f"{name}: {line}" for line in dict.fromkeys(lines)]
    for name in ("naive fpdf2", "weasyprint"):
        if name in seconds and "ours" in seconds:
            print(f"{name} / ours: {seconds[name] / seconds['ours']:.2f}x")
    if "ours" not in seconds:
        print("no ratios: ours was not measured")
    if warnings:
        print("warnings on stderr:", *warnings, sep="\n  ")
    if args.count_shaping:
        print("uharfbuzz.shape calls, one run each:")
        print(f"  naive fpdf2: {shaping_calls(naive, str(texts), str(plain))}")
        mine = shaping_calls(Path(tool), *cases["ours"][0][1:]) if "ours" in seconds else "—"
        print(f"  ours: {mine}")


if __name__ == "__main__":
    main()
