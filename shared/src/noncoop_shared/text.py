"""Text no record may hold, wherever it comes from (a request body, a record on the log)."""

from __future__ import annotations

from typing import Any


def unstorable_text(value: Any, path: tuple[str | int, ...] = ("body",)) -> tuple[str, str] | None:
    """The first string (or key) of a parsed JSON body that no record may hold, with why:
    NUL (PostgreSQL's text refuses it, so a command accepted with one would stop every
    consumer of the log at its event) or a lone surrogate such as ``"\\ud800"`` (no UTF-8
    form, so it can neither be hashed nor stored). ``None``: the body is fine."""
    pending: list[tuple[Any, tuple[str | int, ...]]] = [(value, path)]
    while pending:
        item, where = pending.pop()
        if isinstance(item, str):
            why = _unstorable(item)
            if why:
                return ".".join(str(part) for part in where), why
        elif isinstance(item, dict):
            for key, inner in item.items():
                why = _unstorable(key)
                if why:
                    return ".".join(str(part) for part in where), f"a key {why}"
                pending.append((inner, (*where, key)))
        elif isinstance(item, list):
            pending.extend((inner, (*where, n)) for n, inner in enumerate(item))
    return None


def _unstorable(text: str) -> str:
    if "\x00" in text:
        return "contains a NUL character (U+0000)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a lone surrogate (no UTF-8 form)"
    return ""
