"""What every exporter needs around an evaluation result: texts and labels in one language,
numbers, percentages, dates, and the rows of the evaluation and monitoring matrix."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

import attrs

from .i18n import LANGS, label
from .locale import rounded_percent
from .model import Activity, Node, PartialDate, Strategy, Text
from .scoring import ActionResult, EvaluationResult, IndicatorResult, NodeResult
from .values import natural_key

if TYPE_CHECKING:
    from babel import Locale

    from .budget import BudgetResult
    from .matrix import MatrixColumn

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})

#: Status colours by weight: 0 is red, 0.5 amber, 1 green; a level may set its own.
WEIGHT_COLOURS = ((0.0, (194, 69, 45)), (0.5, (224, 165, 38)), (1.0, (27, 127, 95)))
UNSCORED_COLOUR = "#8c8c8c"
UNASSESSED_COLOUR = "#c8c8c8"


def weight_colour(weight: float) -> str:
    """The colour of a status weight in [0, 1], between red, amber and green."""
    for (w0, c0), (w1, c1) in pairwise(WEIGHT_COLOURS):
        if weight <= w1:
            t = (weight - w0) / (w1 - w0)
            channels = (round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True))
            return "#" + "".join(f"{c:02x}" for c in channels)
    return "#" + "".join(f"{c:02x}" for c in WEIGHT_COLOURS[-1][1])


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
    """0.56 → '56%', in no language in particular (see `Report.percent`); None → '—'.
    Rounded half up, never 100% below 1 nor 0% above 0."""
    return "—" if rate is None else f"{rounded_percent(rate)}%"


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
    _indicators: dict[int, tuple[IndicatorResult, ...]] | None = attrs.field(
        default=None, init=False, repr=False, eq=False
    )

    @classmethod
    def of(cls, result: EvaluationResult, lang: str | None = None) -> Report:
        return cls(result, report_language(result.strategy, lang))

    @property
    def direction(self) -> str:
        return "rtl" if self.lang in RTL_LANGUAGES else "ltr"

    @property
    def fallback(self) -> tuple[str, ...]:
        """The languages a text is looked for in when it lacks the report's."""
        return self.result.strategy.fallback

    def text(self, text: Text | None) -> str:
        """The text in the report's language, else in the first fallback language it has."""
        return text.get(self.lang, self.fallback) if text is not None else ""

    def text_language(self, text: Text) -> str:
        """The language `text` shows in ('' for a plain string)."""
        return text.language_of(self.lang, self.fallback)

    @property
    def locale(self) -> Locale:
        """The Babel locale: the report's language, read in the strategy's country."""
        from .locale import babel_locale

        return babel_locale(self.lang, self.result.strategy.country)

    def percent(self, rate: float | None) -> str:
        """'56%', '56 %' (French, narrow no-break space), '—' for None."""
        from .locale import format_rate

        return format_rate(rate, self.locale)

    def number(self, value: float | None) -> str:
        """A quantity as the reader writes it: '338 558' (fr), '338,558' (en)."""
        from .locale import format_number

        return format_number(value, self.locale)

    def count(self, key: str, n: int) -> str:
        """A plural label for `n` things: '1 action', '25 actions', «25 إجراءً»."""
        return self.label(key, n=n)

    def texts(self, texts: Sequence[Text]) -> tuple[str, ...]:
        return tuple(self.text(t) for t in texts)

    def label(self, key: str, **values: object) -> str:
        """A label of the catalogue, in the commune's own wording where it gives one."""
        strategy = self.result.strategy
        return label(key, self.lang, strategy.labels, strategy.country, **values)

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

    def codes(self, actions: Sequence[ActionResult]) -> str:
        """The actions' codes in natural order: '2, 10, T2, T10' ('19، 20' in Arabic)."""
        codes = sorted((r.action.code for r in actions), key=natural_key)
        return self.label("comma").join(codes)

    @property
    def colon(self) -> str:
        """What separates a label from its value: ': ', or ' : ' in French."""
        return self.label("colon")

    def status(self, action: ActionResult) -> str:
        """The status's label, or 'unassessed'."""
        return self.text(action.level.label) if action.level else self.label("unassessed")

    def colour(self, status: str) -> str:
        """The status's colour, '#rrggbb', the same in every format: the level's own, else
        by its weight (red 0, amber 0.5, green 1); grey when unscored or unassessed."""
        level = self.result.strategy.level(status)
        if level is None:
            return UNASSESSED_COLOUR
        if level.colour is not None:
            return level.colour
        return weight_colour(level.weight) if level.scored else UNSCORED_COLOUR

    def status_name(self, status: str) -> str:
        level = self.result.strategy.level(status)
        return self.text(level.label) if level else self.label("unassessed")

    def date(self, date: PartialDate | None) -> str:
        """'14 mars 2022', 'mars 2022', '2022', as precise as known; '' for None."""
        from .locale import format_partial_date

        return format_partial_date(date, self.locale) if date is not None else ""

    def dates(self, activity: Activity) -> str:
        """An activity's date or range, as the reader writes it: '9–13 mai 2022'."""
        from .locale import format_date_range

        if activity.date is None:
            return ""
        return format_date_range(activity.date, activity.end, self.locale)

    def indicator(self, ind: IndicatorResult) -> str:
        """'Name: value unit / target (achievement%)', as much as is known."""
        unit = f" {self.text(ind.indicator.unit)}" if ind.indicator.unit else ""
        value = self.number(ind.measurement.value) if ind.measurement else "—"
        line = f"{self.text(ind.indicator.name)}{self.colon}{value}{unit}"
        if ind.target is not None:
            line += f" / {self.number(ind.target)}"
        if ind.achievement is not None:
            line += f" ({self.percent(ind.achievement)})"
        return line

    def headline(self, rate: str | None = None) -> str:
        """'56% over 25 counted actions (25 assessed)'; `rate` replaces the percentage."""
        return self.headline_of(self.result, rate)

    def headline_of(self, result: EvaluationResult, rate: str | None = None) -> str:
        """The headline of another year's result of the same strategy."""
        if result.rate is None:
            return self.label("no_rate")
        shown = self.percent(result.rate) if rate is None else rate
        return self.label(
            "rate_line",
            rate=shown,
            counted=self.count("n_counted", len(result.counted)),
            assessed=self.count("n_assessed", len(result.assessed)),
        )

    def budget_line(self, budget: BudgetResult) -> str:
        """'650 000 MAD planned over 4 actions; committed 250 000 (63 % of …); spent …'."""
        parts = [
            self.label(
                "budget_planned",
                amount=self.number(budget.planned),
                currency=budget.currency,
                actions=self.count("n_actions", budget.actions),
            )
        ]
        for key, execution in (("committed", budget.committed), ("spent", budget.spent)):
            if execution is not None:
                parts.append(
                    self.label(
                        f"budget_{key}",
                        amount=self.number(execution.amount),
                        rate=self.percent(execution.rate),
                        actions=self.count("n_actions", execution.actions),
                    )
                )
        return self.label("list_separator").join(parts)

    def exclusion_note(self) -> str:
        """What the exclusions change: the rate over every assessed action, or nothing."""
        if self.result.rate_with_excluded is None:
            return self.label("excluded_unassessed")
        return self.label("with_excluded", rate=self.percent(self.result.rate_with_excluded))

    def indicator_cells(self, ind: IndicatorResult) -> list[str]:
        """A row of an indicators table (`INDICATOR_COLUMNS`)."""
        return [
            self.text(ind.indicator.name),
            self.number(ind.indicator.baseline),
            self.number(ind.target),
            self.number(ind.measurement.value) if ind.measurement else "—",
            self.percent(ind.achievement) if ind.achievement is not None else "",
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
        """The indicator results of one action (looked up, not searched: a plan of many
        actions stays linear)."""
        if self._indicators is None:
            found: dict[int, list[IndicatorResult]] = {}
            for indicator in self.result.indicators:
                found.setdefault(id(indicator.action), []).append(indicator)
            self._indicators = {key: tuple(value) for key, value in found.items()}
        return self._indicators.get(id(action.action), ())

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

    def matrix_columns(self) -> tuple[MatrixColumn, ...]:
        """The matrix's columns, as the strategy chose them (`matrix.DEFAULT_MATRIX`)."""
        from .matrix import matrix_columns

        return matrix_columns(self.result.strategy.matrix)

    def matrix_header(self) -> list[str]:
        return [self.label(column.label) for column in self.matrix_columns()]

    def matrix_table(self, *, human: bool = False) -> list[list[str]]:
        """One row of cells per action, in the matrix's columns; lists one item per line.
        `human`: numbers, percentages and dates as the reader writes them (else as data)."""
        columns = self.matrix_columns()
        return [[c.cell(self, action, human) for c in columns] for action in self.result.actions]

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
