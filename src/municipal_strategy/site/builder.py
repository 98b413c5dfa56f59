"""Build the site into a folder: every commune's pages and downloads in each of its
languages, the network's index in each language of the site, and the language chooser.

Each file is written atomically (`output.write_atomic`); files already in the folder that
the site does not make are left alone. The same configurations give the same bytes: no
clock, no randomness, every list in a fixed order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs

from ..document import Words
from ..errors import ConfigError, EvaluationError, OutputError, Problem
from ..i18n import LANGS
from ..loading import load
from ..output import write_atomic
from .commune import Commune, languages_of, load_commune
from .downloads import FORMATS, export
from .frame import Crumb
from .index import IndexPage, Row, language_page, row
from .labels import site_label
from .layout import Layout
from .members import SiteSource
from .pages import Around, CommunePages, Download


@attrs.frozen
class Built:
    """What `build_site` wrote: the site's paths (relative to its folder), in order."""

    output: Path
    files: tuple[str, ...]
    langs: tuple[str, ...]
    communes: int

    @property
    def pages(self) -> int:
        return sum(1 for f in self.files if f.endswith(".html"))


def check_output(output: Path) -> None:
    """An `OutputError` unless `output` is a folder or a path where one can be made."""
    if output.is_dir():
        return
    if output.exists() or output.is_symlink():
        raise OutputError(
            f"cannot write the site into {output}: it is a file, not a folder "
            "(give a folder, or a path where one can be made)"
        )
    for parent in output.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"cannot write the site into {output}: {parent} is a file")
            break


class _Writer:
    """Writes files into the site's folder (made on the first write), remembering their
    paths."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.files: list[str] = []

    def write(self, path: str, data: bytes) -> None:
        target = self.output.joinpath(*path.split("/"))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot make the folder {target.parent}: {exc.strerror}") from None
        write_atomic(target, lambda stream: stream.write(data))
        self.files.append(path)


def network_languages(source: SiteSource) -> tuple[str, ...]:
    """Every language of a network's members, in the catalogue's order (ar, fr, en): each
    configuration is loaded (and checked) once before anything is written; a
    `ConfigError` gathers every member's problems."""
    found: set[str] = set()
    problems: list[Problem] = []
    for member in source.members:
        try:
            found.update(languages_of(load(member.config)))
        except ConfigError as exc:
            problems += exc.problems
    if problems:
        raise ConfigError(problems)
    return tuple(lang for lang in LANGS if lang in found)


def build_site(source: SiteSource, output: Path, *, downloads: bool = True) -> Built:
    """Write the site of `source` into the folder `output` (made if missing).

    Raises `ConfigError` for configurations that cannot be loaded, `EvaluationError` for a
    one-commune site without any evaluation, `OutputError` when `output` is not a folder or
    a file cannot be written there; nothing is written before every configuration is
    loaded. The communes are written one after the other, and only their lines of the
    network's index are kept: the memory a network takes does not grow with its size."""
    check_output(output)
    layout = Layout(source.network)
    writer = _Writer(output)
    if source.network:
        langs = network_languages(source)
        rows: dict[str, list[Row]] = {lang: [] for lang in langs}
        for member in source.members:
            commune = load_commune(member)
            _write_commune(commune, layout, writer, downloads, lambda lang: _title(source, lang))
            for lang in langs:
                rows[lang].append(row(commune, lang, layout))
        for lang in langs:
            page = IndexPage(rows[lang], lang, layout, _title(source, lang), langs)
            writer.write(*page.render())
        names = [(lang, _title(source, lang)) for lang in langs]
    else:
        commune = load_commune(source.members[0])
        if commune.latest is None:
            raise EvaluationError(
                f"{commune.member.config} has no evaluation yet: there is nothing to publish"
            )
        langs = commune.langs
        names = [(lang, Words(*commune.name(lang))) for lang in langs]
        _write_commune(commune, layout, writer, downloads, dict(names).__getitem__)
    writer.write(*language_page(names, layout))
    return Built(output, tuple(writer.files), langs, len(source.members))


def _title(source: SiteSource, lang: str) -> Words:
    """A network's name in `lang`: its title's, else a label's."""
    if source.title is not None:
        return Words(source.title.get(lang), source.title.language_of(lang))
    return Words(site_label("network", lang), lang)


def _write_commune(
    commune: Commune,
    layout: Layout,
    writer: _Writer,
    downloads: bool,
    site_name: Callable[[str], Words],
) -> None:
    """A commune's pages and downloads in each of its languages (none before its first
    evaluation)."""
    if commune.latest is None:
        return
    for lang in commune.langs:
        name = site_name(lang)
        index = Crumb(name, layout.home(lang)) if layout.network else None
        around = Around(name, layout.home(lang), index)
        files = _downloads(commune, lang, layout, writer) if downloads else []
        for path, data in CommunePages(commune, lang, layout, around, files).pages():
            writer.write(path, data)


def _downloads(commune: Commune, lang: str, layout: Layout, writer: _Writer) -> list[Download]:
    result = commune.latest
    assert result is not None
    made = []
    for name in FORMATS:
        data, extension, media_type = export(result, name, lang)
        file = f"{commune.slug}-{result.year}-{lang}{extension}"
        path = layout.download(lang, commune.slug, file)
        writer.write(path, data)
        made.append(Download(path, name, media_type, len(data)))
    return made
