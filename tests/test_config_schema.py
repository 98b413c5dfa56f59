"""The configuration's JSON Schema: generated from the model, shipped as generated, in
agreement with docs/configuration.md, and accepting whatever the model can hold."""

from __future__ import annotations

import json
import re
import textwrap
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings

from municipal_strategy import Strategy, to_dict
from municipal_strategy.cli import cli
from municipal_strategy.config_schema import (
    ALIASES,
    STRATEGY_SCHEMA,
    YEAR_SCHEMA,
    rendered,
    strategy_schema,
)
from municipal_strategy.i18n import _CATALOGUE, catalogue_keys
from municipal_strategy.testing import schema_validator, strategies

DOCS = Path(__file__).parent.parent / "docs" / "configuration.md"


def test_the_shipped_schemas_are_the_generated_ones() -> None:
    # Regenerate with: python -m municipal_strategy.config_schema
    folder = resources.files("municipal_strategy").joinpath("schemas")
    for name, text in rendered().items():
        assert folder.joinpath(name).read_text(encoding="utf-8") == text, name


def test_schema_command_prints_the_shipped_schemas(tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(cli, ["schema"])
    assert printed.exit_code == 0
    assert json.loads(printed.stdout)["$id"].endswith(STRATEGY_SCHEMA)
    out = tmp_path / "year.schema.json"
    written = runner.invoke(cli, ["schema", "--year", "-o", str(out)])
    assert written.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["$id"].endswith(YEAR_SCHEMA)


def _documented_tables() -> dict[str, dict[str, bool]]:
    """Each `<!-- keys: Name -->` table of the docs: key → whether it says required."""
    tables: dict[str, dict[str, bool]] = {}
    current: dict[str, bool] | None = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        marker = re.fullmatch(r"<!-- keys: (\w+) -->", line)
        if marker:
            current = tables[marker[1]] = {}
        elif current is not None and line.startswith("| `"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            current[cells[0].strip("`")] = cells[2] == "yes"
        elif current is not None and not line.startswith("|"):
            current = None
    return tables


def _required(name: str, definition: dict[str, Any]) -> set[str]:
    """Required keys, counting those that an older spelling may stand in for."""
    aliased = {cls.__name__: {new for new, _ in spec.values()} for cls, spec in ALIASES.items()}
    return set(definition.get("required", [])) | aliased.get(name, set())


def test_the_docs_list_every_key_of_every_table_and_what_is_required() -> None:
    definitions = strategy_schema()["$defs"]
    tables = _documented_tables()
    documented = {name for name in definitions if "properties" in definitions[name]}
    assert set(tables) == documented
    for name, keys in tables.items():
        definition = definitions[name]
        assert set(keys) == set(definition["properties"]), name
        required = _required(name, definition)
        assert {key for key, needed in keys.items() if needed} == required, name


def labels_block() -> str:
    """The docs' list of label keys, each with its English text."""
    parts = []
    for key, texts in _CATALOGUE.items():
        english = texts["en"]
        if isinstance(english, dict):
            english = " / ".join(english[category] for category in ("one", "other"))
        parts.append(f"`{key}` ({english.replace(chr(0xA0), ' ')})")
    text = ", ".join(parts) + "."
    return "\n".join(textwrap.wrap(text, 92, break_on_hyphens=False, break_long_words=False))


def test_the_docs_list_every_label_key() -> None:
    text = DOCS.read_text(encoding="utf-8")
    block = text.split("<!-- labels -->\n")[1].split("<!-- /labels -->")[0]
    assert set(re.findall(r"`(\w+)`\s+\(", block)) == catalogue_keys()
    assert block == labels_block() + "\n", "paste this block into the docs:\n" + labels_block()


@settings(max_examples=40)
@given(strategies(max_years=2, max_depth=2))
def test_the_schema_accepts_whatever_the_model_holds(strategy: Strategy) -> None:
    data = to_dict(strategy)
    errors = [e.message for e in schema_validator(STRATEGY_SCHEMA).iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize("name", [STRATEGY_SCHEMA, YEAR_SCHEMA])
def test_the_schemas_are_valid_json_schemas(name: str) -> None:
    validator = schema_validator(name)
    type(validator).check_schema(validator.schema)
