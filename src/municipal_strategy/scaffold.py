"""`init`: a new commune's configuration, written with a comment on every key, that
`validate` accepts at once — from answers, or from a copy of another commune's strategy
without its evaluations."""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import attrs
import tomlkit

from .errors import ConfigError, Problem
from .loading import STRATEGY_FILE, configuration_files, load
from .scales import SCALE_PRESETS


@attrs.frozen
class Answers:
    """What `init` asks; each has a default (see `docs/cli.md`)."""

    commune: str = "Ma commune"
    langs: tuple[str, ...] = ("fr",)
    title: str | None = None
    period: tuple[int, int] = (2025, 2030)
    scale: str = "default"
    axes: tuple[str, ...] = ("Axe 1",)

    @property
    def strategy_title(self) -> str:
        return self.title or f"Stratégie {self.period[0]}–{self.period[1]}"


def parse_period(text: str) -> tuple[int, int]:
    """'2023-2028' (or with an en dash) → (2023, 2028)."""
    match = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", text)
    if match is None or int(match[1]) > int(match[2]):
        raise ValueError(f"{text!r} is not a period (expected START-END, e.g. 2024-2029)")
    return int(match[1]), int(match[2])


def _string(value: str) -> str:
    return tomlkit.string(value).as_string()


def _text(key: str, value: str, langs: Sequence[str]) -> list[str]:
    """A text in its first language, as a dotted key; the other languages are left as
    commented lines to fill in."""
    first, *others = langs
    return [f"{key}.{first} = {_string(value)}"] + [f'# {key}.{lang} = ""' for lang in others]


def _slug(text: str, used: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:20] or "axe"
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug


def strategy_text(answers: Answers) -> str:
    """The text of `strategy.toml` for `answers`, a comment on each key."""
    langs = answers.langs
    lines = [
        "# The commune's strategy, read by municipal-strategy (docs/configuration.md).",
        "# Validate it with: municipal-strategy validate .",
        "# Every text may be given per language (title.fr = …, title.ar = …) or as a plain string.",
        "",
        "# The commune's name.",
        *_text("commune", answers.commune, langs),
        "",
        "# The strategy's title.",
        *_text("title", answers.strategy_title, langs),
        "",
        "# The years the strategy covers, both included.",
        f"period = {{ start = {answers.period[0]}, end = {answers.period[1]} }}",
        "",
        "# The status scale: a preset (" + ", ".join(f'"{n}"' for n in SCALE_PRESETS) + "),",
        "# or [[scale]] tables of your own (id, weight in [0, 1], label).",
        f"scale = {_string(answers.scale)}",
        "",
        "# Exclusions that hold for every year go here as [[exclusions]] (reason, and",
        "# actions, nodes or tags); a year's own go in its evaluations/YEAR.toml.",
        "",
    ]
    used: set[str] = set()
    for number, title in enumerate(answers.axes, start=1):
        axis_id = _slug(title, used)
        lines += [
            "# An axis of the strategy: a stable id, its code in the plan, a title.",
            "[[axes]]",
            f"id = {_string(axis_id)}",
            f'code = "{number}"',
            *_text("title", title, langs),
            "",
            "# Its actions: a stable id (evaluations refer to it), a code, a title; optional:",
            '# responsible, partners, start, end, budget = { amount = …, currency = "MAD" }.',
            "[[axes.actions]]",
            f"id = {_string(f'{axis_id}-1')}",
            f'code = "{number}.1"',
            *_text("title", f"Action {number}.1", langs),
            "",
        ]
    return "\n".join(lines)


def copied_text(source: Path, answers: Answers, given: set[str]) -> str:
    """Another commune's `strategy.toml`, comments kept, without its inline evaluations,
    with the keys given on the command line replaced (in its first language)."""
    strategy_file, _ = configuration_files(source)
    document = tomlkit.parse(strategy_file.read_text(encoding="utf-8-sig"))
    document.pop("evaluations", None)
    if "period" in given:
        document["period"] = {"start": answers.period[0], "end": answers.period[1]}
    text = tomlkit.dumps(document)
    first = answers.langs[0]
    for key, value in (("commune", answers.commune), ("title", answers.strategy_title)):
        if key in given:
            text = _replace_top_key(text, key, f"{key}.{first} = {_string(value)}")
    return text


def _replace_top_key(text: str, key: str, line: str) -> str:
    """`text` with the top-level lines of `key` (``key = …`` or ``key.xx = …``, before the
    first table) replaced by `line`."""
    lines = text.split("\n")
    end = next((i for i, x in enumerate(lines) if x.lstrip().startswith("[")), len(lines))
    pattern = re.compile(rf"{re.escape(key)}(\.[A-Za-z0-9-]+)?\s*=")
    found = [i for i in range(end) if pattern.match(lines[i])]
    if not found:
        return line + "\n" + text
    lines[found[0]] = line
    return "\n".join(x for i, x in enumerate(lines) if i not in found[1:])


def init(directory: Path, answers: Answers, *, source: Path | None, given: set[str]) -> Path:
    """Write a new configuration into `directory` (which must be empty or new) and check it;
    return the strategy file."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        what = "is not a directory" if not directory.is_dir() else "is not empty"
        raise ConfigError(
            [
                Problem(
                    directory,
                    "",
                    f"{what}: init writes a new configuration into an empty directory",
                )
            ]
        )
    text = copied_text(source, answers, given) if source is not None else strategy_text(answers)
    strategy_file = directory / STRATEGY_FILE
    created = not directory.exists()
    directory.mkdir(parents=True, exist_ok=True)
    try:
        (directory / "evaluations").mkdir()
        strategy_file.write_text(text, encoding="utf-8")
        load(directory)  # what init writes validates at once
    except BaseException:
        shutil.rmtree(directory) if created else _empty(directory)
        raise
    return strategy_file


def _empty(directory: Path) -> None:
    for item in directory.iterdir():
        shutil.rmtree(item) if item.is_dir() else item.unlink()
