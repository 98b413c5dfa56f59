"""Budget execution: what was committed and spent against what was planned.

Over the counted actions that have a planned budget, each of the two figures (committed,
spent) is summed over the actions whose assessment reports it, and set against the
planned amounts of those same actions: an action that reports nothing is left out, never
taken as zero, and the count of actions reporting says how complete the figure is.
Amounts are to date: what was committed and spent since the plan began, as of the end of
the evaluated year.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .scoring import ActionResult


@attrs.frozen
class Execution:
    """An amount committed or spent, against the planned budget of the actions reporting it."""

    amount: float
    planned: float
    #: How many budgeted actions report this amount.
    actions: int

    @property
    def rate(self) -> float | None:
        """amount / planned; None when nothing was planned (or the ratio overflows)."""
        if self.planned <= 0:
            return None
        rate = self.amount / self.planned
        return rate if math.isfinite(rate) else None


@attrs.frozen
class BudgetResult:
    """The planned budget of a node (or the strategy) and how much of it was executed."""

    currency: str
    planned: float
    #: How many counted actions have a planned budget.
    actions: int
    committed: Execution | None
    spent: Execution | None


def _execution(pairs: list[tuple[float, float | None]]) -> Execution | None:
    reported = [(planned, amount) for planned, amount in pairs if amount is not None]
    if not reported:
        return None
    return Execution(
        amount=math.fsum(amount for _, amount in reported),
        planned=math.fsum(planned for planned, _ in reported),
        actions=len(reported),
    )


def budget(results: Iterable[ActionResult], default_currency: str | None) -> BudgetResult | None:
    """The budget over the counted `results` with a planned budget; None when none has one."""
    budgeted = [r for r in results if not r.excluded and r.action.budget is not None]
    if not budgeted:
        return None
    first = budgeted[0].action.budget
    assert first is not None
    currency = first.currency or default_currency or ""
    planned = [r.action.budget.amount for r in budgeted if r.action.budget is not None]
    assessments = [r.assessment for r in budgeted]
    return BudgetResult(
        currency=currency,
        planned=math.fsum(planned),
        actions=len(budgeted),
        committed=_execution(
            [(p, a.committed if a else None) for p, a in zip(planned, assessments, strict=True)]
        ),
        spent=_execution(
            [(p, a.spent if a else None) for p, a in zip(planned, assessments, strict=True)]
        ),
    )
