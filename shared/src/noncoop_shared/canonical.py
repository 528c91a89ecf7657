"""Canonical JSON: the one byte encoding that hashes, signatures and the log agree on.

``canonical_json`` is exactly RFC 8785, the JSON Canonicalization Scheme (JCS), for the values
it accepts. Why a published scheme rather than "whatever ``json.dumps`` does": an event's hash and
its Ed25519 signature cover these bytes, and an auditor must be able to recompute them with any
JCS implementation, in any language, without reading this code. RFC 8785 says:

* no insignificant white space; UTF-8, with non-ASCII characters written as themselves;
* strings escaped as ES6 ``JSON.stringify`` does (§3.2.2.2): ``\\"``, ``\\\\``, ``\\b``,
  ``\\f``, ``\\n``, ``\\r``, ``\\t``, any other control below U+0020 as ``\\u00xx`` (lower-case
  hex), everything else (U+007F, U+2028, U+2029, any non-ASCII character) as itself. Python's
  ``json`` encoder with ``ensure_ascii=False`` does exactly this (the tests prove it);
* object members sorted by their keys' UTF-16 code units (§3.2.3), not by code points. The two
  orders differ only for keys holding a character beyond the BMP (U+10000 and up, written as a
  surrogate pair 0xD800..0xDFFF, so in UTF-16 it sorts *before* U+E000..U+FFFF). A value with
  such a key (rare) has its objects sorted by UTF-16; any other is left to ``json``'s faster
  code-point sort, which then gives the same order (``_check`` says why);
* numbers as ES6 writes IEEE 754 doubles.

What it refuses, each with an error that names the problem:

* floats (``TypeError``): payloads carry none (dates are ISO strings, amounts are strings), and
  refusing them keeps the number-formatting corner of RFC 8785 (ES6 shortest round trip) out;
* integers beyond the I-JSON safe range, ``|n| > 2**53 - 1`` (``ValueError``): JCS numbers are
  doubles, so such an integer has no exact canonical form (2**53 + 1 would read back as 2**53);
* object keys that are not strings (``TypeError``): ``json.dumps`` would quietly write ``1``
  as ``"1"`` and ``True`` as ``"true"``, two values with the same bytes;
* strings or keys with a lone surrogate such as ``"\\ud800"`` (``ValueError``): RFC 8785 needs
  valid Unicode, and no UTF-8 encoding exists for it.

Bytes of events already in the logs: before this module followed RFC 8785 to the letter it was
``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)``, whose output is the
same for every value accepted here except an object with a key beyond the BMP (its members'
order) or an integer beyond 2**53 - 1 (now refused). The events' keys are attribute names and
their integers versions and counts, so no stored hash or signature changes.
"""

from __future__ import annotations

import json
from typing import Any

# The largest integer an IEEE 754 double holds exactly, along with every integer below it.
MAX_SAFE_INTEGER = 2**53 - 1

_ENCODE = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
).encode
# For values whose objects were put in UTF-16 key order beforehand (_utf16_ordered).
_ENCODE_AS_ORDERED = json.JSONEncoder(
    sort_keys=False, separators=(",", ":"), ensure_ascii=False, allow_nan=False
).encode


def canonical_json(value: Any) -> bytes:
    """Encode a JSON-ready value (dicts with str keys, lists or tuples, str, int, bool, None) as
    RFC 8785 canonical JSON; see the module's docstring for what it refuses and why."""
    try:
        if _check(value):
            return _ENCODE_AS_ORDERED(_utf16_ordered(value)).encode("utf-8")
        return _ENCODE(value).encode("utf-8")
    except UnicodeEncodeError as error:  # UTF-8 (or UTF-16) fails on a lone surrogate only
        lone = ord(error.object[error.start])
        raise ValueError(
            f"a string or key holds the lone surrogate U+{lone:04X}, which is not valid Unicode "
            "and has no UTF-8 (RFC 8785) encoding (a character beyond the BMP belongs in a str as "
            "itself, not as a pair of surrogates)"
        ) from None


def _check(value: Any) -> bool:
    """Refuse what has no exact RFC 8785 form; say whether some object has a key with a
    character beyond the BMP, whose members then need sorting by UTF-16 rather than by code
    point.

    Why code points are enough otherwise: a character up to U+FFFF is one UTF-16 code unit of
    the same value, so keys made only of such characters have UTF-16 code-unit sequences equal
    to their code-point sequences, and both orders are the same lexicographic order. (A lone
    surrogate breaks nothing here: it is refused when the bytes are encoded.) A character
    beyond the BMP is two code units starting 0xD800..0xDBFF: in UTF-16 it sorts after U+D7FF
    and below, as by code point, but before U+E000..U+FFFF, which code points put first. The
    tests check both halves of this claim."""
    beyond_bmp = False
    pending = [value]
    # By exact type, most common first: every event's hash is checked on every read, so this
    # walk is on the hot path of a rebuild. Anything else (a float, an enum, a subclass) goes
    # through _plain and comes back as its plain form.
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind is str or item is None or kind is bool:
            continue
        if kind is int:
            if -MAX_SAFE_INTEGER <= item <= MAX_SAFE_INTEGER:
                continue
            raise ValueError(
                f"the integer {item} is beyond the I-JSON safe range (|n| <= 2**53 - 1): "
                "RFC 8785 numbers are IEEE doubles, so it has no exact canonical form; "
                "encode it as a string"
            )
        if kind is dict:
            try:
                keys = "".join(item)  # every key at once; a non-str key fails the join
            except TypeError:
                odd = next(key for key in item if not isinstance(key, str))
                raise TypeError(
                    f"object keys must be strings, not {type(odd).__name__} ({odd!r}): "
                    "json would write it as a string, the same bytes as another key"
                ) from None
            if not keys.isascii() and max(keys) > "\uffff":
                beyond_bmp = True
            pending.extend(item.values())
        elif kind is list or kind is tuple:
            pending.extend(item)
        else:
            pending.append(_plain(item))
    return beyond_bmp


def _plain(item: Any) -> Any:
    """The plain value json encodes a subclass as (an int enum as its int, a dict subclass as a
    dict), to be checked like any other; ``None`` when there is nothing to check (a str
    subclass, or a type json refuses by itself)."""
    if isinstance(item, float):
        raise TypeError("floats have no canonical form here; encode the value as a string")
    if isinstance(item, int):  # bool is no subclass's base: it cannot be subclassed
        return int(item)
    if isinstance(item, dict):
        return dict(item)
    if isinstance(item, list | tuple):
        return list(item)
    return None


def _utf16_key(key: str) -> bytes:
    # Big-endian, so that bytes compare as the code units do (RFC 8785 §3.2.3).
    return key.encode("utf-16-be")


def _utf16_ordered(value: Any) -> Any:
    """``value`` with every object's members in UTF-16 key order (the rare path: some key has
    a character beyond the BMP). Lists and tuples become lists, as json writes both."""
    if isinstance(value, dict):
        return {key: _utf16_ordered(value[key]) for key in sorted(value, key=_utf16_key)}
    if isinstance(value, list | tuple):
        return [_utf16_ordered(item) for item in value]
    return value
