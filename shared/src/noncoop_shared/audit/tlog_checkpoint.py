"""C2SP tlog-checkpoint note texts (https://c2sp.org/tlog-checkpoint).

Why: a checkpoint in this format, signed as a C2SP signed note (``signed_note.py``), is the tree
head every transparency-log tool understands; with the RFC 9162 proofs of ``merkle.py`` it lets
an outside auditor check our log without our code.

The note text (tlog-checkpoint §Note text) is at least three non-empty lines, each ending in a
newline:

1. the origin, a non-empty identifier of the log;
2. the tree size in ASCII decimal, with no leading zero (``0`` for the empty tree);
3. the root hash, base64 of the 32-byte RFC 9162 root;
4. optional extension lines, opaque and non-empty.

Parsing is strict: anything the spec does not allow is a ``CheckpointFormatError``.

Pure: no I/O.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from typing import NamedTuple

_SIZE = re.compile(r"0|[1-9][0-9]*")
_ROOT_B64 = re.compile(r"[A-Za-z0-9+/]{43}=")
_ROOT_SIZE = 32


class CheckpointFormatError(ValueError):
    """A checkpoint text that does not follow c2sp.org/tlog-checkpoint, and why."""


class CheckpointText(NamedTuple):
    """The parts of a checkpoint's note text."""

    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...]


def _check_line(line: str, what: str) -> None:
    if not line:
        raise CheckpointFormatError(f"the {what} line is empty")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in line):
        raise CheckpointFormatError(f"the {what} line holds a newline or control character")


def checkpoint_text(
    origin: str, tree_size: int, root: bytes, extensions: Sequence[str] = ()
) -> str:
    """``<origin>\\n<size>\\n<base64 root>\\n`` followed by the extension lines."""
    _check_line(origin, "origin")
    if isinstance(tree_size, bool) or not isinstance(tree_size, int) or tree_size < 0:
        raise CheckpointFormatError(f"the tree size must be an integer >= 0, not {tree_size!r}")
    if not isinstance(root, bytes) or len(root) != _ROOT_SIZE:
        raise CheckpointFormatError(f"the root must be {_ROOT_SIZE} bytes")
    for extension in extensions:
        _check_line(extension, "extension")
    lines = [origin, str(tree_size), base64.b64encode(root).decode(), *extensions]
    return "".join(f"{line}\n" for line in lines)


def _parse_size(line: str) -> int:
    if not _SIZE.fullmatch(line):
        raise CheckpointFormatError(f"the tree size {line!r} is not a decimal without leading 0")
    return int(line)


def _parse_root(line: str) -> bytes:
    try:
        root = base64.b64decode(line, validate=True) if _ROOT_B64.fullmatch(line) else b""
    except binascii.Error:
        root = b""
    if len(root) != _ROOT_SIZE or base64.b64encode(root).decode() != line:
        raise CheckpointFormatError(f"the root hash {line!r} is not base64 of {_ROOT_SIZE} bytes")
    return root


def parse_checkpoint_text(text: str) -> CheckpointText:
    """Parse a checkpoint note text strictly; ``CheckpointFormatError`` says what is wrong."""
    if not text.endswith("\n"):
        raise CheckpointFormatError("a checkpoint text ends in a newline")
    lines = text[:-1].split("\n")
    if len(lines) < 3:
        raise CheckpointFormatError("a checkpoint text has at least three lines")
    for number, line in enumerate(lines, start=1):
        _check_line(line, f"#{number}")
    origin, size, root, *extensions = lines
    return CheckpointText(origin, _parse_size(size), _parse_root(root), tuple(extensions))
