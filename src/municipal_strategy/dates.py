"""The one reproducible date of an output: what a report says it was made on."""

from __future__ import annotations

import datetime as dt
import os

from .errors import OutputError
from .model import Evaluation

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def created(evaluation: Evaluation) -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` when set, else the day the evaluation was presented, else the
    1st of January after the evaluated year: never the clock, so that the same input always
    gives the same bytes. A ``SOURCE_DATE_EPOCH`` that is not a time raises `OutputError`."""
    epoch = os.environ.get(SOURCE_DATE_EPOCH, "").strip()
    if epoch:
        try:
            moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise OutputError(
                f"{SOURCE_DATE_EPOCH}={epoch!r} is not a time "
                "(expected whole seconds since 1970-01-01, e.g. 1675209600)"
            ) from None
        if not 1 <= moment.year <= 9998:
            raise OutputError(f"{SOURCE_DATE_EPOCH}={epoch!r} is not between years 1 and 9998")
        return moment
    when = evaluation.presented.date if evaluation.presented is not None else None
    if when is not None:
        return dt.datetime(when.year, when.month or 1, when.day or 1, tzinfo=dt.timezone.utc)
    return dt.datetime(min(evaluation.year + 1, 9999), 1, 1, tzinfo=dt.timezone.utc)
