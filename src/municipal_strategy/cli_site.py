"""The `site` command: write a static public site of a commune, or of a network of
communes (registered on the `municipal-strategy` group by cli.py).

The library — pathlib too — is imported inside the command, so that ``--help`` costs click
alone.
"""

from __future__ import annotations

import sys

import click


@click.command()
@click.argument("path", type=click.Path(exists=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    required=True,
    help="The folder to write the site into (made if missing).",
)
@click.option(
    "--downloads/--no-downloads",
    default=True,
    show_default=True,
    help="Write the last year's report as PDF, CSV and JSON beside each commune's page.",
)
def site(path: str, output: str, downloads: bool) -> None:
    """Write a static public site into OUTPUT: PATH is a commune's configuration (its page
    is the index), or a network — a network.toml, or a folder of configurations — whose
    index compares its communes, by region.

    Pages in each language of a strategy's title (ar, fr, en), Arabic right to left; no
    script and nothing fetched: open OUTPUT/index.html, or copy OUTPUT to any static host.
    """
    from pathlib import Path

    from .errors import ConfigError, EvaluationError, OutputError, PluginError
    from .plugins import get_plugins
    from .site import build_site, check_output, site_members

    folder = Path(output)
    try:
        check_output(folder)
        source = site_members(Path(path))
        if downloads:
            plugins = get_plugins()
            if not plugins.warned:
                for skipped in plugins.problems:
                    click.echo(f"warning: {skipped}", err=True)
                plugins.warned = True
        built = build_site(source, folder, downloads=downloads)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        count = len(exc.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found", err=True)
        sys.exit(2)
    except (EvaluationError, PluginError, OutputError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"error: cannot write the site into {folder}: {exc.strerror}", err=True)
        sys.exit(2)
    communes = f"{built.communes} commune{'s' if built.communes != 1 else ''}"
    click.echo(
        f"wrote {folder} ({communes}, {built.pages} pages, {len(built.files)} files, "
        f"languages: {', '.join(built.langs)}); open {folder / 'index.html'}",
        err=True,
    )
