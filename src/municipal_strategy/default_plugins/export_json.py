"""The `json` exporter: the whole evaluation, as documented by a JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from ..converter import to_dict
from ..hookspecs import hookimpl
from ..plugins import Exporter, ExportOptions, RegisterExporter
from ..scoring import EvaluationResult
from ..summary import summary_dict

#: Bumped when a key of the export changes meaning or goes away.
EXPORT_VERSION = 2
SCHEMA = "evaluation.schema.json"


def export(result: EvaluationResult, lang: str | None = None) -> dict[str, Any]:
    """The export as plain data: what the configuration says, and what was computed.

    Texts of the configuration keep all their languages; the summary is in `lang`.
    """
    strategy = to_dict(result.strategy)
    strategy.pop("evaluations", None)
    if "logo" in strategy:  # the file's name: not where it lies on this machine
        strategy["logo"] = Path(strategy["logo"]).name
    return {
        "export_version": EXPORT_VERSION,
        "strategy": strategy,
        "evaluation": to_dict(result.evaluation),
        "scale": to_dict(result.strategy.scale),
        "actions": [
            {
                "id": r.action.id,
                "code": r.action.code,
                "axis": r.axis.id,
                "path": [node.id for node in r.path],
                "status": r.status,
                "weight": r.weight,
                "score": r.score,
                "plan_weight": r.plan_weight,
                "progress": r.progress,
                "excluded": r.excluded,
                "late": r.late,
                "exclusion_reason": to_dict(r.exclusion.reason) if r.exclusion else None,
            }
            for r in result.actions
        ],
        "indicators": [
            {
                "action": i.action.id,
                "id": i.indicator.id,
                "value": i.measurement.value if i.measurement else None,
                "target": i.target,
                "achievement": i.achievement,
            }
            for i in result.indicators
        ],
        "summary": summary_dict(result, lang),
    }


def write(result: EvaluationResult, stream: IO[bytes], options: ExportOptions) -> None:
    text = json.dumps(export(result, options.lang), ensure_ascii=False, indent=2, allow_nan=False)
    stream.write(text.encode("utf-8") + b"\n")


@hookimpl
def register_exporters(register: RegisterExporter) -> None:
    register(
        Exporter(
            name="json",
            extension=".json",
            media_type="application/json",
            description="The whole evaluation as JSON (strategy, assessments, scores), per a JSON Schema.",
            write=write,
        )
    )
