"""Developer tasks: `nox` runs tests, lint and typecheck; `nox -s bench` prints figures."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["tests", "plugins", "lint", "typecheck"]
nox.options.default_venv_backend = "venv"


def plugin_packages() -> list[Path]:
    """The separately installable packages in plugins/."""
    return sorted(p for p in Path("plugins").iterdir() if (p / "pyproject.toml").is_file())


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite: unit, property (hypothesis), CLI, docs and the example."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


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


@nox.session
def previews(session: nox.Session) -> None:
    """Render the example's PDF in ar, fr and en, and PNG previews of its first pages into
    docs/images/ (needs pdftoppm: apt-get install poppler-utils)."""
    session.install("-e", ".")
    out = Path("docs/images")
    out.mkdir(parents=True, exist_ok=True)
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
        session.run(
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "3",
            str(pdf),
            str(out / f"report-{lang}"),
            external=True,
        )


@nox.session
def bench(session: nox.Session) -> None:
    """Print start-up and evaluation timings (figures, not tests)."""
    session.install("-e", ".")
    session.install("weasyprint", "pypdf")
    session.run("python", "benchmarks/startup.py", *session.posargs)
    session.run("python", "benchmarks/pdf.py", *session.posargs)
