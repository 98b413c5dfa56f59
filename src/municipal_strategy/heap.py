"""Keeping the garbage collector off what a render only reads."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Exempt the objects that exist now (the document, the strategy) from collection
    while the block runs, and give them back after.

    A render creates millions of small objects; each full collection would scan the whole
    document again, so the time would grow faster than the document. Nothing is frozen if
    the caller has frozen objects of its own (`gc.freeze` is process-wide)."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
