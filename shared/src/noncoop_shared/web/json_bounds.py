"""How big a JSON body's *structure* may be, apart from its size in bytes (ADR 0021).

A megabyte of JSON can hold 80,000 keys. Parsing it is quick (the C parser), but validating it is
not: pydantic reports one error per unknown key, and the 422 listing them all was 7 MB. So the
parsed body is walked once, before any route sees it, and refused at the first bound it passes:
keys per object, items per array, nesting depth, values in all. The walk stops there, so it costs
at most ``max_values`` steps whatever the body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class JsonLimits:
    """The bounds, named as the settings that give them (``ServiceSettings.max_json_*``)."""

    max_json_depth: int = 32
    max_json_object_keys: int = 256
    max_json_array_items: int = 10_000
    max_json_values: int = 100_000


@dataclass(frozen=True)
class JsonLimitExceeded:
    """Which bound a body passed (``limit``: the setting's name), where, and a sentence."""

    limit: str
    field: str
    message: str


def depth_exceeded(limits: JsonLimits) -> JsonLimitExceeded:
    """What a body nested too deeply for the parser itself passed."""
    return JsonLimitExceeded(
        "max_json_depth", "body", f"nested deeper than {limits.max_json_depth} levels"
    )


def exceeded_limit(document: Any, limits: JsonLimits) -> JsonLimitExceeded | None:
    """The first bound ``document`` (parsed JSON) passes, or None when it keeps them all."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, ("body",))]
    values = 0
    while stack:
        value, path = stack.pop()
        values += 1
        if values > limits.max_json_values:
            return JsonLimitExceeded(
                "max_json_values",
                "body",
                f"holds more than {limits.max_json_values} values in all",
            )
        if not isinstance(value, dict | list):
            continue
        if len(path) > limits.max_json_depth:  # path is ("body", ...): its length is the depth
            return JsonLimitExceeded(
                "max_json_depth",
                _dotted(path),
                f"nested deeper than {limits.max_json_depth} levels",
            )
        if isinstance(value, dict):
            if len(value) > limits.max_json_object_keys:
                return JsonLimitExceeded(
                    "max_json_object_keys",
                    _dotted(path),
                    f"an object with {len(value)} keys; at most {limits.max_json_object_keys}",
                )
            stack.extend((item, (*path, _short(key))) for key, item in value.items())
        else:
            if len(value) > limits.max_json_array_items:
                return JsonLimitExceeded(
                    "max_json_array_items",
                    _dotted(path),
                    f"an array of {len(value)} items; at most {limits.max_json_array_items}",
                )
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
    return None


def _short(key: str) -> str:
    """A key as it may appear in a problem: an attacker's key is not echoed at length."""
    return key if len(key) <= 64 else key[:64] + "..."


def _dotted(path: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in path)
