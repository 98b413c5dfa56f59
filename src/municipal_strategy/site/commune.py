"""A commune of the site: its configuration loaded, every evaluated year scored, the
languages its pages are written in, and the file names of its axes' and actions' pages."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ..history import History, history
from ..i18n import LANGS
from ..loading import load
from ..model import Strategy, Text
from ..report import report_language
from ..scoring import EvaluationResult
from .members import SiteMember
from .names import unique_names


def languages_of(strategy: Strategy) -> tuple[str, ...]:
    """The languages of the strategy's title that reports are written in (ar, fr, en), in
    the title's order; else the one a report would choose."""
    found = tuple(lang for lang in strategy.title.languages if lang in LANGS)
    return found or (report_language(strategy),)


@attrs.frozen
class Commune:
    """One member of the site, ready to be written."""

    member: SiteMember
    strategy: Strategy
    history: History
    langs: tuple[str, ...]
    #: An axis's id → its page's file stem; an action's id → its page's.
    axis_names: Mapping[str, str]
    action_names: Mapping[str, str]

    @property
    def slug(self) -> str:
        return self.member.slug

    @property
    def latest(self) -> EvaluationResult | None:
        """The last evaluated year's result (with the year before as its `previous`)."""
        return self.history.results[-1] if self.history.results else None

    def name(self, lang: str) -> tuple[str, str]:
        """The commune's name in `lang` (or its fallback), and the language it is in."""
        return self.text(self.strategy.commune, lang)

    def text(self, text: Text, lang: str) -> tuple[str, str]:
        fallback = self.strategy.fallback
        return text.get(lang, fallback), text.language_of(lang, fallback)


def load_commune(member: SiteMember) -> Commune:
    """Load and score `member`'s configuration (a `ConfigError` if it is not valid)."""
    strategy = load(member.config)
    return Commune(
        member=member,
        strategy=strategy,
        history=history(strategy),
        langs=languages_of(strategy),
        axis_names=unique_names((axis.id for axis in strategy.axes), "axis"),
        action_names=unique_names((action.id for _, action in strategy.actions()), "action"),
    )
