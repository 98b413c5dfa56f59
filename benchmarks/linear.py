"""Time that grows with the input, not with its square: the PDF given one over-long word
(an address pasted without spaces), and the HTML report of a plan of thousands of actions.

    python benchmarks/linear.py

Each figure is one render in this process; the ratios between sizes tell whether the time
is linear (about the ratio of the sizes) or quadratic (its square).
"""

from __future__ import annotations

import time
from pathlib import Path

import attrs

import municipal_strategy as ms
from municipal_strategy.testing import export, plugins_with

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "aitmelloul_2022"


def with_long_title(strategy: ms.Strategy, length: int) -> ms.Strategy:
    axis = strategy.axes[0]
    action = attrs.evolve(axis.actions[0], title=ms.Text.plain("x" * length))
    axes = (attrs.evolve(axis, actions=(action, *axis.actions[1:])), *strategy.axes[1:])
    return attrs.evolve(strategy, axes=axes)


def with_actions(strategy: ms.Strategy, count: int) -> ms.Strategy:
    """The example's first axis holding `count` copies of its first action, and its
    assessment repeated for each."""
    axis = strategy.axes[0]
    model = axis.actions[0]
    actions = tuple(
        attrs.evolve(model, id=f"x{n}", code=str(n), indicators=()) for n in range(1, count + 1)
    )
    (evaluation,) = strategy.evaluations
    first = evaluation.assessments[0]
    assessments = tuple(
        attrs.evolve(first, action=f"x{n}", measurements=()) for n in range(1, count + 1)
    )
    return attrs.evolve(
        strategy,
        axes=(attrs.evolve(axis, actions=actions, groups=()),),
        evaluations=(attrs.evolve(evaluation, assessments=assessments, exclusions=()),),
    )


def seconds(strategy: ms.Strategy, name: str) -> float:
    result = ms.evaluate(strategy)
    started = time.perf_counter()
    with plugins_with():
        export(name, result, "en")
    return time.perf_counter() - started


def table(title: str, sizes: list[int], times: list[float], unit: str) -> None:
    print(f"\n{title}")
    print(f"| {unit} | seconds | time ratio | size ratio |")
    print("| ---: | ---: | ---: | ---: |")
    for size, spent in zip(sizes, times, strict=True):
        print(f"| {size:,} | {spent:.2f} | {spent / times[0]:.1f}× | {size / sizes[0]:.1f}× |")


def main() -> None:
    strategy = ms.load(EXAMPLE)
    lengths = [8_000, 32_000, 100_000]
    table(
        "PDF with one unbreakable word in an action's title",
        lengths,
        [seconds(with_long_title(strategy, n), "pdf") for n in lengths],
        "characters",
    )
    counts = [5_000, 10_000, 20_000]
    table(
        "HTML report of a plan of N actions",
        counts,
        [seconds(with_actions(strategy, n), "html") for n in counts],
        "actions",
    )


if __name__ == "__main__":
    main()
