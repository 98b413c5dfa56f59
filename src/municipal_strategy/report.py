"""What every exporter needs around an evaluation result: texts and labels in one language,
numbers, percentages, dates, and the rows of the evaluation and monitoring matrix."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .i18n import LANGS, label
from .model import LANGUAGES, Activity, Node, Strategy, Text
from .scoring import ActionResult, EvaluationResult, IndicatorResult, NodeResult
from .values import natural_key

RTL_LANGUAGES = frozenset({"ar"})

#: Colours of the status levels, by position on the scale; then the unassessed one.
PALETTE = ("#1b7f5f", "#e0a526", "#5b7bd5", "#c2452d", "#7a5195", "#3f8fa8", "#8c8c8c")
UNASSESSED_COLOUR = "#c8c8c8"


def report_language(strategy: Strategy, lang: str | None = None) -> str:
    """`lang`, else the first language of the strategy's title that labels exist in."""
    if lang:
        return lang
    return next((code for code in strategy.title.languages if code in LANGS), "en")


def number(value: float | None) -> str:
    """338558.0 → '338558', 0.5 → '0.5', None → ''; never rounded."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


@attrs.frozen
class MatrixRow:
    """One row of the evaluation and monitoring matrix: one action."""

    axis: str
    axis_id: str
    axis_code: str
    #: The groups between the axis and the action, as "code. title", top first.
    groups: tuple[str, ...]
    action_id: str
    code: str
    title: str
    status: str
    weight: float | None
    progress: float | None
    excluded: bool
    exclusion_reason: str
    indicators: tuple[str, ...]
    achievements: tuple[str, ...]
    constraints: tuple[str, ...]
    next_steps: tuple[str, ...]


#: Columns of an action's indicators table and activities table, as catalogue labels.
INDICATOR_COLUMNS = ("indicator", "baseline", "target", "measured", "achievement")
ACTIVITY_COLUMNS = ("date", "activities", "organiser", "audience")

#: The matrix's columns, as labels of the catalogue, in order.
MATRIX_COLUMNS = (
    "axis",
    "action_id",
    "code",
    "title",
    "status",
    "weight",
    "progress",
    "excluded_col",
    "exclusion_reason",
    "indicators",
    "achievements",
    "constraints",
    "next_steps",
)


@attrs.define
class Report:
    """An evaluation result seen in one language."""

    result: EvaluationResult
    lang: str

    @classmethod
    def of(cls, result: EvaluationResult, lang: str | None = None) -> Report:
        return cls(result, report_language(result.strategy, lang))

    @property
    def direction(self) -> str:
        return "rtl" if self.lang in RTL_LANGUAGES else "ltr"

    def text(self, text: Text | None) -> str:
        """The text in the report's language, else in another (see `Text.get`)."""
        return text.get(self.lang, (self.lang, *LANGUAGES)) if text is not None else ""

    def text_language(self, text: Text) -> str:
        """The language `text` shows in ('' for a plain string)."""
        return text.language_of(self.lang, (self.lang, *LANGUAGES))

    def texts(self, texts: Sequence[Text]) -> tuple[str, ...]:
        return tuple(self.text(t) for t in texts)

    def label(self, key: str, **values: object) -> str:
        """A label of the catalogue, in the commune's own wording where it gives one."""
        return label(key, self.lang, self.result.strategy.labels, **values)

    def level_name(self, depth: int, *, action: bool = False) -> str:
        """What the strategy calls its items at `depth` (0: the axes), or its actions."""
        strategy = self.result.strategy
        index = strategy.depth - 1 if action else depth
        if strategy.levels:
            return self.text(strategy.levels[min(index, len(strategy.levels) - 1)])
        if action:
            return self.label("action")
        return self.label("axis") if depth == 0 else self.label("group")

    def node_title(self, node: Node) -> str:
        """'T1. Transparency': the node's code and title."""
        return f"{node.code}. {self.text(node.title)}"

    def heading(self, node: NodeResult) -> str:
        """'Objective 1.2. Open data': the node's level name, code and title."""
        return f"{self.level_name(node.depth)} {self.node_title(node.node)}"

    @staticmethod
    def codes(actions: Sequence[ActionResult]) -> str:
        """The actions' codes in natural order: '2, 10, T2, T10'."""
        return ", ".join(sorted((r.action.code for r in actions), key=natural_key))

    @property
    def colon(self) -> str:
        """What separates a label from its value: ': ', or ' : ' in French."""
        return self.label("colon")

    def status(self, action: ActionResult) -> str:
        """The status's label, or 'unassessed'."""
        return self.text(action.level.label) if action.level else self.label("unassessed")

    def colour(self, status: str) -> str:
        """The status's colour, '#rrggbb', the same in every format."""
        levels = [level.id for level in self.result.strategy.scale]
        if status not in levels:
            return UNASSESSED_COLOUR
        return PALETTE[levels.index(status) % len(PALETTE)]

    def status_name(self, status: str) -> str:
        level = self.result.strategy.level(status)
        return self.text(level.label) if level else self.label("unassessed")

    def dates(self, activity: Activity) -> str:
        if activity.date is None:
            return ""
        if activity.end is None:
            return str(activity.date)
        return f"{activity.date}\u00a0–\u00a0{activity.end}"  # no-break: one range, one line

    def indicator(self, ind: IndicatorResult) -> str:
        """'Name: value unit / target (achievement%)', as much as is known."""
        unit = f" {self.text(ind.indicator.unit)}" if ind.indicator.unit else ""
        value = number(ind.measurement.value) if ind.measurement else "—"
        line = f"{self.text(ind.indicator.name)}: {value}{unit}"
        if ind.target is not None:
            line += f" / {number(ind.target)}"
        if ind.achievement is not None:
            line += f" ({percent(ind.achievement)})"
        return line

    def headline(self, rate: str | None = None) -> str:
        """'56% over 25 counted actions (25 assessed)'; `rate` replaces the percentage."""
        result = self.result
        if result.rate is None:
            return self.label("no_rate")
        counted = result.counted
        assessed = len(result.assessed)
        shown = percent(result.rate) if rate is None else rate
        return self.label("rate_line", rate=shown, counted=len(counted), assessed=assessed)

    def exclusion_note(self) -> str:
        """What the exclusions change: the rate over every assessed action, or nothing."""
        if self.result.rate_with_excluded is None:
            return self.label("excluded_unassessed")
        return self.label("with_excluded", rate=percent(self.result.rate_with_excluded))

    def indicator_cells(self, ind: IndicatorResult) -> list[str]:
        """A row of an indicators table (`INDICATOR_COLUMNS`)."""
        return [
            self.text(ind.indicator.name),
            number(ind.indicator.baseline),
            number(ind.target),
            number(ind.measurement.value) if ind.measurement else "—",
            percent(ind.achievement) if ind.achievement is not None else "",
        ]

    def activity_cells(self, activity: Activity) -> list[str]:
        """A row of an activities table (`ACTIVITY_COLUMNS`)."""
        return [
            self.dates(activity),
            self.text(activity.title),
            self.text(activity.organiser),
            self.text(activity.audience),
        ]

    def indicators_of(self, action: ActionResult) -> tuple[IndicatorResult, ...]:
        return tuple(i for i in self.result.indicators if i.action is action.action)

    def matrix(self) -> list[MatrixRow]:
        rows = []
        for action in self.result.actions:
            assessment = action.assessment
            rows.append(
                MatrixRow(
                    axis=self.node_title(action.axis),
                    axis_id=action.axis.id,
                    axis_code=action.axis.code,
                    groups=tuple(self.node_title(node) for node in action.path[1:]),
                    action_id=action.action.id,
                    code=action.action.code,
                    title=self.text(action.action.title),
                    status=self.status(action),
                    weight=action.weight,
                    progress=assessment.progress if assessment else None,
                    excluded=action.excluded,
                    exclusion_reason=self.text(action.exclusion.reason) if action.exclusion else "",
                    indicators=tuple(self.indicator(i) for i in self.indicators_of(action)),
                    achievements=self.texts(assessment.achievements) if assessment else (),
                    constraints=self.texts(assessment.constraints) if assessment else (),
                    next_steps=self.texts(assessment.next_steps) if assessment else (),
                )
            )
        return rows

    def matrix_header(self) -> list[str]:
        return [self.label(column) for column in MATRIX_COLUMNS]

    def matrix_cells(self, row: MatrixRow) -> list[str]:
        """A matrix row as the strings a table shows; lists one item per line."""
        lists = (row.indicators, row.achievements, row.constraints, row.next_steps)
        return [
            row.axis,
            row.action_id,
            row.code,
            row.title,
            row.status,
            number(row.weight),
            number(row.progress),
            self.label("yes" if row.excluded else "no"),
            row.exclusion_reason,
            *("\n".join(items) for items in lists),
        ]
