"""The render's frozen heap: objects made before are exempt, and given back after."""

from __future__ import annotations

import gc

import pytest

from municipal_strategy.heap import frozen_heap


def test_objects_are_frozen_during_the_block_and_given_back_after() -> None:
    assert gc.get_freeze_count() == 0
    kept = [{"n": n} for n in range(1_000)]
    with frozen_heap():
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0


def test_given_back_when_the_block_raises() -> None:
    with pytest.raises(ValueError, match="render failed"), frozen_heap():
        raise ValueError("render failed")
    assert gc.get_freeze_count() == 0


def test_a_callers_own_freeze_is_left_alone() -> None:
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with frozen_heap():
            assert gc.get_freeze_count() == before
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()
