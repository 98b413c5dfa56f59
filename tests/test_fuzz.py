"""A fuzzer of configurations: the example and generated strategies, mutated — keys deleted,
types changed, unknown keys, duplicates, huge and empty strings, NaN and infinities,
control and bidi characters, deep nesting, odd dates — must each be either accepted, and
then evaluate and export in every text format (its JSON valid under the export's schema),
or refused with a `ConfigError` whose every problem names its file and place. Anything
else is a crash.

The default run tries a few hundred cases; ``nox -s fuzz`` tries 10,000
(``MUNICIPAL_STRATEGY_FUZZ=10000``) on two workers and prints a summary.
"""

from __future__ import annotations

import copy
import json
import math
import os
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from municipal_strategy import ConfigError, evaluate, load, to_dict
from municipal_strategy.testing import (
    export,
    plugins_with,
    schema_validator,
    strategies,
    toml_dumps,
)

from .conftest import EXAMPLE

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]

CASES = int(os.environ.get("MUNICIPAL_STRATEGY_FUZZ", "120"))
FORMATS = ("json", "csv", "markdown", "html")
OUTCOMES: Counter[str] = Counter()

Data = Any
Place = list[str | int]


@cache
def example_data() -> dict[str, Any]:
    """The example as one file's data: the strategy with its evaluation inline."""
    strategy = tomllib.loads((EXAMPLE / "strategy.toml").read_text(encoding="utf-8"))
    year = tomllib.loads((EXAMPLE / "evaluations" / "2022.toml").read_text(encoding="utf-8"))
    return {**strategy, "evaluations": [year]}


def places(data: Data, path: Place | None = None) -> list[Place]:
    """Every place in `data`: the paths of its keys and items."""
    path = path or []
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += places(value, [*path, key])
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += places(value, [*path, index])
    return found


def parent_of(data: Data, path: Place) -> tuple[Data, str | int]:
    node = data
    for step in path[:-1]:
        node = node[step]
    return node, path[-1]


ODD_STRINGS = [
    "",
    " ",
    "x" * 100_000,
    "\u202e\u2066evil\u2069",
    "\x00\x01\x1b[31m",
    "\r\n\t",
    "2022-02-30",
    "0000",
    "9999-12-31",
    "２０２２",
    "=1+1",
    "javascript:alert(1)",
    '"><img src=x onerror=alert(1)>',
    "ⵜⴰⵎⵙⵎⵓⵏⵜ",
    "نص عربي",
]
ODD_VALUES: list[Any] = [
    *ODD_STRINGS,
    0,
    -1,
    2**63 - 1,
    10**30,
    1.5,
    -0.0,
    math.nan,
    math.inf,
    -math.inf,
    True,
    [],
    {},
    [1, "a"],
    {"fr": 1},
]


def nest(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


def mutate(data: Data, draw: st.DrawFn) -> Data:
    """`data` with one to four mutations at places drawn from it."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 4))):
        spots = places(data)
        path = draw(st.sampled_from(spots))
        kind = draw(
            st.sampled_from(["delete", "replace", "unknown", "duplicate", "nest", "swap_type"])
        )
        if not path:
            continue
        parent, key = parent_of(data, path)
        if kind == "delete":
            del parent[key]
        elif kind == "replace":
            parent[key] = draw(st.sampled_from(ODD_VALUES))
        elif kind == "unknown" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["titel", "extra", "", "number", "code"]))] = "x"
        elif kind == "duplicate" and isinstance(parent, list) and isinstance(key, int):
            # the same value twice, not a copy: a value nested 600 deep would take a deep
            # copy past Python's recursion limit (the data is only written out as TOML)
            parent.insert(key, parent[key])
        elif kind == "nest":
            parent[key] = nest(parent[key], draw(st.sampled_from([2, 50, 600])))
        elif kind == "swap_type":
            value = parent[key]
            parent[key] = (
                str(value)
                if not isinstance(value, str)
                else draw(st.sampled_from([1, [value], {"fr": value}, None]))
            )
            if parent[key] is None:
                del parent[key]
    return data


@st.composite
def configurations(draw: st.DrawFn) -> Data:
    """A mutated configuration, from the example or from a generated strategy."""
    if draw(st.booleans()):
        base = example_data()
    else:
        base = to_dict(draw(strategies(max_axes=3, max_actions=3, max_depth=1, max_years=2)))
    return mutate(base, draw)


def write(path: Path, data: Data) -> bool:
    """Write `data` as TOML; False where TOML cannot hold it (then nothing is tried)."""
    try:
        path.write_text(toml_dumps(data), encoding="utf-8", errors="surrogatepass")
    except (TypeError, ValueError, RecursionError, UnicodeEncodeError):
        return False
    return True


def check(path: Path, lang: str, formats: tuple[str, ...] = FORMATS) -> str:
    """Load, evaluate and export one configuration; the outcome, or AssertionError."""
    refused: ConfigError | None = None
    try:
        strategy = load(path)
    except ConfigError as exc:
        refused = exc
    if refused is not None:
        assert refused.problems
        for problem in refused.problems:
            assert problem.file is not None, problem
            assert problem.message, problem
        return "rejected"
    validator = schema_validator("evaluation.schema.json")
    with plugins_with():
        for year in strategy.years:
            result = evaluate(strategy, year)
            for name in formats:
                data = export(name, result, lang)
                if name == "json":
                    validator.validate(json.loads(data))
    return "accepted"


def run(tmp_path_factory: pytest.TempPathFactory, data: Data, lang: str, heavy: bool) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "strategy.toml"
    if not write(path, data):
        OUTCOMES["unwritable"] += 1
        return
    formats = (*FORMATS, "pdf") if heavy else FORMATS
    try:
        OUTCOMES[check(path, lang, formats)] += 1
    except Exception:
        OUTCOMES["crashed"] += 1
        raise
    finally:
        _save_outcomes()


def _save_outcomes() -> None:
    """For ``nox -s fuzz``: this process's outcomes, summed by the session."""
    folder = os.environ.get("MUNICIPAL_STRATEGY_FUZZ_REPORT")
    if folder:
        Path(folder, f"{os.getpid()}.json").write_text(json.dumps(OUTCOMES), encoding="utf-8")


FUZZ = settings(
    max_examples=max(1, CASES // 2),
    deadline=None,
    derandomize=False,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@pytest.mark.parametrize("half", [0, 1])  # two halves: two workers under pytest -n 2
@FUZZ
@given(data=configurations(), lang=st.sampled_from(["ar", "fr", "en"]), heavy=st.integers(0, 49))
def test_no_configuration_crashes_the_tool(
    tmp_path_factory: pytest.TempPathFactory, half: int, data: Data, lang: str, heavy: int
) -> None:
    # one case in fifty is also rendered to PDF, which is slower
    run(tmp_path_factory, data, lang, heavy == 0)


def test_the_fuzzer_reports_what_it_found(request: pytest.FixtureRequest) -> None:
    """A summary line, printed (-s) by the nox session."""
    print(
        f"\nfuzz: {sum(OUTCOMES.values())} cases: "
        + ", ".join(f"{key} {value}" for key, value in sorted(OUTCOMES.items())),
        file=sys.stderr,
    )
    assert OUTCOMES["crashed"] == 0
