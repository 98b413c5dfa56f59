"""The evaluation and monitoring matrix as communes draw it: one row per action, with the
columns a configuration chooses and orders (``matrix = ["code", "action", …]``), by default
those of a Moroccan commune's matrix — code, action, indicator, baseline, target, achieved,
achievement, responsible service, deadline, status, remarks — and no internal column.

One description serves every format: PDF, HTML and Markdown (through the document), CSV
and XLSX (through `Report.matrix_header` and `Report.matrix_cells`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .report import Report
    from .scoring import ActionResult, IndicatorResult


@attrs.frozen
class MatrixColumn:
    """A column: its key (in `matrix = […]`), its label key, whether it holds numbers (then
    aligned as numbers, and localised where a format asks), its share of the width."""

    key: str
    label: str
    numeric: bool
    share: float
    cell: Callable[[Report, ActionResult, bool], str]


def _lines(values: Sequence[str]) -> str:
    return "\n".join(values)


def _indicators(report: Report, action: ActionResult) -> tuple[IndicatorResult, ...]:
    return report.indicators_of(action)


def _number(report: Report, value: float | None, human: bool) -> str:
    from .report import number

    return report.number(value) if human else number(value)


def _per_indicator(
    value: Callable[[Report, IndicatorResult, bool], str],
) -> Callable[[Report, ActionResult, bool], str]:
    """A cell with one line per indicator of the action, aligned with the indicator column."""

    def cell(report: Report, action: ActionResult, human: bool) -> str:
        return _lines([value(report, ind, human) for ind in _indicators(report, action)])

    return cell


def _remarks(report: Report, action: ActionResult, human: bool) -> str:
    """Why the action is out of the rate, then the constraints met."""
    notes = []
    if action.exclusion is not None:
        notes.append(
            f"{report.label('excluded_short')}{report.colon}{report.text(action.exclusion.reason)}"
        )
    if action.assessment is not None:
        notes += report.texts(action.assessment.constraints)
    return _lines(notes)


def _texts(field: str) -> Callable[[Report, ActionResult, bool], str]:
    def cell(report: Report, action: ActionResult, human: bool) -> str:
        return _lines(report.texts(getattr(action.assessment, field))) if action.assessment else ""

    return cell


COLUMNS: dict[str, MatrixColumn] = {
    column.key: column
    for column in (
        MatrixColumn("code", "code", False, 4, lambda r, a, h: a.action.code),
        MatrixColumn("action", "action", False, 16, lambda r, a, h: r.text(a.action.title)),
        MatrixColumn("axis", "axis", False, 10, lambda r, a, h: r.node_title(a.axis)),
        MatrixColumn(
            "indicator",
            "indicator",
            False,
            14,
            _per_indicator(lambda r, i, h: r.text(i.indicator.name)),
        ),
        MatrixColumn(
            "baseline",
            "baseline",
            True,
            6,
            _per_indicator(lambda r, i, h: _number(r, i.indicator.baseline, h)),
        ),
        MatrixColumn(
            "target", "target", True, 6, _per_indicator(lambda r, i, h: _number(r, i.target, h))
        ),
        MatrixColumn(
            "achieved",
            "measured",
            True,
            6,
            _per_indicator(
                lambda r, i, h: _number(r, i.measurement.value, h) if i.measurement else ""
            ),
        ),
        MatrixColumn(
            "achievement",
            "achievement",
            True,
            6,
            _per_indicator(
                lambda r, i, h: (
                    (r.percent(i.achievement) if h else _number(r, i.achievement, h))
                    if i.achievement is not None
                    else ""
                )
            ),
        ),
        MatrixColumn(
            "responsible",
            "responsible",
            False,
            10,
            lambda r, a, h: r.text(a.action.responsible),
        ),
        MatrixColumn(
            "deadline",
            "deadline",
            False,
            8,
            lambda r, a, h: (
                (r.date(a.action.end) if h else str(a.action.end)) if a.action.end else ""
            ),
        ),
        MatrixColumn("status", "status", False, 8, lambda r, a, h: r.status(a)),
        MatrixColumn("remarks", "remarks", False, 16, _remarks),
        MatrixColumn("id", "action_id", False, 4, lambda r, a, h: a.action.id),
        MatrixColumn("weight", "weight", True, 4, lambda r, a, h: _number(r, a.weight, h)),
        MatrixColumn(
            "progress",
            "progress",
            True,
            5,
            lambda r, a, h: (
                r.percent(a.progress) if h and a.progress is not None else _number(r, a.progress, h)
            ),
        ),
        MatrixColumn(
            "excluded",
            "excluded_col",
            False,
            4,
            lambda r, a, h: r.label("yes" if a.excluded else "no"),
        ),
        MatrixColumn("achievements", "achievements", False, 16, _texts("achievements")),
        MatrixColumn("constraints", "constraints", False, 14, _texts("constraints")),
        MatrixColumn("next_steps", "next_steps", False, 14, _texts("next_steps")),
    )
}

#: The matrix's columns when a configuration chooses none: a Moroccan commune's own.
DEFAULT_MATRIX = (
    "code",
    "action",
    "indicator",
    "baseline",
    "target",
    "achieved",
    "achievement",
    "responsible",
    "deadline",
    "status",
    "remarks",
)


def matrix_columns(chosen: Sequence[str]) -> tuple[MatrixColumn, ...]:
    """The columns a configuration chose (`Strategy.matrix`), else the default ones."""
    return tuple(COLUMNS[key] for key in (chosen or DEFAULT_MATRIX))
