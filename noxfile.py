"""Developer tasks: `nox` runs tests, lint and typecheck; `nox -s bench` prints figures."""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.options.sessions = ["tests", "plugins", "lint", "typecheck"]
nox.options.default_venv_backend = "venv"


def plugin_packages() -> list[Path]:
    """The separately installable packages in plugins/."""
    return sorted(p for p in Path("plugins").iterdir() if (p / "pyproject.toml").is_file())


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite: unit, property (hypothesis), fuzz, CLI, docs and the example; and how
    much of src/ it covers (95% on 2026-12-01)."""
    session.install("-e", ".[test]")
    session.run(
        "pytest",
        "--cov=municipal_strategy",
        "--cov-report=term:skip-covered",
        *session.posargs,
    )


@nox.session
def plugins(session: nox.Session) -> None:
    """Install each package in plugins/ beside the core and run its own tests."""
    packages = plugin_packages()
    session.install("-e", ".[test]", *(f"-e{p}[test]" for p in packages))
    for package in packages:
        session.run("pytest", str(package / "tests"), *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint and formatting."""
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the package, its tests, the benchmarks and each plugin package."""
    packages = plugin_packages()
    session.install("-e", ".[test,typecheck]", *(f"-e{p}[test,typecheck]" for p in packages))
    session.run("mypy")
    for package in packages:
        session.run("mypy", str(package / "src"), str(package / "tests"))


@nox.session
def docs(session: nox.Session) -> None:
    """Run the code shown in README.md and docs/*.md, and validate the example."""
    session.install("-e", ".[test]")
    session.run("pytest", "tests/test_docs.py")
    session.run("municipal-strategy", "validate", "examples/aitmelloul_2022")


#: Finds the page each top-level part of a PDF starts on, from its outline.
_PARTS = """
import sys
from pypdf import PdfReader
reader = PdfReader(sys.argv[1])
tops = [item for item in reader.outline if not isinstance(item, list)]
pages = [reader.get_destination_page_number(item) + 1 for item in tops]
# the method and the summary follow the introduction; the annex is the last part
print(pages[1], pages[2], pages[-1])
"""


@nox.session
def previews(session: nox.Session) -> None:
    """Render the example's PDF in ar, fr and en, and PNG previews of its cover, method,
    summary and first matrix page into docs/images/ (needs pdftoppm: apt-get install
    poppler-utils)."""
    import shutil

    if shutil.which("pdftoppm") is None:
        session.skip("pdftoppm is not on PATH: apt-get install poppler-utils")
    session.install("-e", ".", "pypdf")
    out = Path("docs/images")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("report-*.png"):
        old.unlink()
    for lang in ("ar", "fr", "en"):
        pdf = Path(session.create_tmp()) / f"report-{lang}.pdf"
        session.run(
            "municipal-strategy",
            "report",
            "examples/aitmelloul_2022",
            "--lang",
            lang,
            "-o",
            str(pdf),
            env={"SOURCE_DATE_EPOCH": "1675209600"},
        )
        found = session.run("python", "-c", _PARTS, str(pdf), silent=True)
        method, summary, matrix = (int(n) for n in str(found).split())
        pages = {"cover": 1, "method": method, "summary": summary, "matrix": matrix}
        for name, page in pages.items():
            target = out / f"report-{lang}-{name}"
            number = ["-f", str(page), "-l", str(page), "-singlefile"]
            session.run(
                "pdftoppm", "-png", "-r", "60", *number, str(pdf), str(target), external=True
            )


@nox.session
def bench(session: nox.Session) -> None:
    """Print start-up and evaluation timings (figures, not tests)."""
    session.install("-e", ".")
    session.install("weasyprint", "pypdf")
    session.run("python", "benchmarks/startup.py", *session.posargs)
    session.run("python", "benchmarks/pdf.py", *session.posargs)


@nox.session
def spreadsheets(session: nox.Session) -> None:
    """Convert the example's CSV and XLSX with LibreOffice headless and print what a reader
    sees (needs: apt-get install libreoffice-calc-nogui; poppler-utils for the PDF's text).

    Each CSV dialect is opened twice: as LibreOffice opens a file it is given no settings
    for, and with the settings docs/spreadsheets.md gives; each reading is saved back as
    UTF-8 CSV and its first cells printed. Each workbook is printed to PDF: each page's
    orientation and first line (a matrix page starts with the header row).
    """
    import shutil

    if shutil.which("soffice") is None:
        session.skip("soffice is not on PATH: apt-get install libreoffice-calc-nogui")
    session.install("-e", ".", "-e", "plugins/municipal-strategy-xlsx", "pypdf")
    tmp = Path(session.create_tmp()).resolve()
    soffice = ["soffice", f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless"]
    as_utf8_csv = ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76"]
    show_csv = tmp / "show_csv.py"  # a reading's size and first cells
    show_csv.write_text(
        "import csv, sys\n"
        "rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))\n"
        "print(f'{sys.argv[2]}: {len(rows)} rows, {max(map(len, rows))} columns')\n"
        "for row in rows[:2]:\n"
        "    print('    ' + ' | '.join(cell.replace(chr(10), ' ')[:28] for cell in row[:5]))\n"
    )
    show_pdf = tmp / "show_pdf.py"  # each page's orientation and first line
    show_pdf.write_text(
        "import shutil, subprocess, sys\n"
        "from pypdf import PdfReader\n"
        "pages = PdfReader(sys.argv[1]).pages\n"
        "print(f'{sys.argv[1]}: {len(pages)} pages')\n"
        "for n, page in enumerate(pages, 1):\n"
        "    side = 'landscape' if page.mediabox.width > page.mediabox.height else 'portrait'\n"
        "    if shutil.which('pdftotext'):\n"
        "        command = ['pdftotext', '-layout', '-f', str(n), '-l', str(n), sys.argv[1], '-']\n"
        "        text = subprocess.run(command, capture_output=True, text=True).stdout\n"
        "    else:\n"
        "        text = page.extract_text()\n"
        "    first = next((line.strip() for line in text.splitlines() if line.strip()), '')\n"
        "    print(f'  page {n}, {side}: ' + ' '.join(first.split())[:110])\n"
    )
    dialects = {"csv": "44,34,76,1", "csv-semicolon": "59,34,76,1"}
    for lang in ("fr", "ar"):
        report = ["municipal-strategy", "report", "examples/aitmelloul_2022", "--lang", lang]
        for name, options in dialects.items():
            source = tmp / lang / name / "matrix.csv"
            source.parent.mkdir(parents=True, exist_ok=True)
            session.run(*report, "--format", name, "-o", str(source), silent=True)
            for how, settings in (
                ("no settings", []),
                ("CSV:" + options, ["--infilter=CSV:" + options]),
            ):
                out = source.parent / ("settings" if settings else "default")
                command = [*soffice, *settings, *as_utf8_csv, "--outdir", str(out), str(source)]
                session.run(*command, external=True, silent=True)
                label = f"{lang} {name}, LibreOffice import with {how}"
                session.run("python", str(show_csv), str(out / "matrix.csv"), label)
        book = tmp / lang / "matrix.xlsx"
        session.run(*report, "-o", str(book), silent=True)
        to_pdf = ["--convert-to", "pdf", "--outdir", str(book.parent), str(book)]
        session.run(*soffice, *to_pdf, external=True, silent=True)
        session.run("python", str(show_pdf), str(book.with_suffix(".pdf")))


#: Chromium without a window, a sandbox (root in a container), the GPU, QUIC or any
#: background request of its own: what the pages fetch is then all the network log holds.
HEADLESS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


@nox.session
def screenshots(session: nox.Session) -> None:
    """Screenshots of the example's HTML report at 1280 and 390 px and a print to PDF, in ar
    and en, into build/screenshots/ (needs: apt-get install chromium)."""
    import shutil
    import tempfile

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        session.skip("chromium is not on PATH: apt-get install chromium")
    session.install("-e", ".")
    out = Path("build/screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(session.create_tmp()).resolve()
    headless = [chromium, *HEADLESS]
    for lang in ("ar", "en"):
        page = out / f"report-{lang}.html"
        session.run(
            "municipal-strategy",
            "report",
            "examples/aitmelloul_2022",
            "--lang",
            lang,
            "-o",
            str(page),
            env={"SOURCE_DATE_EPOCH": "1675209600"},
        )
        shots = [
            [f"--window-size={width},2000", f"--screenshot={out / f'report-{lang}-{width}.png'}"]
            for width in (1280, 390)
        ]
        printed = out / f"report-{lang}.pdf"
        shots.append([f"--print-to-pdf={printed}", "--no-pdf-header-footer"])
        for options in shots:
            profile = tempfile.mkdtemp(dir=tmp)  # a fresh profile: nothing cached or synced
            session.run(
                *headless,
                f"--user-data-dir={profile}",
                *options,
                page.as_uri(),
                external=True,
                silent=True,
            )
        if shutil.which("pdfinfo"):
            session.run("pdfinfo", str(printed), external=True)
    session.log(f"screenshots and prints in {out}")


@nox.session
def fuzz(session: nox.Session) -> None:
    """The configuration fuzzer of tests/test_fuzz.py with 10,000 cases on two workers
    (MUNICIPAL_STRATEGY_FUZZ=N for another number); prints accepted, rejected, crashed and
    the seconds it took. A crash fails the session."""
    import json
    import time

    session.install("-e", ".[test]", "pytest-xdist")
    report = Path(session.create_tmp()) / "fuzz-report"
    report.mkdir(exist_ok=True)
    for old in report.glob("*.json"):
        old.unlink()
    cases = os.environ.get("MUNICIPAL_STRATEGY_FUZZ", "10000")
    env = {"MUNICIPAL_STRATEGY_FUZZ": cases, "MUNICIPAL_STRATEGY_FUZZ_REPORT": str(report)}
    started = time.perf_counter()
    session.run(
        "pytest",
        "tests/test_fuzz.py",
        "-n",
        "2",
        "-q",
        "-p",
        "no:randomly",
        *session.posargs,
        env=env,
    )
    seconds = time.perf_counter() - started
    totals: dict[str, int] = {}
    for part in report.glob("*.json"):
        for key, value in json.loads(part.read_text(encoding="utf-8")).items():
            totals[key] = totals.get(key, 0) + value
    totals.setdefault("crashed", 0)
    summary = ", ".join(f"{key} {value}" for key, value in sorted(totals.items()))
    session.log(f"fuzz: {sum(totals.values())} cases in {seconds:.0f} s: {summary}")


@nox.session
def site_screenshots(session: nox.Session) -> None:
    """Build the example's static site into build/site/ and a fictional network's into
    build/site-network/, and take screenshots of the example's first page (the language
    chooser), the commune's page and an action's page, in ar and en, and of the network's
    index, at 1280 and 390 px, into build/site-screenshots/ (and the README's two into
    docs/images/); fail if a page fetched anything (read from Chromium's network log).
    Needs: apt-get install chromium."""
    import shutil
    import tempfile
    import textwrap

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        session.skip("chromium is not on PATH: apt-get install chromium")
    session.install("-e", ".")
    site = Path("build/site").resolve()
    out = Path("build/site-screenshots").resolve()
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    build = (
        "from municipal_strategy.cli_site import site; site(prog_name='municipal-strategy site')"
    )
    session.run("python", "-c", build, "examples/aitmelloul_2022", "-o", str(site))
    tmp = Path(session.create_tmp()).resolve()
    headless = [chromium, *HEADLESS]
    # a network's site: the fictional test network without Tizi, its member invalid on
    # purpose (a site is not published while a member is invalid)
    network = tmp / "network"
    shutil.rmtree(network, ignore_errors=True)
    shutil.copytree("tests/data/network", network)
    shutil.rmtree(network / "tizi")
    text = (network / "network.toml").read_text(encoding="utf-8")
    head, _, tail = text.partition('[[members]]\npath = "tizi"')
    (network / "network.toml").write_text(head + tail[tail.index("\n#") :], encoding="utf-8")
    network_site = Path("build/site-network").resolve()
    shutil.rmtree(network_site, ignore_errors=True)
    session.run("python", "-c", build, str(network), "-o", str(network_site), "--no-downloads")
    pages = {"index": site / "index.html"}
    for lang in ("ar", "en"):
        pages[f"commune-{lang}"] = site / lang / "index.html"
        pages[f"action-{lang}"] = min((site / lang / "actions").glob("*.html"))
    pages["network-fr"] = network_site / "fr" / "index.html"
    logs = []
    for name, page in pages.items():
        for width in (1280, 390):
            profile = tempfile.mkdtemp(dir=tmp)  # a fresh profile: nothing cached or synced
            logs.append(str(tmp / f"net-{name}-{width}.json"))
            session.run(
                *headless,
                f"--user-data-dir={profile}",
                f"--log-net-log={logs[-1]}",
                f"--window-size={width},2000",
                f"--screenshot={out / f'{name}-{width}.png'}",
                page.as_uri(),
                external=True,
                silent=True,
            )
    # the README's two images: the top of the example's Arabic page, the network's index
    # on a phone
    for name, page, size in (
        ("site-commune-ar", site / "ar" / "index.html", "1280,1000"),
        ("site-network-fr-phone", network_site / "fr" / "index.html", "390,1000"),
    ):
        session.run(
            *headless,
            f"--user-data-dir={tempfile.mkdtemp(dir=tmp)}",
            f"--window-size={size}",
            f"--screenshot={Path('docs/images', name + '.png').resolve()}",
            page.as_uri(),
            external=True,
            silent=True,
        )
    # the requests the pages made, in Chromium's network logs: those whose network
    # isolation key is a file:// page's (not Chromium's own background requests)
    page_fetches = """
    import json, sys
    fetched = []
    for log in sys.argv[1:]:
        data = json.load(open(log, encoding="utf-8"))
        start = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        for event in data["events"]:
            params = event.get("params", {})
            if event["type"] == start and "file://" in params.get("network_isolation_key", ""):
                fetched.append(params.get("url"))
    print(f"{len(sys.argv) - 1} page loads, {len(fetched)} requests made by the pages")
    sys.exit("the pages fetched: " + ", ".join(map(str, fetched)) if fetched else 0)
    """
    session.run("python", "-c", textwrap.dedent(page_fetches), *logs)
    session.log(f"sites in {site} and {network_site}, screenshots in {out}")
