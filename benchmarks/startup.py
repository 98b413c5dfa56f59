"""Start-up and evaluation timings of the command line, against Python's floors.

Runs each command --runs times (default 20), each run in a fresh process as a user runs
it, the commands taking turns (one run of each per round, in an order that changes from
round to round), so that a busy machine slows them alike; prints the median wall time
(and CPU time) of each, the two ratios the project holds itself to, and which heavy
modules each command imports:

    python benchmarks/startup.py [--runs N] [CONFIG]

The targets: ``municipal-strategy --help`` at most 1.3 times ``python -c "import click"``;
``municipal-strategy evaluate`` at most 1.0 times its floor, a ``python -c`` that imports
click, attrs, cattrs and pluggy and parses the same TOML files with ``tomllib``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "aitmelloul_2022"

PASS = "python -c pass"
CLICK = 'python -c "import click"'
HELP = "municipal-strategy --help"
FLOOR = "floor: click, attrs, cattrs, pluggy + tomllib parse"
EVALUATE = "municipal-strategy evaluate"

#: (numerator, denominator, target): the ratios of medians the project holds itself to.
TARGETS = ((HELP, CLICK, 1.3), (EVALUATE, FLOOR, 1.0))


#: The environment of the commands: Python writes the bytecode of a module it compiles, as
#: it does for a user, so that the warm-up run leaves no module to compile in a timed one.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> tuple[float, float]:
    """The wall time and the CPU time (user and system) of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved(cases: dict[str, list[str]], runs: int) -> dict[str, list[tuple[float, float]]]:
    """Wall and CPU times of `runs` runs of each command, one run of each per round; each
    round starts one command further on, so that no command always follows the same one."""
    names = list(cases)
    for command in cases.values():
        subprocess.run(command, check=True, capture_output=True, env=ENV)  # warm the caches
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for round_ in range(runs):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(timed(cases[name]))
    return times


def floor_code(files: list[Path]) -> str:
    """The floor `evaluate` is held to (issue 11): click, attrs, cattrs and pluggy imported,
    and the same files parsed by the standard library's TOML parser."""
    return (
        "import click, attrs, cattrs, pluggy, tomllib\n"
        f"for f in {[str(f) for f in files]!r}:\n"
        "    with open(f, 'rb') as fh: tomllib.load(fh)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("config", nargs="?", type=Path, default=EXAMPLE)
    args = parser.parse_args()
    tool = shutil.which("municipal-strategy", path=str(Path(sys.executable).parent))
    if tool is None:
        sys.exit("municipal-strategy is not installed next to this Python: pip install -e .")
    config = str(args.config)
    files = [args.config / "strategy.toml", *sorted((args.config / "evaluations").glob("*.toml"))]
    if args.config.is_file():
        files = [args.config]
    cases = {
        PASS: [sys.executable, "-c", "pass"],
        CLICK: [sys.executable, "-c", "import click"],
        HELP: [tool, "--help"],
        FLOOR: [sys.executable, "-c", floor_code(files)],
        EVALUATE: [tool, "evaluate", config],
        "municipal-strategy evaluate --format json": [tool, "evaluate", config, "--format", "json"],
        "municipal-strategy validate": [tool, "validate", config],
        "municipal-strategy report --format html -o -": [
            tool,
            *("report", config, "--format", "html", "-o", "-"),
        ],
    }
    shown = args.config.relative_to(ROOT) if args.config.is_relative_to(ROOT) else args.config
    print(
        f"Python {sys.version.split()[0]} on {sys.platform}, {_cores()}; "
        f"{args.runs} runs each, interleaved; config: {shown}"
    )
    times = interleaved(cases, args.runs)
    wall = {name: statistics.median(w for w, _ in values) for name, values in times.items()}
    cpu = {name: statistics.median(c for _, c in values) for name, values in times.items()}
    start = wall[PASS]
    print(f"{'command':<52} {'wall':>8} {'over pass':>10} {'CPU':>8}")
    for name, seconds in wall.items():
        print(
            f"{name:<52} {seconds * 1000:>6.1f}ms {(seconds - start) * 1000:>+8.1f}ms "
            f"{cpu[name] * 1000:>6.1f}ms"
        )
    print()
    print("Ratios of the median wall times (in brackets: the median of the ratios within a")
    print("round, and the ratio of the median CPU times):")
    for numerator, denominator, target in TARGETS:
        ratio = wall[numerator] / wall[denominator]
        paired = statistics.median(
            a[0] / b[0] for a, b in zip(times[numerator], times[denominator], strict=True)
        )
        verdict = "met" if ratio <= target else "NOT met"
        print(
            f"  {numerator} / {denominator.split(':')[0]}: {ratio:.2f}× "
            f"({paired:.2f}×; CPU {cpu[numerator] / cpu[denominator]:.2f}×), "
            f"target ≤ {target:.1f}×: {verdict}"
        )
    print()
    print("Modules a command imports, of those only some commands need:")
    for name, argv in (
        ("--help", ["--help"]),
        ("evaluate", ["evaluate", config]),
        ("evaluate --format json", ["evaluate", config, "--format", "json"]),
        ("validate", ["validate", config]),
        ("report --format html", ["report", config, "--format", "html", "-o", "-"]),
    ):
        modules = imported(argv)
        found = sorted(modules & WATCHED, key=str.lower) or ["none of them"]
        own = sum(1 for m in modules if m.startswith("municipal_strategy."))
        print(f"  {name:<24} {', '.join(found)}; {own} of the library's modules")


#: Modules that only some commands need; the benchmark shows which command imports them.
WATCHED = frozenset(
    {
        "json",
        "pathlib",
        "pluggy",
        "attrs",
        "cattrs",
        "tomli",
        "tomllib",
        "babel",
        "babel.numbers",
        "babel.dates",
        "zoneinfo",
        "fpdf",
        "uharfbuzz",
        "openpyxl",
        "fontTools",
        "PIL",
        "jsonschema",
    }
)


def _cores() -> str:
    count = os.cpu_count()
    return f"{count} core{'s' if count != 1 else ''}"


def imported(argv: list[str]) -> set[str]:
    """The modules in sys.modules after the command line ran with `argv`."""
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, check=True
    ).stderr
    return set(out.split())


_PROBE = """
import sys
from municipal_strategy.cli import cli
argv = sys.argv[1:]
out = sys.stdout
sys.stdout = open("/dev/null", "w")
try:
    cli(argv, standalone_mode=False)
except SystemExit:
    pass
sys.stderr.write("\\n".join(sorted(sys.modules)))
"""


if __name__ == "__main__":
    main()
