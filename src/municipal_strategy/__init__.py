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
    from .budget import BudgetResult, Execution
    from .converter import to_dict
    from .errors import ConfigError, EvaluationError, MunicipalStrategyError, Problem
    from .hookspecs import hookimpl
    from .loading import apply_updates, from_dict, load
    from .model import (
        DEFAULT_SCALE,
        Action,
        Activity,
        Assessment,
        Axis,
        Budget,
        Evaluation,
        Evidence,
        ExclusionRule,
        Import,
        Indicator,
        Measurement,
        Node,
        PartialDate,
        Period,
        Progress,
        Session,
        StatusLevel,
        Strategy,
        Text,
    )
    from .plugins import Exporter, ExportOptions, Source
    from .report import MatrixRow, Report
    from .scales import OGP_SCALE, SCALE_PRESETS
    from .scoring import (
        ROLLUP,
        ActionResult,
        AxisResult,
        EvaluationResult,
        IndicatorResult,
        NodeResult,
        evaluate,
    )
    from .summary import summary_dict, summary_text

# Names are imported on first use (PEP 562), so that the command line starts fast.
_LAZY = {
    "Action": "model",
    "ActionResult": "scoring",
    "Activity": "model",
    "Assessment": "model",
    "Axis": "model",
    "Budget": "model",
    "BudgetResult": "budget",
    "Execution": "budget",
    "Node": "model",
    "NodeResult": "scoring",
    "OGP_SCALE": "scales",
    "ROLLUP": "scoring",
    "SCALE_PRESETS": "scales",
    "AxisResult": "scoring",
    "ConfigError": "errors",
    "DEFAULT_SCALE": "model",
    "Evaluation": "model",
    "EvaluationError": "errors",
    "EvaluationResult": "scoring",
    "Evidence": "model",
    "ExclusionRule": "model",
    "ExportOptions": "plugins",
    "Exporter": "plugins",
    "Import": "model",
    "Indicator": "model",
    "IndicatorResult": "scoring",
    "MatrixRow": "report",
    "Measurement": "model",
    "MunicipalStrategyError": "errors",
    "PartialDate": "model",
    "Period": "model",
    "Progress": "model",
    "Problem": "errors",
    "Report": "report",
    "Session": "model",
    "Source": "plugins",
    "StatusLevel": "model",
    "Strategy": "model",
    "Text": "model",
    "apply_updates": "loading",
    "evaluate": "scoring",
    "from_dict": "loading",
    "hookimpl": "hookspecs",
    "load": "loading",
    "summary_dict": "summary",
    "summary_text": "summary",
    "to_dict": "converter",
}

__all__ = [
    "DEFAULT_SCALE",
    "OGP_SCALE",
    "ROLLUP",
    "SCALE_PRESETS",
    "Action",
    "ActionResult",
    "Activity",
    "Assessment",
    "Axis",
    "AxisResult",
    "Budget",
    "BudgetResult",
    "ConfigError",
    "Evaluation",
    "EvaluationError",
    "EvaluationResult",
    "Evidence",
    "ExclusionRule",
    "Execution",
    "ExportOptions",
    "Exporter",
    "Import",
    "Indicator",
    "IndicatorResult",
    "MatrixRow",
    "Measurement",
    "MunicipalStrategyError",
    "Node",
    "NodeResult",
    "PartialDate",
    "Period",
    "Problem",
    "Progress",
    "Report",
    "Session",
    "Source",
    "StatusLevel",
    "Strategy",
    "Text",
    "apply_updates",
    "evaluate",
    "from_dict",
    "hookimpl",
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
