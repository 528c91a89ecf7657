"""Canonical JSON: the one byte encoding that hashes, signatures and the log agree on.

Keys sorted, no insignificant white space, UTF-8 (not ASCII escapes), no NaN/Infinity. Payloads
carry no floats (dates are ISO strings, amounts would be strings), so the number-formatting corner
of RFC 8785 never arises; ``canonical_json`` refuses floats to keep it that way.
"""

from __future__ import annotations

import json
from typing import Any

_SCALARS = (str, int, bool, type(None))


def _refuse_floats(value: Any) -> None:
    # Iterative and by exact type first: every event's hash is checked on every read, so this
    # walk is on the hot path of a rebuild.
    pending = [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind in _SCALARS:
            continue
        if isinstance(item, float):
            raise TypeError("floats have no canonical form here; encode the value as a string")
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)


def canonical_json(value: Any) -> bytes:
    """Encode a JSON-ready value (dicts, lists, str, int, bool, None) canonically."""
    _refuse_floats(value)
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")
