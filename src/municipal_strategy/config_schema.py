"""The configuration's JSON Schema, generated from the model's attrs classes.

Each class becomes a definition: its fields are the keys, those without a default are
required, unknown keys are refused (as the loader refuses them), and the attrs validators
the model uses say the bounds (a weight is not negative, a status weight lies in [0, 1], a
year between 1 and 9998). The older spellings the loader accepts (`spellings`) are
described too, so that an editor does not flag a configuration the tool reads.

Two documents come out: one for ``strategy.toml`` (or a single-file configuration) and one
for ``evaluations/YEAR.toml``. ``python -m municipal_strategy.config_schema`` writes them
into ``schemas/``; a test checks that the shipped files are what this module generates.
"""

from __future__ import annotations

import json
import sys
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from . import values
from .i18n import catalogue_keys
from .model import Action, Evaluation, Evidence, ExclusionRule, Node, Progress, Strategy
from .scales import SCALE_PRESETS, StatusLevel

SCHEMAS = Path(__file__).parent / "schemas"
BASE = "https://municipal-strategy.org/schemas/"
STRATEGY_SCHEMA = "configuration.schema.json"
YEAR_SCHEMA = "configuration-year.schema.json"

_PRIMITIVES: dict[object, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
}
#: Bounds that the model's attrs validators stand for.
_BOUNDS: dict[object, dict[str, Any]] = {
    values.unit_interval: {"minimum": 0, "maximum": 1},
    values.non_negative: {"minimum": 0},
    values.not_blank: {"minLength": 1, "pattern": r"\S"},
    values.year_in_range: {"minimum": values.MIN_YEAR, "maximum": values.MAX_YEAR},
    values.currency_code: {"pattern": "^[A-Z]{3}$"},
    values.country_code: {"pattern": "^[A-Z]{2}$"},
    values.colour_code: {"pattern": "^#[0-9a-fA-F]{6}$"},
    values.language_codes: {
        "items": {"type": "string", "pattern": "^" + values.LANG_CODE.pattern + "$"}
    },
}
_DEFINITIONS: dict[str, dict[str, Any]] = {
    "Text": {
        "description": "A plain string, or a table of language code = text (ar, fr, en, zgh…).",
        "anyOf": [
            {"type": "string"},
            {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": "^" + values.LANG_CODE.pattern + "$"},
                "additionalProperties": {"type": "string"},
            },
        ],
    },
    "PartialDate": {
        "description": "A date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD (or a TOML date).",
        "type": "string",
        "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
    },
    "Progress": {
        "description": "A share of the action done: a number in [0, 1], or a percentage such as '40%'.",
        "anyOf": [
            {"type": "number", "minimum": 0, "maximum": 1},
            {"type": "string", "pattern": r"^\s*[0-9]+([.,][0-9]+)?\s*%\s*$"},
        ],
    },
}
#: The older spelling of a key, per class: old key → (new key, its schema).
_NUMBER = {"number": ("code", {"type": ["integer", "string"]})}
ALIASES: dict[type, dict[str, tuple[str, dict[str, Any]]]] = {Node: _NUMBER, Action: _NUMBER}
#: Invariants of a class that bind several of its keys together.
_TOGETHER: dict[type, dict[str, Any]] = {
    ExclusionRule: {"anyOf": [{"required": [key]} for key in ("actions", "nodes", "axes", "tags")]},
    Evidence: {"anyOf": [{"required": [key]} for key in ("url", "document", "quote")]},
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


class _Generator:
    def __init__(self) -> None:
        self.definitions: dict[str, dict[str, Any]] = {}

    def type_schema(self, tp: Any) -> dict[str, Any]:
        origin, args = get_origin(tp), get_args(tp)
        if tp in _PRIMITIVES:
            return dict(_PRIMITIVES[tp])
        if tp is Progress:
            return self.named("Progress")
        if tp in (values.Text, values.PartialDate):
            return self.named(tp.__name__)
        if origin is Literal:
            return {"enum": list(args)}
        if origin in (Union, types.UnionType):
            options = [self.type_schema(a) for a in args if a is not type(None)]
            return options[0] if len(options) == 1 else {"anyOf": options}
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(args[0])}
        if origin is Mapping or origin is typing.Mapping:
            key, value = args
            names = {"pattern": "^[0-9]+$"} if key is int else {}
            return {
                "type": "object",
                "propertyNames": names,
                "additionalProperties": self.type_schema(value),
            }
        if attrs.has(tp):
            return self.attrs_class(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")

    def named(self, name: str) -> dict[str, Any]:
        self.definitions.setdefault(name, _DEFINITIONS[name])
        return _ref(name)

    def attrs_class(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name in self.definitions:
            return _ref(name)
        self.definitions[name] = {}  # a placeholder for recursive classes
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            schema = self.type_schema(hints[field.name])
            for validator in _validators(field.validator):
                schema.update(_BOUNDS.get(_function(validator), {}))
                options = getattr(validator, "options", None)
                if options is not None:  # attrs.validators.in_
                    schema = {"enum": list(options)}
            properties[field.name] = schema
            if field.default is attrs.NOTHING:
                required.append(field.name)
        definition: dict[str, Any] = {
            "description": (cls.__doc__ or "").strip().splitlines()[0],
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        definition.update(_TOGETHER.get(cls, {}))
        for old, (new, schema) in ALIASES.get(cls, {}).items():
            properties[new] = {**properties[new], **schema}
            properties[old] = {
                **schema,
                "deprecated": True,
                "description": f"Older spelling of {new}.",
            }
            required.remove(new)
            definition["anyOf"] = [{"required": [new]}, {"required": [old]}]
            definition["not"] = {"required": [new, old]}
        if required:
            definition["required"] = required
        self.definitions[name] = definition
        return _ref(name)


def _validators(validator: object) -> list[object]:
    inner = getattr(validator, "_validators", None)
    if inner is not None:
        return list(inner)
    return [] if validator is None else [validator]


def _function(validator: object) -> object:
    return getattr(validator, "__func__", validator)


def _finish(generator: _Generator, root: type, title: str, file: str) -> dict[str, Any]:
    reference = generator.attrs_class(root)
    definitions = generator.definitions
    if root is Strategy:
        strategy = definitions["Strategy"]["properties"]
        strategy["scale"] = {
            "anyOf": [
                {"enum": list(SCALE_PRESETS), "description": "A preset scale, by name."},
                strategy["scale"],
            ]
        }
        strategy["labels"]["propertyNames"] = {"enum": sorted(catalogue_keys())}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE + file,
        "title": title,
        "description": "Generated from the model by municipal_strategy.config_schema; "
        "see docs/configuration.md.",
        **reference,
        "$defs": dict(sorted(definitions.items())),
    }


def strategy_schema() -> dict[str, Any]:
    """The schema of ``strategy.toml``, or of a single-file configuration."""
    generator = _Generator()
    generator.attrs_class(StatusLevel)
    return _finish(
        generator, Strategy, "municipal-strategy configuration (strategy.toml)", STRATEGY_SCHEMA
    )


def year_schema() -> dict[str, Any]:
    """The schema of one ``evaluations/YEAR.toml`` file."""
    return _finish(
        _Generator(),
        Evaluation,
        "municipal-strategy evaluation of one year (evaluations/YEAR.toml)",
        YEAR_SCHEMA,
    )


def rendered() -> dict[str, str]:
    """File name → the text of each generated schema, as shipped."""
    return {
        name: json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        for name, schema in ((STRATEGY_SCHEMA, strategy_schema()), (YEAR_SCHEMA, year_schema()))
    }


def main() -> None:
    """Write the generated schemas into the package's ``schemas/`` folder."""
    for name, text in rendered().items():
        (SCHEMAS / name).write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMAS / name}", file=sys.stderr)


if __name__ == "__main__":
    main()
