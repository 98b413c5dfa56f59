"""A network of communes: their configurations evaluated for one year and compared, overall,
per region, per group and theme by theme.

A network is a ``network.toml`` naming its members (each configuration's path, its region,
province and groups) and the themes its communes share through tags; or a folder whose
subfolders each hold a ``strategy.toml``. Each member is loaded and evaluated on its own —
in worker processes when there are several (`run`) — into a `MemberRow` of plain values;
no strategy outlives its row, so a network of any size is streamed. The rows are gathered
into a `Comparison`. Batch reports (`network_report.ReportJob`) are written by the same
workers.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import re
import signal
import statistics
import sys
import unicodedata
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .converter import place, structure
from .errors import ConfigError, EvaluationError, Problem
from .loading import STRATEGY_FILE, configuration_files, load, read_toml
from .model import Strategy, Text
from .scoring import EvaluationResult, evaluate, rollup
from .summary import budget_dict

if TYPE_CHECKING:
    from .network_report import ReportJob, ReportOutcome

NETWORK_FILE = "network.toml"
#: How many of a member's problems the comparison lists.
FIRST_PROBLEMS = 3
#: What a member can be in the comparison.
COMPARED, INVALID, NO_EVALUATION, FAILED = "compared", "invalid", "no_evaluation", "failed"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


@attrs.frozen
class _MemberEntry:
    path: str
    id: str | None = None
    name: Text | None = None
    region: str | None = None
    province: str | None = None
    groups: tuple[str, ...] = ()


@attrs.frozen
class _ThemeEntry:
    tags: tuple[str, ...]
    label: Text | None = None


@attrs.frozen
class _NetworkEntry:
    members: tuple[_MemberEntry, ...]
    title: Text | None = None
    themes: Mapping[str, _ThemeEntry] = attrs.field(factory=dict)


@attrs.frozen
class Theme:
    """A theme the communes share: the tags (of actions, or of nodes above them) it stands for."""

    id: str
    tags: tuple[str, ...]
    label: Text | None = None


@attrs.frozen
class Member:
    """A commune of the network: where its configuration is, and where the commune is."""

    #: What names it in the comparison and names its report file.
    id: str
    path: Path
    #: The path as the network wrote it (relative to network.toml), or the subfolder's name.
    written: str
    name: Text | None = None
    region: str | None = None
    province: str | None = None
    groups: tuple[str, ...] = ()


@attrs.frozen
class Network:
    """The members and themes of a network; `file` is None for a folder of configurations."""

    members: tuple[Member, ...]
    themes: tuple[Theme, ...] = ()
    title: Text | None = None
    file: Path | None = None


def slug(name: str) -> str:
    """A file name's worth of `name`: 'Aït Melloul' → 'ait-melloul' (`name` when nothing
    Latin is left of it)."""
    latin = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-") or name


def load_network(path: str | os.PathLike[str]) -> Network:
    """The network at `path` (a network.toml, a folder holding one, or a folder of
    configurations), checked; `ConfigError` names every problem with its file and place."""
    path = Path(path)
    if path.is_dir() and not (path / NETWORK_FILE).is_file():
        return _from_folder(path)
    file = path / NETWORK_FILE if path.is_dir() else path
    if not file.is_file():
        raise ConfigError([Problem(path, "", "no such file or directory")])
    data = read_toml(file)
    if "members" not in data and "axes" in data:
        raise ConfigError([Problem(file, "", "is a commune's configuration, not a network")])
    problems = [
        Problem(file, place(at, data), "expected an array of strings")
        for at, value in _string_arrays(data)
        if not isinstance(value, list)
    ]
    if problems:
        raise ConfigError(problems)
    return _from_entry(file, data, structure(data, _NetworkEntry, file))


def _string_arrays(data: Mapping[str, Any]) -> Iterator[tuple[str, object]]:
    """The arrays of strings of a network.toml, by place (a string would pass as one)."""
    members = data.get("members")
    for i, member in enumerate(members if isinstance(members, list) else []):
        if isinstance(member, Mapping) and "groups" in member:
            yield f"members[{i}].groups", member["groups"]
    themes = data.get("themes")
    for key, theme in (themes if isinstance(themes, Mapping) else {}).items():
        if isinstance(theme, Mapping) and "tags" in theme:
            yield f"themes[{key!r}].tags", theme["tags"]


def _from_entry(file: Path, data: Mapping[str, Any], entry: _NetworkEntry) -> Network:
    problems = [
        Problem(file, at, f"expected at least one {what}")
        for at, what, value in [
            ("members", "member", entry.members),
            *((f"themes[{key!r}].tags", "tag", t.tags) for key, t in entry.themes.items()),
        ]
        if not value
    ]
    members: list[Member] = []
    seen: dict[tuple[int, int], int] = {}  # members by file identity (device, inode)
    ids: dict[str, int] = {}
    for i, item in enumerate(entry.members):
        path = file.parent / item.path

        def at(key: str, i: int = i) -> str:
            return place(f"members[{i}].{key}", data)

        try:
            found = os.stat(path) if item.path.strip() else None
        except OSError:
            found = None
        if found is None:
            message = f"{item.path!r}: no such file or directory"
            problems.append(Problem(file, at("path"), message))
            continue
        identity = (found.st_dev, found.st_ino)
        if identity in seen:
            first = entry.members[seen[identity]].path
            problems.append(
                Problem(
                    file,
                    at("path"),
                    f"{item.path!r} is the configuration of members[{seen[identity]}] "
                    f"({first!r}) again",
                )
            )
            continue
        seen[identity] = i
        key = item.id if item.id is not None else slug(_stem(path))
        if item.id is not None and not _ID.fullmatch(item.id):
            problems.append(
                Problem(file, at("id"), f"{item.id!r}: expected letters, digits, - and _")
            )
        elif key in ids:
            problems.append(
                Problem(
                    file,
                    at("id" if item.id is not None else "path"),
                    f"the id {key!r} is that of members[{ids[key]}] too (report files are "
                    "named after it): give one of them an id of its own",
                )
            )
        ids.setdefault(key, i)
        members.append(
            Member(key, path, item.path, item.name, item.region, item.province, item.groups)
        )
    if problems:
        raise ConfigError(problems)
    themes = tuple(Theme(key, t.tags, t.label) for key, t in entry.themes.items())
    return Network(tuple(members), themes, entry.title, file)


def _stem(path: Path) -> str:
    """The name a member is known by without an id: its folder's or file's, without
    resolving the path unless it ends in ``.`` or ``..`` (resolving costs system calls)."""
    name = Path(os.path.normpath(path)).stem
    return name if name not in ("", ".", "..") else path.resolve().stem


def _from_folder(folder: Path) -> Network:
    if (folder / STRATEGY_FILE).is_file():
        message = f"holds a {STRATEGY_FILE}: it is one commune's configuration, not a network"
        raise ConfigError([Problem(folder, "", message)])
    found = [
        sub
        for sub in sorted(folder.iterdir())
        if not sub.name.startswith(".") and (sub / STRATEGY_FILE).is_file()
    ]
    if not found:
        message = f"no {NETWORK_FILE} here, and no subfolder holds a {STRATEGY_FILE}"
        raise ConfigError([Problem(folder, "", message)])
    members: dict[str, Member] = {}
    problems = []
    for sub in found:
        key = slug(sub.name)
        if key in members:
            message = f"its id {key!r} is that of {members[key].written!r} too: rename one"
            problems.append(Problem(sub, "", message))
        members[key] = Member(key, sub, sub.name)
    if problems:
        raise ConfigError(problems)
    return Network(tuple(members.values()))


def network_files(network: Network) -> list[Path]:
    """The network.toml and every member's configuration files: what an output must not be
    written over (`output.is_one_of`)."""
    files = [network.file] if network.file else []
    for member in network.members:
        try:
            strategy_file, evaluation_files = configuration_files(member.path)
        except ConfigError:
            continue
        files += [strategy_file, *evaluation_files]
    return files


@attrs.frozen
class Task:
    """What a worker is given for one member: plain values only."""

    index: int
    member: Member
    year: int
    lang: str
    themes: tuple[Theme, ...]
    report: ReportJob | None = None
    #: The member's entry in the reports folder's record, from the last run.
    previous: Mapping[str, Any] | None = None


@attrs.frozen
class MemberRow:
    """A member's figures for the year, or why it has none: the little a worker sends back."""

    index: int
    status: str
    #: The commune's name, in the comparison's language.
    name: str | None = None
    problems: tuple[str, ...] = ()
    problem_count: int = 0
    scoring: str | None = None
    rate: float | None = None
    counted: int | None = None
    assessed: int | None = None
    excluded: int | None = None
    #: Late counted actions; None when no counted action has a planned end.
    late: int | None = None
    budget: Mapping[str, Any] | None = None
    #: Each theme's rate, in the order of the network's themes.
    themes: tuple[float | None, ...] = ()
    #: The themes' tags the member's plan uses.
    tags: frozenset[str] = frozenset()
    report: ReportOutcome | None = None


def theme_rates(result: EvaluationResult, themes: Sequence[Theme]) -> tuple[float | None, ...]:
    """Each theme's `rollup` over the counted actions carrying one of its tags, or below a
    node that does; None when none has a score. A group given a progress of its own stands
    for the actions below it, as in the headline rate."""
    standing = {}
    if result.strategy.scoring == "progress":
        standing = {n.node.id: n.progress for n in result.nodes() if n.progress is not None}
    terms: list[list[tuple[float, float]]] = [[] for _ in themes]
    for r in result.counted:
        score = next((standing[n.id] for n in r.path if n.id in standing), r.score)
        if score is None:
            continue
        tags = set(r.action.tags).union(*(n.tags for n in r.path))
        for i, theme in enumerate(themes):
            if not tags.isdisjoint(theme.tags):
                terms[i].append((r.plan_weight, score))
    return tuple(rollup(t) for t in terms)


def _tags(strategy: Strategy) -> set[str]:
    return {t for n in strategy.nodes() for t in n.tags} | {
        t for _, a in strategy.actions() for t in a.tags
    }


def evaluate_member(task: Task) -> MemberRow:
    """Load, evaluate and (when asked) write the report of one member; what goes wrong is
    in its row, never raised: a member does not take the network down."""
    try:
        return _evaluate_member(task)
    except ConfigError as exc:
        return _unavailable(task, INVALID, [str(p) for p in exc.problems])
    except OSError as exc:
        return _unavailable(task, INVALID, [f"the configuration cannot be read: {exc}"])
    except Exception as exc:
        return _unavailable(task, FAILED, [f"unexpected error: {type(exc).__name__}: {exc}"])


def _evaluate_member(task: Task) -> MemberRow:
    before: dict[str, str] = {}
    if task.report is not None:  # what the report is made from, read before it is
        from .network_report import configuration_digests

        before = configuration_digests(task.member.path)
    strategy = load(task.member.path)
    name = strategy.commune.get(task.lang, strategy.fallback)
    tags = frozenset(_tags(strategy) & {t for theme in task.themes for t in theme.tags})
    try:
        result = evaluate(strategy, task.year, previous=task.report is not None)
    except EvaluationError as exc:
        return attrs.evolve(_unavailable(task, NO_EVALUATION, [str(exc)]), name=name, tags=tags)
    row = MemberRow(
        index=task.index,
        status=COMPARED,
        name=name,
        scoring=strategy.scoring,
        rate=result.rate,
        counted=len(result.counted),
        assessed=len(result.assessed),
        excluded=len(result.excluded),
        late=len(result.late) if any(r.action.end for r in result.counted) else None,
        budget=budget_dict(result.budget),
        themes=theme_rates(result, task.themes),
        tags=tags,
    )
    if task.report is None:
        return row
    from .network_report import write_report

    report = write_report(task.member, task.report, task.previous, strategy, result, before)
    return attrs.evolve(row, report=report)


def _unavailable(task: Task, status: str, problems: Sequence[str]) -> MemberRow:
    first = tuple(problems[:FIRST_PROBLEMS])
    return MemberRow(task.index, status, problems=first, problem_count=len(problems))


def tasks(
    network: Network,
    year: int,
    lang: str,
    report: ReportJob | None = None,
    record: Mapping[str, Any] | None = None,
) -> list[Task]:
    """One task per member, in the network's order."""
    previous = record or {}
    return [
        Task(i, m, year, lang, network.themes, report, previous.get(m.id))
        for i, m in enumerate(network.members)
    ]


def _evaluate_chunk(chunk: Sequence[Task]) -> list[MemberRow]:
    return [evaluate_member(task) for task in chunk]


def _worker_started() -> None:
    """A worker leaves Ctrl-C to the parent, which stops it with SIGTERM: a report being
    written then removes its temporary file (`output.write_atomic`).

    What the worker inherited from the parent (modules, the network) lives as long as it
    does: it is frozen out of the garbage collector, which then scans only the members'
    own objects (about 4 % less time a member) and leaves the shared pages unwritten."""
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def _context() -> Any:
    """Fork where it is safe (Linux and the like): workers start at once, sharing the
    parent's loaded modules and plugins; elsewhere the platform's default."""
    fork = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    return multiprocessing.get_context("fork") if fork else None


def run(tasks: Sequence[Task], jobs: int) -> Generator[list[MemberRow], None, None]:
    """Each member's row, in batches as they finish (not in order).

    With `jobs` > 1 and several members, or when reports are written, the members are
    evaluated in `jobs` worker processes, submitted in chunks, a few chunks ahead; closing
    the iterator early (an interruption) terminates the workers. Otherwise in this process.
    """
    batch = any(t.report is not None for t in tasks)
    if not batch and (jobs <= 1 or len(tasks) <= 1):
        for task in tasks:
            yield [evaluate_member(task)]
        return
    workers = max(1, min(jobs, len(tasks)))
    chunks = _chunks(tasks, workers * 4, most=1 if batch else 32)
    executor = ProcessPoolExecutor(workers, _context(), initializer=_worker_started)
    pending: set[Future[list[MemberRow]]] = set()
    finished = False
    try:
        for chunk in itertools.islice(chunks, 2 * workers):
            pending.add(executor.submit(_evaluate_chunk, chunk))
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                for chunk in itertools.islice(chunks, 1):
                    pending.add(executor.submit(_evaluate_chunk, chunk))
                yield future.result()
        finished = True
    finally:
        if finished:
            executor.shutdown()
        else:
            _stop(executor)


def _chunks(tasks: Sequence[Task], parts: int, most: int = 32) -> Iterator[Sequence[Task]]:
    """The tasks in chunks of `1/parts` of what remains, of at most `most` members and at
    least one: large while much remains, single members at the end, so that no worker
    waits long for another to finish."""
    start = 0
    while start < len(tasks):
        size = max(1, min(most, (len(tasks) - start) // parts))
        yield tasks[start : start + size]
        start += size


def _stop(executor: ProcessPoolExecutor) -> None:
    """Terminate the workers (SIGTERM) and wait for them to end."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(10)
    executor.shutdown(wait=False, cancel_futures=True)


@attrs.frozen
class Distribution:
    """How rates spread over the members that have one: quartiles by linear interpolation
    between the sorted rates (``statistics.quantiles``, method ``inclusive``)."""

    count: int
    min: float | None = None
    q1: float | None = None
    median: float | None = None
    q3: float | None = None
    max: float | None = None
    mean: float | None = None

    @classmethod
    def of(cls, rates: Iterable[float | None]) -> Distribution:
        data = sorted(r for r in rates if r is not None)
        if not data:
            return cls(0)
        q1, median, q3 = (
            statistics.quantiles(data, n=4, method="inclusive") if len(data) > 1 else data * 3
        )
        return cls(len(data), data[0], q1, median, q3, data[-1], statistics.fmean(data))


@attrs.frozen
class Bucket:
    """The members of one region (None: not known) or group, and how their rates spread."""

    name: str | None
    members: int
    compared: int
    rates: Distribution


@attrs.frozen
class Comparison:
    """Every member's row for the year, in the network's order, and what they add up to."""

    network: Network
    year: int
    lang: str
    rows: tuple[MemberRow, ...]
    reports: ReportJob | None = None

    def pairs(self) -> Iterator[tuple[Member, MemberRow]]:
        return zip(self.network.members, self.rows, strict=True)

    @property
    def compared(self) -> tuple[MemberRow, ...]:
        return tuple(r for r in self.rows if r.status == COMPARED)

    @property
    def complete(self) -> bool:
        """Every member compared, and every report asked for written (or unchanged)."""
        return all(
            r.status == COMPARED and (r.report is None or r.report.status != FAILED)
            for r in self.rows
        )

    def rates(self) -> Distribution:
        return Distribution.of(r.rate for r in self.compared)

    def themes(self) -> list[tuple[Theme, int, Distribution]]:
        """Each theme, how many compared members' plans use its tags, and their rates."""
        return [
            (
                theme,
                sum(not r.tags.isdisjoint(theme.tags) for r in self.compared),
                Distribution.of(r.themes[i] for r in self.compared),
            )
            for i, theme in enumerate(self.network.themes)
        ]

    def regions(self) -> list[Bucket]:
        """Per region, in the order they first appear; unknown last."""
        return self._buckets(lambda m: [m.region])

    def groups(self) -> list[Bucket]:
        return self._buckets(lambda m: list(m.groups))

    def _buckets(self, keys: Callable[[Member], Iterable[str | None]]) -> list[Bucket]:
        found: dict[str | None, list[MemberRow]] = {}
        for member, row in self.pairs():
            for key in keys(member):
                found.setdefault(key, []).append(row)
        order = sorted(found, key=lambda k: k is None)  # stable: first appearance kept
        return [
            Bucket(
                key,
                len(found[key]),
                sum(r.status == COMPARED for r in found[key]),
                Distribution.of(r.rate for r in found[key] if r.status == COMPARED),
            )
            for key in order
        ]


def network_language(network: Network, lang: str | None) -> str:
    """`lang`, else the first language of the network's title that labels exist in."""
    from .i18n import LANGS

    languages = network.title.languages if network.title else ()
    return lang or next((code for code in languages if code in LANGS), "en")


def compare(
    network: Network,
    year: int,
    lang: str,
    rows: Iterable[MemberRow],
    reports: ReportJob | None = None,
) -> Comparison:
    """The comparison of the members' rows; a theme whose tags no member's plan uses is a
    `ConfigError` of the network."""
    ordered = tuple(sorted(rows, key=lambda r: r.index))
    used = set().union(*(r.tags for r in ordered))
    problems = [
        Problem(
            network.file,
            f"themes[{theme.id!r}].tags",
            "no member's plan uses any of these tags: " + ", ".join(map(repr, theme.tags)),
        )
        for theme in network.themes
        if used.isdisjoint(theme.tags)
    ]
    if problems:
        raise ConfigError(problems)
    return Comparison(network, year, lang, ordered, reports)


def compare_network(
    path: str | os.PathLike[str], year: int, *, lang: str | None = None, jobs: int = 1
) -> Comparison:
    """Load the network at `path` and compare its members in `year`, in `jobs` processes."""
    network = load_network(path)
    language = network_language(network, lang)
    rows = [row for done in run(tasks(network, year, language), jobs) for row in done]
    return compare(network, year, language, rows)
