from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "aitmelloul_2022"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def minimal_text() -> str:
    return (DATA / "minimal.toml").read_text(encoding="utf-8")


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a configuration file into a temporary folder and return its path."""

    def write(text: str, name: str = "strategy.toml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def minimal_path() -> Path:
    return DATA / "minimal.toml"


@pytest.fixture(autouse=True)
def _no_installed_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed plugins stay out of tests unless a test asks for them."""
    from municipal_strategy.plugins import LOAD_PLUGINS_ENV

    monkeypatch.setenv(LOAD_PLUGINS_ENV, "")
