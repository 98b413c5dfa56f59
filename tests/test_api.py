from __future__ import annotations

import types

import municipal_strategy as ms


def test_every_public_name_resolves_to_what_it_names() -> None:
    for name in ms.__all__:
        value = getattr(ms, name)
        assert not isinstance(value, types.ModuleType), name
    assert callable(ms.load)
    assert callable(ms.evaluate)
    assert callable(ms.summary_dict)
    assert set(ms.__all__) <= set(dir(ms))
