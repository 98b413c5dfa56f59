"""The `municipal-strategy` command: a thin click layer over the library.

The library is imported inside each command, so that ``--help`` costs click alone.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])

CONFIG = click.Path(exists=False, path_type=Path)
LANG = click.Choice(["ar", "fr", "en"])


@contextmanager
def _reported() -> Iterator[None]:
    """Turn the library's errors into messages on stderr and exit code 2."""
    from .errors import ConfigError, EvaluationError

    try:
        yield
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        count = len(exc.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found", err=True)
        sys.exit(2)
    except EvaluationError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="municipal-strategy", prog_name="municipal-strategy")
def cli() -> None:
    """Model a commune's strategy, evaluate it year by year and report on it.

    PATH is a configuration: a TOML file, or a directory holding strategy.toml and
    evaluations/YEAR.toml files.
    """


@cli.command()
@click.argument("path", type=CONFIG)
def validate(path: Path) -> None:
    """Check a configuration and report every problem found."""
    from .loading import load

    with _reported():
        strategy = load(path)
    actions = sum(1 for _ in strategy.actions())
    years = ", ".join(map(str, strategy.years)) or "none"
    click.echo(
        f"{path}: valid — {len(strategy.axes)} axes, {actions} actions, evaluations: {years}"
    )


@cli.command()
@click.argument("path", type=CONFIG)
@click.option("--year", type=int, help="The evaluated year (optional when there is one).")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)
@click.option(
    "--lang",
    type=LANG,
    help="Language of texts and labels [default: the strategy title's first language].",
)
def evaluate(path: Path, year: int | None, format_: str, lang: str | None) -> None:
    """Score a year's evaluation: rate, per-axis rates, status counts, exclusions."""
    from .loading import load
    from .scoring import evaluate as score
    from .summary import summary_dict, summary_text

    with _reported():
        result = score(load(path), year)
    if format_ == "json":
        click.echo(json.dumps(summary_dict(result, lang), ensure_ascii=False, indent=2))
    else:
        click.echo(summary_text(result, lang), nl=False)


def main() -> None:
    cli(prog_name="municipal-strategy")
