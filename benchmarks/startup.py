"""Start-up and evaluation timings of the command line, against Python's floor.

Prints the median wall time of each command over --runs runs (default 20), each in a
fresh process, as a user would run them:

    python benchmarks/startup.py [--runs N] [CONFIG]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "aitmelloul_2022"


def median_seconds(command: list[str], runs: int) -> float:
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("config", nargs="?", type=Path, default=EXAMPLE)
    args = parser.parse_args()
    tool = shutil.which("municipal-strategy", path=str(Path(sys.executable).parent))
    if tool is None:
        sys.exit("municipal-strategy is not installed next to this Python: pip install -e .")
    files = [args.config / "strategy.toml", *sorted((args.config / "evaluations").glob("*.toml"))]
    if args.config.is_file():
        files = [args.config]
    parse_only = (
        "import tomllib\n"
        f"for f in {[str(f) for f in files]!r}:\n"
        "    with open(f, 'rb') as fh: tomllib.load(fh)"
    )
    cases = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("python: tomllib parse of the same files", [sys.executable, "-c", parse_only]),
        ("municipal-strategy --help", [tool, "--help"]),
        ("municipal-strategy validate", [tool, "validate", str(args.config)]),
        ("municipal-strategy evaluate", [tool, "evaluate", str(args.config)]),
        (
            "municipal-strategy evaluate --format json",
            [tool, "evaluate", str(args.config), "--format", "json"],
        ),
        (
            "municipal-strategy report --format html -o -",
            [tool, "report", str(args.config), "--format", "html", "-o", "-"],
        ),
    ]
    print(
        f"Python {sys.version.split()[0]} on {sys.platform}; {args.runs} runs each; "
        f"config: {args.config.relative_to(ROOT) if args.config.is_relative_to(ROOT) else args.config}"
    )
    results = {}
    for name, command in cases:
        results[name] = median_seconds(command, args.runs)
    floor = results["python -c pass"]
    print(f"{'command':<48} {'median':>9} {'over python -c pass':>20}")
    for name, seconds in results.items():
        print(f"{name:<48} {seconds * 1000:>7.1f}ms {(seconds - floor) * 1000:>+18.1f}ms")
    print()
    print("Modules imported by a command (of those a report may need):")
    for name, argv in (
        ("--help", ["--help"]),
        ("evaluate", ["evaluate", str(args.config)]),
        ("report --format html", ["report", str(args.config), "--format", "html", "-o", "-"]),
    ):
        found = imported(argv) & WATCHED
        print(f"  {name:<22} {', '.join(sorted(found)) or 'none of them'}")


#: Modules that only some commands need; the benchmark shows which command imports them.
WATCHED = frozenset(
    {
        "pluggy",
        "cattrs",
        "attrs",
        "tomllib",
        "fpdf",
        "uharfbuzz",
        "openpyxl",
        "fontTools",
        "PIL",
        "jsonschema",
    }
)


def imported(argv: list[str]) -> set[str]:
    """Top-level modules in sys.modules after the CLI ran with `argv`."""
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
sys.stderr.write("\\n".join(sorted({m.split(".")[0] for m in sys.modules})))
"""


if __name__ == "__main__":
    main()
