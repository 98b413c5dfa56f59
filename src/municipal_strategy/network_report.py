"""What a network run writes: the comparison as a versioned JSON contract, terminal text,
CSV and one self-contained HTML page (inline CSS, no script, nothing fetched); and each
member's report in a folder (batch reports), kept while its inputs do not change.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any

import attrs

from .errors import ConfigError, OutputError, PluginError, Problem
from .loading import configuration_files
from .locale import babel_locale, format_rate
from .model import FALLBACK, Strategy
from .network import (
    COMPARED,
    FAILED,
    Bucket,
    Comparison,
    Distribution,
    Member,
    MemberRow,
    Theme,
)
from .report import RTL_LANGUAGES, number
from .scoring import ROLLUP, EvaluationResult

#: Bumped when a key changes meaning or goes away.
NETWORK_VERSION = 1
FORMATS = ("text", "json", "csv", "html")
#: The record, in a reports folder, of what each member's report was made from.
RECORD_FILE = ".municipal-strategy-batch.json"
RECORD_VERSION = 1

_LABELS: dict[str, dict[str, str]] = {
    "network": {"ar": "شبكة الجماعات", "fr": "Réseau de communes", "en": "Network of communes"},
    "members": {"ar": "الجماعات", "fr": "Communes", "en": "Communes"},
    "compared": {"ar": "المقارَنة", "fr": "comparées", "en": "compared"},
    "rated": {"ar": "لها نسبة", "fr": "avec un taux", "en": "with a rate"},
    "not_compared": {"ar": "غير المقارَنة", "fr": "Non comparées", "en": "Not compared"},
    "rest": {"ar": "غير المقارَنة", "fr": "non comparées", "en": "not compared"},
    "commune": {"ar": "الجماعة", "fr": "commune", "en": "commune"},
    "region": {"ar": "الجهة", "fr": "région", "en": "region"},
    "rate": {"ar": "النسبة", "fr": "taux", "en": "rate"},
    "counted": {"ar": "المحتسبة", "fr": "comptées", "en": "counted"},
    "assessed": {"ar": "المقيَّمة", "fr": "évaluées", "en": "assessed"},
    "excluded": {"ar": "المستثناة", "fr": "exclues", "en": "excluded"},
    "late": {"ar": "المتأخرة", "fr": "en retard", "en": "late"},
    "spent": {"ar": "المصروف", "fr": "dépensé", "en": "spent"},
    "distribution": {"ar": "توزيع النسب", "fr": "Distribution des taux", "en": "Distribution"},
    "min": {"ar": "الأدنى", "fr": "min", "en": "min"},
    "q1": {"ar": "الربيع الأول", "fr": "Q1", "en": "Q1"},
    "median": {"ar": "الوسيط", "fr": "médiane", "en": "median"},
    "q3": {"ar": "الربيع الثالث", "fr": "Q3", "en": "Q3"},
    "max": {"ar": "الأقصى", "fr": "max", "en": "max"},
    "mean": {"ar": "المتوسط", "fr": "moyenne", "en": "mean"},
    "by_region": {"ar": "حسب الجهة", "fr": "Par région", "en": "By region"},
    "by_group": {"ar": "حسب المجموعة", "fr": "Par groupe", "en": "By group"},
    "by_theme": {"ar": "حسب الموضوع", "fr": "Par thème", "en": "By theme"},
    "unknown_region": {"ar": "جهة غير معروفة", "fr": "région inconnue", "en": "region unknown"},
    "invalid": {"ar": "تهيئة غير صالحة", "fr": "configuration invalide", "en": "invalid"},
    "no_evaluation": {
        "ar": "لا تقييم لسنة {year}",
        "fr": "pas d'évaluation pour {year}",
        "en": "no evaluation for {year}",
    },
    "failed": {"ar": "تعذّر التقييم", "fr": "échec", "en": "failed"},
    "problems": {"ar": "المشاكل", "fr": "problèmes", "en": "problems"},
    "reports_failed": {
        "ar": "تقارير لم تُكتب",
        "fr": "Rapports non écrits",
        "en": "Reports not written",
    },
    "all": {"ar": "الكل", "fr": "Ensemble", "en": "All"},
    "colon": {"ar": ": ", "fr": "\u00a0: ", "en": ": "},
    "separator": {"ar": "؛ ", "fr": " ; ", "en": "; "},
}
_SPREAD = ("min", "q1", "median", "q3", "max", "mean")


class _View:
    """A comparison seen in one language: labels, rates and names."""

    def __init__(self, comparison: Comparison) -> None:
        self.c = comparison
        self.lang = comparison.lang
        self.locale = babel_locale(self.lang)

    def label(self, key: str, **values: object) -> str:
        texts = _LABELS[key]
        return texts.get(self.lang, texts["en"]).format(**values)

    def percent(self, rate: float | None) -> str:
        return format_rate(rate, self.locale)

    def title(self) -> str:
        title = self.c.network.title
        return title.get(self.lang, FALLBACK) if title else self.label("network")

    def name(self, member: Member, row: MemberRow) -> str:
        return member.name.get(self.lang, FALLBACK) if member.name else row.name or member.id

    def theme(self, theme: Theme) -> str:
        return theme.label.get(self.lang, FALLBACK) if theme.label else theme.id

    def region(self, bucket: Bucket) -> str:
        return bucket.name if bucket.name is not None else self.label("unknown_region")

    def status(self, row: MemberRow) -> str:
        return self.label(row.status, year=self.c.year)

    def counts(self) -> str:
        colon, rows, compared = self.label("colon"), len(self.c.rows), len(self.c.compared)
        return self.label("separator").join(
            f"{self.label(key)}{colon}{n}"
            for key, n in (("members", rows), ("compared", compared), ("rest", rows - compared))
        )


def _sections(view: _View) -> list[tuple[str, list[tuple[str, int, Distribution]]]]:
    """The tables of rates: across the network, per region, per group, per theme; each
    row a name, how many members it has, and the distribution of their rates."""
    c = view.c
    sections = [
        ("distribution", [(view.label("all"), len(c.rows), c.rates())]),
        ("by_region", [(view.region(b), b.members, b.rates) for b in c.regions()]),
        ("by_group", [(b.name or "", b.members, b.rates) for b in c.groups()]),
        ("by_theme", [(view.theme(t), users, d) for t, users, d in c.themes()]),
    ]
    return [(key, items) for key, items in sections if items]


def _left_out(view: _View) -> list[tuple[str, list[tuple[str, str, Sequence[str]]]]]:
    """The members not compared, and those whose report failed: each member's id, what
    became of it, and its (first) problems."""
    missing: list[tuple[str, str, Sequence[str]]] = []
    failed: list[tuple[str, str, Sequence[str]]] = []
    for member, row in view.c.pairs():
        if row.status != COMPARED:
            more = f" ({row.problem_count} {view.label('problems')})"
            what = view.status(row) + (more if row.problem_count > 1 else "")
            missing.append((member.id, what, row.problems))
        elif row.report is not None and row.report.status == FAILED:
            failed.append((member.id, row.report.file, (row.report.error or "",)))
    return [(k, v) for k, v in (("not_compared", missing), ("reports_failed", failed)) if v]


def _spent(row: MemberRow) -> float | None:
    spent = row.budget.get("spent") if row.budget else None
    return spent["rate"] if spent else None


def _distribution(rates: Distribution) -> dict[str, Any]:
    return {"count": rates.count, **{key: getattr(rates, key) for key in _SPREAD}}


def _bucket(key: str, bucket: Bucket) -> dict[str, Any]:
    return {
        key: bucket.name,
        "members": bucket.members,
        "compared": bucket.compared,
        "distribution": _distribution(bucket.rates),
    }


def _member(view: _View, member: Member, row: MemberRow) -> dict[str, Any]:
    report = row.report
    return {
        "id": member.id,
        "name": view.name(member, row) if member.name or row.name else None,
        "path": member.written,
        "region": member.region,
        "province": member.province,
        "groups": list(member.groups),
        "status": row.status,
        "problems": list(row.problems),
        "problem_count": row.problem_count,
        "scoring": row.scoring,
        "implementation_rate": row.rate,
        "counted_actions": row.counted,
        "assessed_actions": row.assessed,
        "excluded_actions": row.excluded,
        "late_actions": row.late,
        "budget": dict(row.budget) if row.budget else None,
        "themes": {
            t.id: row.themes[i] if row.status == COMPARED else None
            for i, t in enumerate(view.c.network.themes)
        },
        "report": {"status": report.status, "file": report.file, "error": report.error}
        if report
        else None,
    }


def network_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as the stable JSON contract (docs/network.md; network.schema.json)."""
    view = _View(comparison)
    network = comparison.network
    statuses = [r.status for r in comparison.rows]
    job = comparison.reports
    outcomes = [r.report.status for r in comparison.rows if r.report]
    return {
        "network_version": NETWORK_VERSION,
        "lang": view.lang,
        "title": view.title() if network.title else None,
        "year": comparison.year,
        "rollup": ROLLUP,
        "counts": {
            "members": len(statuses),
            **{s: statuses.count(s) for s in ("compared", "invalid", "no_evaluation", "failed")},
        },
        "distribution": _distribution(comparison.rates()),
        "themes": [
            {
                "id": theme.id,
                "label": view.theme(theme),
                "tags": list(theme.tags),
                "members": users,
                "distribution": _distribution(rates),
            }
            for theme, users, rates in comparison.themes()
        ],
        "regions": [_bucket("region", b) for b in comparison.regions()],
        "groups": [_bucket("group", b) for b in comparison.groups()],
        "members": [_member(view, m, r) for m, r in comparison.pairs()],
        "reports": None
        if job is None
        else {
            "folder": str(job.folder),
            "format": job.format,
            **{s: outcomes.count(s) for s in ("written", "unchanged", "failed")},
        },
    }


def _table(rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            (cell.rjust(w) if i in right else cell.ljust(w))
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def network_text(comparison: Comparison) -> str:
    """What a person reads in a terminal: a line per compared member, the distribution,
    per region, group and theme, then the members not compared and why."""
    view = _View(comparison)
    label, percent, colon = view.label, view.percent, view.label("colon")
    themes = comparison.network.themes
    lines = [f"{view.title()} — {comparison.year}", view.counts(), ""]
    head = ["id", "commune", "region", "rate", "counted", "assessed", "excluded", "late", "spent"]
    table = [[label(k) if k != "id" else k for k in head] + [view.theme(t) for t in themes]]
    for member, row in comparison.pairs():
        if row.status != COMPARED:
            continue
        figures = [row.counted, row.assessed, row.excluded, row.late]
        table.append(
            [member.id, view.name(member, row), member.region or "—", percent(row.rate)]
            + [str(n) if n is not None else "—" for n in figures]
            + [percent(_spent(row))]
            + [percent(rate) for rate in row.themes]
        )
    if len(table) > 1:
        lines += [*_table(table, set(range(3, len(table[0])))), ""]
    for key, items in _sections(view):
        lines.append(f"{label(key)}{colon.rstrip()}")
        head = ["", label("members"), label("rated"), *(label(k) for k in _SPREAD)]
        table = [
            [name, str(n), str(d.count), *(percent(getattr(d, k)) for k in _SPREAD)]
            for name, n, d in items
        ]
        lines += ["  " + line for line in _table([head, *table], set(range(1, 9)))] + [""]
    for key, entries in _left_out(view):
        lines.append(f"{label(key)}{colon.rstrip()}")
        for name, what, problems in entries:
            lines += [f"  {name} — {what}", *(f"    {problem}" for problem in problems)]
        lines.append("")
    return "\n".join(lines)


def network_csv(comparison: Comparison) -> bytes:
    """One row per member, every figure a plain number (rates in [0, 1]); UTF-8 with a BOM,
    CRLF, formula-like cells inert, as the `csv` exporter writes."""
    from .default_plugins.export_csv import write_rows

    view = _View(comparison)
    themes = comparison.network.themes
    head = [
        "id", "name", "path", "region", "province", "groups", "status",
        "implementation_rate", "counted_actions", "assessed_actions", "excluded_actions",
        "late_actions", "budget_currency", "budget_planned", "budget_committed_rate",
        "budget_spent_rate", *(f"theme:{t.id}" for t in themes), "problem",
    ]  # fmt: skip
    rows = [head]
    for member, row in comparison.pairs():
        data = _member(view, member, row)
        budget = row.budget or {}
        committed = budget.get("committed") or {}
        figures = [row.rate, row.counted, row.assessed, row.excluded, row.late]
        rows.append(
            [member.id, data["name"] or "", member.written, member.region or ""]
            + [member.province or "", ";".join(member.groups), row.status]
            + [number(n) for n in figures]
            + [budget.get("currency") or "", number(budget.get("planned"))]
            + [number(committed.get("rate")), number(_spent(row))]
            + [number(rate) for rate in data["themes"].values()]
            + [row.problems[0] if row.problems else ""]
        )
    stream = io.BytesIO()
    write_rows(stream, rows)
    return stream.getvalue()


_STYLE = """
body { font-family: "Noto Sans", "Noto Naskh Arabic", "DejaVu Sans", Arial, sans-serif;
       color: #1f2933; margin: 1.5rem; line-height: 1.5; }
h1 { color: #1b7f5f; margin: 0 0 .3rem; } h2 { color: #1b7f5f; margin-top: 2rem; }
.muted { color: #5f6b76; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border-bottom: 1px solid #d9dee3; padding: .25rem .6rem; text-align: start; }
td.n { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { display: inline-block; width: 6rem; height: .6rem; background: #e6eaee;
       margin-inline-start: .4rem; vertical-align: middle; }
.bar > span { display: block; height: 100%; background: #1b7f5f; }
li code { overflow-wrap: anywhere; }
"""


def _rate_cell(view: _View, rate: float | None) -> str:
    bar = ""
    if rate is not None:
        bar = f'<span class="bar"><span style="width:{rate * 100:.1f}%"></span></span>'
    return f'<td class="n">{escape(view.percent(rate))}{bar}</td>'


def _html_table(head: Sequence[str], rows: Sequence[str]) -> str:
    cells = "".join(f"<th>{escape(h)}</th>" for h in head)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def network_html(comparison: Comparison) -> str:
    """One self-contained page: inline CSS, no script, nothing fetched, every text escaped,
    right to left for Arabic."""
    view = _View(comparison)
    label, e = view.label, escape
    themes = comparison.network.themes
    direction = "rtl" if view.lang in RTL_LANGUAGES else "ltr"
    rows = []
    for member, row in comparison.pairs():
        if row.status != COMPARED:
            continue
        figures = [row.counted, row.assessed, row.excluded, row.late]
        rows.append(
            f"<tr><td>{e(view.name(member, row))} <span class='muted'>{e(member.id)}</span></td>"
            f"<td>{e(member.region or '—')}</td>{_rate_cell(view, row.rate)}"
            + "".join(f'<td class="n">{n if n is not None else "—"}</td>' for n in figures)
            + f'<td class="n">{e(view.percent(_spent(row)))}</td>'
            + "".join(_rate_cell(view, rate) for rate in row.themes)
            + "</tr>"
        )
    head = ["commune", "region", "rate", "counted", "assessed", "excluded", "late", "spent"]
    body = [
        f"<h1>{e(view.title())} — {comparison.year}</h1>",
        f"<p class='muted'>{e(view.counts())}</p>",
        _html_table([label(k) for k in head] + [view.theme(t) for t in themes], rows),
    ]
    head = ["", label("members"), label("rated"), *(label(k) for k in _SPREAD)]
    for key, items in _sections(view):
        cells = [
            f"<tr><td>{e(name)}</td><td class='n'>{n}</td><td class='n'>{d.count}</td>"
            + "".join(f"<td class='n'>{e(view.percent(getattr(d, k)))}</td>" for k in _SPREAD)
            + "</tr>"
            for name, n, d in items
        ]
        body += [f"<h2>{e(label(key))}</h2>", _html_table(head, cells)]
    for key, entries in _left_out(view):
        body.append(f"<h2>{e(label(key))}</h2><ul>")
        for name, what, problems in entries:
            listed = "".join(f"<li><code>{e(p)}</code></li>" for p in problems)
            body.append(f"<li>{e(name)} — {e(what)}<ul>{listed}</ul></li>")
        body.append("</ul>")
    policy = "default-src 'none'; style-src 'unsafe-inline'"
    return (
        f'<!DOCTYPE html>\n<html lang="{e(view.lang)}" dir="{direction}">\n<head>\n'
        f'<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(view.title())} — {comparison.year}</title>\n<style>{_STYLE}</style>\n"
        "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _json(data: Mapping[str, Any]) -> str:
    """`data` indented by two spaces, each member on a line of its own: a member per line
    reads and compares well, and is written by json's compiled encoder (the indenting one
    is pure Python, some ten times slower on a national network)."""
    line = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    parts = []
    for key, value in data.items():
        if key == "members" and value:
            text = "[\n" + ",\n".join(f"    {line(member)}" for member in value) + "\n  ]"
        else:  # (a JSON text has no raw line break inside a string: each break is indentation)
            text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        parts.append(f"  {json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def render(comparison: Comparison, format: str) -> bytes:
    """The comparison in `format` (one of `FORMATS`), as bytes to write."""
    if format == "json":
        return _json(network_dict(comparison)).encode("utf-8")
    if format == "csv":
        return network_csv(comparison)
    if format == "html":
        return network_html(comparison).encode("utf-8")
    return network_text(comparison).encode("utf-8")


@attrs.frozen
class ReportJob:
    """The report to write for each member: where, in which format and language, and `key`,
    a digest of everything besides the member's own files that the report depends on."""

    folder: Path
    format: str
    extension: str
    key: str
    lang: str | None = None
    fonts: Mapping[str, Path] = attrs.field(factory=dict)


@attrs.frozen
class ReportOutcome:
    """What became of a member's report: ``written``, ``unchanged`` or ``failed``."""

    status: str
    file: str
    error: str | None = None
    #: The member's new entry in the record: the digests of its inputs and of the report.
    record: Mapping[str, Any] | None = None


def input_files(path: Path, strategy: Strategy) -> list[Path]:
    """Every file a member's configuration was read from: its TOML files, the files its
    evaluations import and its logo."""
    strategy_file, evaluation_files = configuration_files(path)
    folders = {strategy_file.parent, *(f.parent for f in evaluation_files)}
    imports = {f / i.path for e in strategy.evaluations for i in e.imports for f in folders}
    logo = [Path(strategy.logo)] if strategy.logo else []
    return [strategy_file, *evaluation_files, *sorted(f for f in imports if f.is_file()), *logo]


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hexadecimal."""
    hashed = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            hashed.update(block)
    return hashed.hexdigest()


def digests(files: Iterable[Path]) -> dict[str, str]:
    return {str(f.resolve()): digest(f) for f in files}


def configuration_digests(path: Path) -> dict[str, str]:
    """The digests of a configuration's TOML files (none when it has no strategy file)."""
    try:
        strategy_file, evaluation_files = configuration_files(path)
        return digests([strategy_file, *evaluation_files])
    except (ConfigError, OSError):
        return {}


def write_report(
    member: Member,
    job: ReportJob,
    previous: Mapping[str, Any] | None,
    strategy: Strategy,
    result: EvaluationResult,
    before: Mapping[str, str],
) -> ReportOutcome:
    """The member's report written atomically, unless its `previous` entry in the record
    says it was made from the same inputs with the same `ReportJob.key`, and it is still
    there as written. `before` holds the configuration's digests taken before it was read."""
    from .output import write_atomic
    from .plugins import ExportOptions, get_exporter

    name = f"{member.id}{job.extension}"
    output = job.folder / name
    try:
        inputs = {**digests(input_files(member.path, strategy)), **before}
        old = previous or {}
        record = {"key": job.key, "inputs": inputs, "output": name}
        if (
            all(old.get(k) == v for k, v in record.items())
            and output.is_file()
            and digest(output) == old.get("output_sha256")
        ):
            return ReportOutcome("unchanged", name, record=old)
        exporter = get_exporter(job.format)
        options = ExportOptions(lang=job.lang, fonts=job.fonts)
        write_atomic(output, lambda stream: exporter.write(result, stream, options))
        return ReportOutcome("written", name, record={**record, "output_sha256": digest(output)})
    except (OutputError, PluginError) as exc:
        return ReportOutcome(FAILED, name, str(exc))
    except OSError as exc:
        return ReportOutcome(FAILED, name, f"cannot write {output}: {exc.strerror}")
    except Exception as exc:
        error = f"the {job.format} exporter failed: {type(exc).__name__}: {exc}"
        return ReportOutcome(FAILED, name, error)


def report_job(
    folder: Path, format: str, year: int, lang: str | None, fonts: Mapping[str, Path]
) -> ReportJob:
    """The batch job: the exporter known, the folder made (a file there is refused), and
    `ReportJob.key`, the digest of the exporter and its provider, the year, the language and
    the fonts."""
    from .plugins import get_exporter, get_plugins

    exporter = get_exporter(format)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot write reports into {folder}: it is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot make the folder {folder}: {exc.strerror}") from None
    try:
        font_digests = {role: digest(file) for role, file in sorted(fonts.items())}
    except OSError as exc:
        raise ConfigError([Problem(Path(str(exc.filename)), "", "cannot be read")]) from None
    provider = str(get_plugins().exporters[exporter.name].provider)
    what = [exporter.name, provider, year, lang, font_digests]
    key = hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()
    return ReportJob(folder, exporter.name, exporter.extension, key, lang, dict(fonts))


def read_record(folder: Path) -> dict[str, Any]:
    """Each member's entry in the folder's record of a last run; empty when there is none
    (or it cannot be read: every report is then made again)."""
    try:
        data = json.loads((folder / RECORD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ok = isinstance(data, dict) and data.get("record_version") == RECORD_VERSION
    members = data.get("members") if ok else None
    return dict(members) if isinstance(members, dict) else {}


def write_record(folder: Path, members: Mapping[str, Any]) -> None:
    """Write the record atomically."""
    from .output import write_atomic

    data = {"record_version": RECORD_VERSION, "members": dict(sorted(members.items()))}
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    write_atomic(folder / RECORD_FILE, lambda stream: stream.write(text.encode("utf-8")))
