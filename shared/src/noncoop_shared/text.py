"""What no record may hold, wherever it comes from (a request body, a record on the log)."""

from __future__ import annotations

from typing import Any

from noncoop_shared.canonical import MAX_SAFE_INTEGER

UNSAFE_INTEGER = f"an integer beyond the I-JSON safe range (|n| <= {MAX_SAFE_INTEGER})"


def unrecordable(
    value: Any, path: tuple[str | int, ...] = ("body",), *, integers: bool = True
) -> tuple[str, str, str] | None:
    """The first thing of a parsed JSON value that no record may hold: ``(field, why, kind)``,
    or ``None``: the value is fine.

    Text (``kind`` ``"string_unstorable"``), in a string or a key: NUL (PostgreSQL's text
    refuses it, so a command accepted with one would stop every consumer of the log at its
    event) or a lone surrogate such as ``"\\ud800"`` (no UTF-8 form, so it can neither be hashed
    nor stored). Then, with ``integers``, an integer beyond the I-JSON safe range (``kind``
    ``"int_unsafe"``): its event could be neither hashed nor signed (``canonical_json`` refuses
    it), so the command would otherwise fail in the store, a 500.

    One walk for both, as the edge checks every command body: text anywhere is reported before
    an integer, so the first unsafe integer is only remembered while the walk goes on.
    """
    integer: tuple[str, str, str] | None = None
    pending: list[tuple[Any, tuple[str | int, ...]]] = [(value, path)]
    while pending:
        item, where = pending.pop()
        if isinstance(item, str):
            why = _unstorable(item)
            if why:
                return _dotted(where), why, "string_unstorable"
        elif isinstance(item, dict):
            for key, inner in item.items():
                why = _unstorable(key)
                if why:
                    return _dotted(where), f"a key {why}", "string_unstorable"
                pending.append((inner, (*where, key)))
        elif isinstance(item, list):
            pending.extend((inner, (*where, n)) for n, inner in enumerate(item))
        elif (
            integers
            and integer is None
            and type(item) is int  # not a bool
            and not -MAX_SAFE_INTEGER <= item <= MAX_SAFE_INTEGER
        ):
            integer = _dotted(where), UNSAFE_INTEGER, "int_unsafe"
    return integer


def _dotted(where: tuple[str | int, ...]) -> str:
    return ".".join(str(part) for part in where)


def _unstorable(text: str) -> str:
    if "\x00" in text:
        return "contains a NUL character (U+0000)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a lone surrogate (no UTF-8 form)"
    return ""
