"""Model a commune's multi-year strategy, evaluate it each year, and report on it.

>>> import municipal_strategy as ms
>>> strategy = ms.load("examples/aitmelloul_2022")
>>> result = ms.evaluate(strategy, 2022)
>>> print(f"{result.rate:.0%} of {len(result.counted)} counted actions")
56% of 25 counted actions
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import ConfigError, EvaluationError, MunicipalStrategyError, Problem
    from .loading import from_dict, load, to_dict
    from .model import (
        DEFAULT_SCALE,
        Action,
        Activity,
        Assessment,
        Axis,
        Evaluation,
        Evidence,
        ExclusionRule,
        Indicator,
        Measurement,
        PartialDate,
        Period,
        Session,
        StatusLevel,
        Strategy,
        Text,
    )
    from .scoring import ActionResult, AxisResult, EvaluationResult, IndicatorResult, evaluate
    from .summary import summary_dict, summary_text

# Names are imported on first use (PEP 562), so that the command line starts fast.
_LAZY = {
    "DEFAULT_SCALE": "model",
    "Action": "model",
    "ActionResult": "scoring",
    "Activity": "model",
    "Assessment": "model",
    "Axis": "model",
    "AxisResult": "scoring",
    "ConfigError": "errors",
    "Evaluation": "model",
    "EvaluationError": "errors",
    "EvaluationResult": "scoring",
    "Evidence": "model",
    "ExclusionRule": "model",
    "Indicator": "model",
    "IndicatorResult": "scoring",
    "Measurement": "model",
    "MunicipalStrategyError": "errors",
    "PartialDate": "model",
    "Period": "model",
    "Problem": "errors",
    "Session": "model",
    "StatusLevel": "model",
    "Strategy": "model",
    "Text": "model",
    "evaluate": "scoring",
    "from_dict": "loading",
    "load": "loading",
    "summary_dict": "summary",
    "summary_text": "summary",
    "to_dict": "loading",
}

__all__ = [
    "DEFAULT_SCALE",
    "Action",
    "ActionResult",
    "Activity",
    "Assessment",
    "Axis",
    "AxisResult",
    "ConfigError",
    "Evaluation",
    "EvaluationError",
    "EvaluationResult",
    "Evidence",
    "ExclusionRule",
    "Indicator",
    "IndicatorResult",
    "Measurement",
    "MunicipalStrategyError",
    "PartialDate",
    "Period",
    "Problem",
    "Session",
    "StatusLevel",
    "Strategy",
    "Text",
    "evaluate",
    "from_dict",
    "load",
    "summary_dict",
    "summary_text",
    "to_dict",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
