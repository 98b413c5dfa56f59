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
    ]
    print(
        f"Python {sys.version.split()[0]} on {sys.platform}; {args.runs} runs each; "
        f"config: {args.config.relative_to(ROOT) if args.config.is_relative_to(ROOT) else args.config}"
    )
    results = {}
    for name, command in cases:
        results[name] = median_seconds(command, args.runs)
    floor = results["python -c pass"]
    print(f"{'command':<44} {'median':>9} {'over python -c pass':>20}")
    for name, seconds in results.items():
        print(f"{name:<44} {seconds * 1000:>7.1f}ms {(seconds - floor) * 1000:>+18.1f}ms")


if __name__ == "__main__":
    main()
