"""Status scales: the levels an action can be given, and the named presets."""

# No `from __future__ import annotations` here: the fields' types are evaluated with the
# classes, rather than compiled one by one when cattrs first reads them (some 5 ms of a
# command's start-up). A type named before it is defined is written as a string.
from collections.abc import Mapping

import attrs

from .values import FrozenMap, Text, colour_code, not_blank, unit_interval

#: The status of an action that has none this year; no level of a scale may take its name.
UNASSESSED = "unassessed"


@attrs.frozen
class StatusLevel:
    """One level of a status scale and the score it counts for in the rate.

    A level that is not `scored` is listed and counted in reports but enters no rate: it
    is neither "unassessed" nor zero (OGP's "no evidence available").
    """

    id: str = attrs.field(validator=not_blank)
    weight: float = attrs.field(validator=unit_interval)
    label: Text
    description: Text | None = None
    scored: bool = True
    #: The level's colour in charts and badges; by default it follows the weight.
    colour: str | None = attrs.field(default=None, validator=colour_code)

    @property
    def full(self) -> bool:
        """Whether the level means the action is done (its weight is 1)."""
        return self.scored and self.weight >= 1.0


def _label(ar: str, fr: str, en: str) -> Text:
    return Text({"ar": ar, "fr": fr, "en": en})


_NOT_STARTED = StatusLevel("not_started", 0.0, _label("لم ينطلق", "Non commencée", "Not started"))
_LIMITED = StatusLevel("limited", 0.25, _label("محدود", "Limitée", "Limited"))
_SUBSTANTIAL = StatusLevel("substantial", 0.75, _label("جوهري", "Substantielle", "Substantial"))
_COMPLETE = StatusLevel("complete", 1.0, _label("مكتمل", "Achevée", "Complete"))

#: An OGP-style completion scale, plus suspended, used when a configuration gives none.
DEFAULT_SCALE: tuple[StatusLevel, ...] = (
    _NOT_STARTED,
    _LIMITED,
    _SUBSTANTIAL,
    _COMPLETE,
    StatusLevel("suspended", 0.0, _label("معلّق", "Suspendue", "Suspended"), colour="#7a5195"),
)

#: OGP Local's completion levels, "no evidence available" listed but not scored.
OGP_SCALE: tuple[StatusLevel, ...] = (
    StatusLevel(
        "no_evidence",
        0.0,
        _label("لا تتوفر أدلة", "Aucune preuve disponible", "No evidence available"),
        scored=False,
    ),
    _NOT_STARTED,
    _LIMITED,
    _SUBSTANTIAL,
    _COMPLETE,
)

#: The scales a configuration can name in one line: ``scale = "ogp"``.
SCALE_PRESETS: Mapping[str, tuple[StatusLevel, ...]] = FrozenMap(
    {"default": DEFAULT_SCALE, "ogp": OGP_SCALE}
)
