"""The domain model: frozen attrs value classes, validated for their invariants only.

A `Strategy` holds the plan (a tree of axes, groups at any depth and actions, indicators,
the status scale, standing exclusions) and the evaluations of it, one per year.
Cross-references between objects (an assessment that names an unknown action, ...) are
checked by `municipal_strategy.checks`, not here.
"""

# No `from __future__ import annotations` here: the fields' types are evaluated with the
# classes, rather than compiled one by one when cattrs first reads them (some 5 ms of a
# command's start-up). A type named before it is defined is written as a string.
from collections.abc import Iterator, Mapping
from typing import Literal, NewType

import attrs

from .errors import EvaluationError
from .scales import DEFAULT_SCALE, OGP_SCALE, SCALE_PRESETS, UNASSESSED, StatusLevel
from .values import (
    ANY_LANGUAGE,
    LANGUAGES,
    Budget,
    FrozenMap,
    PartialDate,
    Period,
    Session,
    Text,
    country_code,
    currency_code,
    frozen_map,
    language_codes,
    non_negative,
    not_blank,
    unit_interval,
    year_in_range,
)

__all__ = [
    "ANY_LANGUAGE",
    "DEFAULT_SCALE",
    "LANGUAGES",
    "OGP_SCALE",
    "SCALE_PRESETS",
    "UNASSESSED",
    "Action",
    "Activity",
    "Assessment",
    "Axis",
    "Budget",
    "Evaluation",
    "Evidence",
    "ExclusionRule",
    "FrozenMap",
    "Import",
    "Indicator",
    "Measurement",
    "Node",
    "PartialDate",
    "Period",
    "Session",
    "StatusLevel",
    "Strategy",
    "Text",
]

#: Where a text lacking the report's language is looked for, in order: French, English,
#: Arabic, then Amazigh (en → fr → ar, ar → fr → en, fr → en → ar).
FALLBACK = ("fr", "en", "ar", "zgh")

#: How a strategy's rate is computed: from each status's weight, or from each action's
#: progress.
Scoring = Literal["status", "progress"]


def _targets(targets: Mapping[int, float]) -> FrozenMap[int, float]:
    return frozen_map(targets)


def _labels(labels: Mapping[str, Text]) -> FrozenMap[str, Text]:
    return frozen_map(labels)


@attrs.frozen
class Indicator:
    """What an action is measured by, with its baseline and targets."""

    id: str = attrs.field(validator=not_blank)
    name: Text
    unit: Text | None = None
    direction: Literal["increase", "decrease"] = attrs.field(
        default="increase", validator=attrs.validators.in_(("increase", "decrease"))
    )
    baseline: float | None = None
    baseline_year: int | None = None
    target: float | None = None
    targets: Mapping[int, float] = attrs.field(factory=FrozenMap, converter=_targets)
    notes: tuple[Text, ...] = ()

    def target_for(self, year: int) -> float | None:
        """The target set for `year`, else the target for the whole period."""
        return self.targets.get(year, self.target)


@attrs.frozen
class Action:
    """An executive action of the strategy: a leaf of its tree."""

    id: str = attrs.field(validator=not_blank)
    code: str = attrs.field(validator=not_blank)
    title: Text
    description: Text | None = None
    tags: tuple[str, ...] = ()
    responsible: Text | None = None
    partners: tuple[Text, ...] = ()
    weight: float = attrs.field(default=1.0, validator=non_negative)
    start: PartialDate | None = None
    end: PartialDate | None = None
    budget: Budget | None = None
    indicators: tuple[Indicator, ...] = ()


@attrs.frozen
class Node:
    """An axis, or a group at any level below one (an objective, a programme, a project).

    A node holds groups, actions or both; its rate rolls up the actions below it.
    """

    id: str = attrs.field(validator=not_blank)
    code: str = attrs.field(validator=not_blank)
    title: Text
    description: Text | None = None
    tags: tuple[str, ...] = ()
    responsible: Text | None = None
    weight: float = attrs.field(default=1.0, validator=non_negative)
    groups: "tuple[Node, ...]" = ()
    actions: tuple[Action, ...] = ()

    def walk(self, path: "tuple[Node, ...]" = ()) -> "Iterator[tuple[tuple[Node, ...], Action]]":
        """Every action below this node, with the nodes from the top down to its parent."""
        path = (*path, self)
        for action in self.actions:
            yield path, action
        for group in self.groups:
            yield from group.walk(path)

    def nodes(self) -> "Iterator[Node]":
        """This node and every group below it, depth first."""
        yield self
        for group in self.groups:
            yield from group.nodes()

    @property
    def depth(self) -> int:
        """Levels of groups below this node (0 when it holds actions only)."""
        return 1 + max((g.depth for g in self.groups), default=-1)


#: An axis is a node at the top of the tree.
Axis = Node


@attrs.frozen
class Activity:
    """A dated thing done for an action: a meeting, a training session, a launch."""

    title: Text
    date: PartialDate | None = None
    end: PartialDate | None = None
    organiser: Text | None = None
    audience: Text | None = None
    kind: str | None = None
    note: Text | None = None


@attrs.frozen
class Evidence:
    """What an assessment rests on: a link, a document, a quoted sentence."""

    title: Text | None = None
    url: str | None = None
    document: str | None = None
    #: Where in the document, in the reader's language where given: "action 01", "p. 4".
    locator: Text | None = None
    quote: str | None = None
    note: Text | None = None

    def __attrs_post_init__(self) -> None:
        if self.url is None and self.document is None and self.quote is None:
            raise ValueError("evidence needs a url, a document or a quote")


@attrs.frozen
class Measurement:
    """A value an indicator of the assessed action took in the evaluated year."""

    indicator: str
    value: float
    source: str | None = None
    note: Text | None = None


#: A share of an action done, in [0, 1]; a configuration may write it as a percentage.
Progress = NewType("Progress", float)


@attrs.frozen
class Assessment:
    """The evaluation of one action in one year; no status means not assessed.

    `action` may also name a group, to give it a `progress` of its own that stands for
    the actions below it when the strategy is scored by progress.
    """

    action: str
    status: str | None = None
    progress: Progress | None = attrs.field(default=None, validator=unit_interval)
    committed: float | None = attrs.field(default=None, validator=non_negative)
    spent: float | None = attrs.field(default=None, validator=non_negative)
    justification: Text | None = None
    achievements: tuple[Text, ...] = ()
    constraints: tuple[Text, ...] = ()
    next_steps: tuple[Text, ...] = ()
    activities: tuple[Activity, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    notes: tuple[Text, ...] = ()
    #: How the source was read, its slips: kept with the data, not printed in reports.
    editor_notes: tuple[Text, ...] = ()


@attrs.frozen
class ExclusionRule:
    """Removes the actions it selects from the rate (never from the report), with a reason.

    An action is selected when any selector matches: its id, the id of a node above it
    (`nodes`, or `axes`, the older key for axes), or a tag of its own or of a node above it.
    """

    reason: Text
    actions: tuple[str, ...] = ()
    nodes: tuple[str, ...] = ()
    axes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not (self.actions or self.nodes or self.axes or self.tags):
            raise ValueError("an exclusion needs at least one of actions, nodes, axes or tags")

    def selects(self, action: Action, path: tuple[Node, ...]) -> bool:
        """Whether the rule selects `action`, below the nodes of `path` (the axis first)."""
        if action.id in self.actions or any(tag in self.tags for tag in action.tags):
            return True
        return any(
            node.id in self.nodes or node.id in self.axes or any(t in self.tags for t in node.tags)
            for node in path
        )


@attrs.frozen
class Import:
    """A file of assessment updates read by a data source, e.g. a monitoring spreadsheet."""

    path: str = attrs.field(validator=not_blank)
    source: str | None = None


@attrs.frozen
class SignOff:
    """Who prepared and approved a report, and where and when the council took it."""

    prepared_by: Text | None = None
    approved_by: Text | None = None
    session: Text | None = None
    deliberation: str | None = None
    date: PartialDate | None = None
    place: Text | None = None


def _documents(documents: Mapping[str, Text]) -> FrozenMap[str, Text]:
    return frozen_map(documents)


@attrs.frozen
class Evaluation:
    """One year's evaluation of the strategy, and the parts of its report."""

    year: int = attrs.field(validator=year_in_range)
    title: Text | None = None
    presented: Session | None = None
    #: The report's introduction, its conclusion and recommendations.
    introduction: Text | None = None
    conclusion: Text | None = None
    recommendations: tuple[Text, ...] = ()
    signoff: SignOff | None = None
    #: How evidence cites a document: its path (as `document` gives it) → its title.
    documents: Mapping[str, Text] = attrs.field(factory=FrozenMap, converter=_documents)
    exclusions: tuple[ExclusionRule, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    imports: tuple[Import, ...] = ()
    notes: tuple[Text, ...] = ()

    def assessment(self, action_id: str) -> Assessment | None:
        return next((a for a in self.assessments if a.action == action_id), None)


def _default_scale() -> tuple[StatusLevel, ...]:
    return DEFAULT_SCALE


@attrs.frozen
class Strategy:
    """A commune's multi-year strategy and its annual evaluations."""

    commune: Text
    title: Text
    period: Period
    axes: tuple[Node, ...]
    adopted: Session | None = None
    website: str | None = None
    description: Text | None = None
    notes: tuple[Text, ...] = ()
    #: The administrative header of reports, a line each (for Morocco: the Kingdom, the
    #: Ministry of the Interior, the region, the prefecture or province, the commune).
    header: tuple[Text, ...] = ()
    #: The commune's logo, a PNG or JPEG file, relative to the configuration.
    logo: str | None = None
    #: The legal and strategic frame of the strategy, as reports introduce it.
    frame: Text | None = None
    #: Names of the levels of the tree, from the axes down to the actions.
    levels: tuple[Text, ...] = ()
    scale: tuple[StatusLevel, ...] = attrs.field(factory=_default_scale)
    scoring: Scoring = attrs.field(
        default="status", validator=attrs.validators.in_(("status", "progress"))
    )
    #: Where the commune is (ISO 3166 code, e.g. MA): numbers, dates and month names are
    #: written as its readers write them.
    country: str | None = attrs.field(default=None, validator=country_code)
    #: The languages a text is looked for in when it lacks the report's, in order.
    fallback: tuple[str, ...] = attrs.field(default=FALLBACK, validator=language_codes)
    #: The currency of budgets that name none.
    currency: str | None = attrs.field(default=None, validator=currency_code)
    #: Exclusions that hold for every year; an evaluation adds its own.
    exclusions: tuple[ExclusionRule, ...] = ()
    #: The columns of the evaluation and monitoring matrix, in order (`matrix.COLUMNS`);
    #: by default a commune's own (`matrix.DEFAULT_MATRIX`).
    matrix: tuple[str, ...] = ()
    #: Report labels replaced by the commune's own wording, per label key.
    labels: Mapping[str, Text] = attrs.field(factory=FrozenMap, converter=_labels)
    evaluations: tuple[Evaluation, ...] = ()

    def walk(self) -> Iterator[tuple[tuple[Node, ...], Action]]:
        """Every action in order, with the nodes above it from its axis down."""
        for axis in self.axes:
            yield from axis.walk()

    def actions(self) -> Iterator[tuple[Node, Action]]:
        """Every action with its axis, in order."""
        for path, action in self.walk():
            yield path[0], action

    def nodes(self) -> Iterator[Node]:
        """Every axis and group, depth first."""
        for axis in self.axes:
            yield from axis.nodes()

    @property
    def depth(self) -> int:
        """Levels of the tree, the actions' included: 2 for axes holding actions."""
        return 2 + max((axis.depth for axis in self.axes), default=0)

    def level(self, status: str) -> StatusLevel | None:
        return next((level for level in self.scale if level.id == status), None)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(e.year for e in self.evaluations))

    def with_evaluation(self, evaluation: Evaluation) -> "Strategy":
        """This strategy with `evaluation` in place of the one of its year, or added."""
        others = tuple(e for e in self.evaluations if e.year != evaluation.year)
        return attrs.evolve(
            self, evaluations=tuple(sorted((*others, evaluation), key=lambda e: e.year))
        )

    def evaluation(self, year: int | None = None) -> Evaluation:
        """The evaluation of `year`; without a year, the only one there is."""
        if year is None:
            if len(self.evaluations) != 1:
                found = ", ".join(map(str, self.years)) or "none"
                raise EvaluationError(
                    f"choose a year: the configuration has evaluations for {found}"
                )
            return self.evaluations[0]
        for evaluation in self.evaluations:
            if evaluation.year == year:
                return evaluation
        found = ", ".join(map(str, self.years)) or "none"
        raise EvaluationError(f"no evaluation for {year} (the configuration has {found})")
