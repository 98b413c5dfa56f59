"""The package's tables, built from an evaluation result.

Every number that is a score (rates, counts, achievements) is the library's own, read from
the `EvaluationResult`; nothing here computes a score.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from municipal_strategy import Report, Text
from municipal_strategy.model import UNASSESSED

from .table import (
    Field,
    ForeignKey,
    Row,
    Table,
    array,
    boolean,
    decimal,
    integer,
    required,
    share,
    string,
)
from .texts import text_cells, text_fields

if TYPE_CHECKING:
    from municipal_strategy import ActionResult, EvaluationResult, PartialDate

#: A date known to the year, the month or the day: 2022, 2022-07, 2022-07-14.
PARTIAL_DATE = "[0-9]{4,}(-[0-9]{2}(-[0-9]{2})?)?"
#: The kinds of `findings` rows, in the order they are listed for an action.
FINDING_KINDS = ("achievement", "constraint", "next_step", "note")
#: Languages the library's label catalogue has, for the label of `unassessed`.
LABEL_LANGUAGES = ("ar", "fr", "en")


def tables(result: EvaluationResult) -> tuple[Table, ...]:
    """Every table of the package, referenced tables before those that refer to them."""
    return (
        evaluation_table(result),
        axes_table(result),
        statuses_table(result),
        actions_table(result),
        findings_table(result),
        indicators_table(result),
        activities_table(result),
        evidence_table(result),
    )


def _date(value: PartialDate | None) -> str | None:
    return str(value) if value is not None else None


def _partial_date(name: str, title: str, description: str) -> Field:
    return string(
        name, title, f"{description} (ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD).", pattern=PARTIAL_DATE
    )


def _action_id(description: str) -> Field:
    return required(string("action_id", "Action id", description))


def _to_actions() -> ForeignKey:
    return ForeignKey(("action_id",), "actions", ("action_id",))


def _position(among: str) -> Field:
    return required(integer("position", "Position", f"Rank of the row among {among}, from 1."))


def evaluation_table(result: EvaluationResult) -> Table:
    strategy = result.strategy
    presented = result.evaluation.presented
    row: Row = {
        "year": result.year,
        **text_cells("commune", strategy.commune),
        **text_cells("strategy_title", strategy.title),
        "period_start": strategy.period.start,
        "period_end": strategy.period.end,
        "implementation_rate": result.rate,
        "rate_with_excluded": result.rate_with_excluded,
        "actions": len(result.actions),
        "counted_actions": len(result.counted),
        "assessed_actions": sum(1 for r in result.counted if r.assessed),
        "unassessed_actions": len(result.unassessed),
        "excluded_actions": len(result.excluded),
        "presented_date": _date(presented.date) if presented else None,
        "website": strategy.website,
    }
    return Table(
        name="evaluation",
        title="Evaluation",
        description="The evaluated year and its headline figures: one row.",
        fields=(
            required(integer("year", "Year", "The evaluated year.")),
            *text_fields("commune", "Commune", "The commune's name"),
            *text_fields("strategy_title", "Strategy", "The strategy's title"),
            integer("period_start", "Period start", "First year the strategy covers."),
            integer("period_end", "Period end", "Last year the strategy covers."),
            share(
                "implementation_rate",
                "Implementation rate",
                "Mean status weight (0 to 1) of the counted actions that were assessed; "
                "empty when none was.",
            ),
            share(
                "rate_with_excluded",
                "Rate with excluded actions",
                "The same mean over every assessed action, excluded ones included; empty "
                "when no excluded action was assessed (the exclusion then changes nothing).",
            ),
            required(integer("actions", "Actions", "Actions of the strategy.")),
            required(
                integer("counted_actions", "Counted actions", "Actions not excluded from the rate.")
            ),
            required(
                integer("assessed_actions", "Assessed actions", "Counted actions given a status.")
            ),
            required(
                integer(
                    "unassessed_actions", "Unassessed actions", "Counted actions given no status."
                )
            ),
            required(
                integer("excluded_actions", "Excluded actions", "Actions excluded from the rate.")
            ),
            _partial_date("presented_date", "Presented", "When the evaluation was presented"),
            string("website", "Website", "The commune's website."),
        ),
        primary_key=("year",),
        rows=(row,),
    )


def axes_table(result: EvaluationResult) -> Table:
    rows: list[Row] = [
        {
            "axis_id": axis.axis.id,
            "code": axis.axis.code,
            **text_cells("title", axis.axis.title),
            **text_cells("description", axis.axis.description),
            "actions": len(axis.actions),
            "counted_actions": len(axis.counted),
            "assessed_actions": sum(1 for r in axis.counted if r.assessed),
            "excluded_actions": len(axis.excluded),
            "implementation_rate": axis.rate,
        }
        for axis in result.axes
    ]
    return Table(
        name="axes",
        title="Axes",
        description="The strategic axes, one row each, with their implementation rate.",
        fields=(
            required(string("axis_id", "Axis id", "The axis's identifier.")),
            required(string("code", "Code", "The axis's code in the strategy, e.g. 1 or T1.")),
            *text_fields("title", "Title", "The axis's title"),
            *text_fields("description", "Description", "The axis's description"),
            required(integer("actions", "Actions", "Actions of the axis.")),
            required(
                integer("counted_actions", "Counted actions", "Actions not excluded from the rate.")
            ),
            required(
                integer("assessed_actions", "Assessed actions", "Counted actions given a status.")
            ),
            required(
                integer("excluded_actions", "Excluded actions", "Actions excluded from the rate.")
            ),
            share(
                "implementation_rate",
                "Implementation rate",
                "Mean status weight (0 to 1) of the axis's counted, assessed actions; empty "
                "when it has none.",
            ),
        ),
        primary_key=("axis_id",),
        rows=tuple(rows),
    )


def _unassessed_label(result: EvaluationResult) -> Text:
    # Any keys: mypy takes Text's argument type from the core's generic converter.
    labels: Mapping[Any, str] = {
        lang: Report(result, lang).label(UNASSESSED) for lang in LABEL_LANGUAGES
    }
    return Text(labels)


def statuses_table(result: EvaluationResult) -> Table:
    scale = result.strategy.scale
    rows: list[Row] = [
        {
            "status": level.id,
            "position": position,
            "weight": level.weight,
            **text_cells("label", level.label),
            **text_cells("description", level.description),
            "counted_actions": result.status_counts.get(level.id, 0),
        }
        for position, level in enumerate(scale, start=1)
    ]
    if all(level.id != UNASSESSED for level in scale):
        rows.append(
            {
                "status": UNASSESSED,
                "position": len(scale) + 1,
                "weight": None,
                **text_cells("label", _unassessed_label(result)),
                **text_cells("description", None),
                "counted_actions": result.status_counts.get(UNASSESSED, 0),
            }
        )
    return Table(
        name="statuses",
        title="Statuses",
        description=(
            "The status scale: what each status weighs in the rate, and how many counted "
            f"actions have it. The last row, '{UNASSESSED}', is for actions given no status: "
            "they are listed, never scored."
        ),
        fields=(
            required(string("status", "Status", "The status's identifier.")),
            required(integer("position", "Position", "Rank of the status in the scale, from 1.")),
            share(
                "weight",
                "Weight",
                f"What the status counts for in the rate, 0 to 1; empty for '{UNASSESSED}'.",
            ),
            *text_fields("label", "Label", "The status's label"),
            *text_fields("description", "Description", "What the status means"),
            required(
                integer("counted_actions", "Counted actions", "Counted actions with the status.")
            ),
        ),
        primary_key=("status",),
        rows=tuple(rows),
    )


def _action_row(r: ActionResult) -> Row:
    assessment = r.assessment
    return {
        "action_id": r.action.id,
        "axis_id": r.axis.id,
        "axis_code": r.axis.code,
        "action_code": r.action.code,
        **text_cells("title", r.action.title),
        **text_cells("description", r.action.description),
        **text_cells("responsible", r.action.responsible),
        "tags": list(r.action.tags),
        "status": r.status,
        "assessed": r.assessed,
        "weight": r.weight,
        "progress": assessment.progress if assessment else None,
        "excluded": r.excluded,
        **text_cells("exclusion_reason", r.exclusion.reason if r.exclusion else None),
        **text_cells("justification", assessment.justification if assessment else None),
    }


def actions_table(result: EvaluationResult) -> Table:
    return Table(
        name="actions",
        title="Actions",
        description="The strategy's actions, one row each, with their status for the year.",
        fields=(
            _action_id("The action's identifier."),
            required(string("axis_id", "Axis id", "The action's axis (see axes).")),
            required(string("axis_code", "Axis code", "The code of the action's axis.")),
            required(string("action_code", "Action code", "The action's code, e.g. 3 or 1.2.3.")),
            *text_fields("title", "Title", "The action's title"),
            *text_fields("description", "Description", "The action's description"),
            *text_fields("responsible", "Responsible", "Who is responsible for the action"),
            array("tags", "Tags", "The action's tags, as a JSON array of strings."),
            required(
                string(
                    "status",
                    "Status",
                    f"The action's status for the year (see statuses), or '{UNASSESSED}'.",
                )
            ),
            boolean("assessed", "Assessed", "Whether the action was given a status."),
            share(
                "weight",
                "Weight",
                "What the status counts for in the rate, 0 to 1; empty when unassessed.",
            ),
            share("progress", "Progress", "Progress stated by the evaluation, 0 to 1."),
            boolean("excluded", "Excluded", "Whether the action is excluded from the rate."),
            *text_fields("exclusion_reason", "Exclusion reason", "Why the action is excluded"),
            *text_fields("justification", "Justification", "Why the action has its status"),
        ),
        primary_key=("action_id",),
        foreign_keys=(
            ForeignKey(("axis_id",), "axes", ("axis_id",)),
            ForeignKey(("status",), "statuses", ("status",)),
        ),
        rows=tuple(_action_row(r) for r in result.actions),
    )


def _findings(r: ActionResult) -> Iterator[Row]:
    assessment = r.assessment
    if assessment is None:
        return
    lists = (
        assessment.achievements,
        assessment.constraints,
        assessment.next_steps,
        assessment.notes,
    )
    for kind, texts in zip(FINDING_KINDS, lists, strict=True):
        for position, text in enumerate(texts, start=1):
            yield {
                "action_id": r.action.id,
                "kind": kind,
                "position": position,
                **text_cells("text", text),
            }


def findings_table(result: EvaluationResult) -> Table:
    return Table(
        name="findings",
        title="Findings",
        description=(
            "What the evaluation says of each action: its achievements, constraints, next "
            "steps and notes, one row each."
        ),
        fields=(
            _action_id("The action the finding is about (see actions)."),
            required(
                string(
                    "kind",
                    "Kind",
                    "What the row is: an achievement, a constraint, a next step or a note.",
                    enum=list(FINDING_KINDS),
                )
            ),
            _position("the action's findings of the same kind"),
            *text_fields("text", "Text", "The finding"),
        ),
        primary_key=("action_id", "kind", "position"),
        foreign_keys=(_to_actions(),),
        rows=tuple(row for r in result.actions for row in _findings(r)),
    )


def indicators_table(result: EvaluationResult) -> Table:
    rows: list[Row] = []
    for i in result.indicators:
        measurement = i.measurement
        rows.append(
            {
                "action_id": i.action.id,
                "indicator_id": i.indicator.id,
                **text_cells("name", i.indicator.name),
                **text_cells("unit", i.indicator.unit),
                "direction": i.indicator.direction,
                "baseline": i.indicator.baseline,
                "baseline_year": i.indicator.baseline_year,
                "target": i.target,
                "value": measurement.value if measurement else None,
                "achievement": i.achievement,
                "source": measurement.source if measurement else None,
                **text_cells("note", measurement.note if measurement else None),
            }
        )
    return Table(
        name="indicators",
        title="Indicators",
        description="The actions' indicators, one row each, with the year's value and target.",
        fields=(
            _action_id("The action the indicator measures (see actions)."),
            required(string("indicator_id", "Indicator id", "The indicator's identifier.")),
            *text_fields("name", "Name", "The indicator's name"),
            *text_fields("unit", "Unit", "The indicator's unit"),
            required(
                string(
                    "direction",
                    "Direction",
                    "increase (higher is better) or decrease (lower is better).",
                    enum=["increase", "decrease"],
                )
            ),
            decimal("baseline", "Baseline", "The value the indicator starts from."),
            integer("baseline_year", "Baseline year", "The year of the baseline."),
            decimal("target", "Target", "The target for the evaluated year, else for the period."),
            decimal("value", "Value", "The value measured in the evaluated year."),
            share(
                "achievement",
                "Achievement",
                "How far the value went from the baseline (else 0) to the target, 0 to 1.",
            ),
            string("source", "Source", "Where the value comes from."),
            *text_fields("note", "Note", "A note on the value"),
        ),
        primary_key=("action_id", "indicator_id"),
        foreign_keys=(_to_actions(),),
        rows=tuple(rows),
    )


def activities_table(result: EvaluationResult) -> Table:
    rows: list[Row] = [
        {
            "action_id": r.action.id,
            "position": position,
            "date": _date(activity.date),
            "end": _date(activity.end),
            **text_cells("title", activity.title),
            **text_cells("organiser", activity.organiser),
            **text_cells("audience", activity.audience),
            "kind": activity.kind,
            **text_cells("note", activity.note),
        }
        for r in result.actions
        if r.assessment is not None
        for position, activity in enumerate(r.assessment.activities, start=1)
    ]
    return Table(
        name="activities",
        title="Activities",
        description="Dated things done for the actions in the year: meetings, trainings, launches.",
        fields=(
            _action_id("The action the activity was for (see actions)."),
            _position("the action's activities"),
            _partial_date("date", "Date", "When the activity took place, or started"),
            _partial_date("end", "End", "When the activity ended, if it lasted"),
            *text_fields("title", "Title", "The activity's title"),
            *text_fields("organiser", "Organiser", "Who organised the activity"),
            *text_fields("audience", "Audience", "Whom the activity was for"),
            string("kind", "Kind", "The kind of activity, e.g. meeting, training, launch."),
            *text_fields("note", "Note", "A note on the activity"),
        ),
        primary_key=("action_id", "position"),
        foreign_keys=(_to_actions(),),
        rows=tuple(rows),
    )


def evidence_table(result: EvaluationResult) -> Table:
    rows: list[Row] = [
        {
            "action_id": r.action.id,
            "position": position,
            **text_cells("title", evidence.title),
            "url": evidence.url,
            "document": evidence.document,
            **text_cells("locator", evidence.locator),
            "quote": evidence.quote,
            **text_cells("note", evidence.note),
        }
        for r in result.actions
        if r.assessment is not None
        for position, evidence in enumerate(r.assessment.evidence, start=1)
    ]
    return Table(
        name="evidence",
        title="Evidence",
        description="What the assessments rest on: links, documents, quoted sentences.",
        fields=(
            _action_id("The action the evidence is for (see actions)."),
            _position("the action's evidence"),
            *text_fields("title", "Title", "The evidence's title"),
            string("url", "URL", "A link to the evidence."),
            string("document", "Document", "A document holding the evidence."),
            *text_fields("locator", "Locator", "Where in the document: a page, a section"),
            string("quote", "Quote", "The quoted sentence, verbatim."),
            *text_fields("note", "Note", "A note on the evidence"),
        ),
        primary_key=("action_id", "position"),
        foreign_keys=(_to_actions(),),
        rows=tuple(rows),
    )
