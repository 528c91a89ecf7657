"""Checking hash chains (docs/architecture.md §7): name the first event that was altered, removed,
inserted or reordered in a stream.

Pure: give it a stream's envelopes in the order they are stored (or read from the log); it
returns the first problem, or ``None`` when the chain holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from noncoop_shared.envelope import GENESIS_HASH, Envelope


@dataclass(frozen=True)
class ChainBreak:
    stream: str
    position: int
    """Index of the bad event in the sequence given (0-based)."""
    event_id: str
    problem: str


def verify_stream(envelopes: Iterable[Envelope]) -> ChainBreak | None:
    expected_prev = GENESIS_HASH
    expected_version = 1
    stream: str | None = None
    for index, envelope in enumerate(envelopes):
        if stream is None:
            stream = envelope.stream
        elif envelope.stream != stream:
            return ChainBreak(
                stream, index, str(envelope.id), f"event belongs to stream {envelope.stream}"
            )
        if envelope.streamversion != expected_version:
            return ChainBreak(
                stream,
                index,
                str(envelope.id),
                f"version {envelope.streamversion} where {expected_version} was "
                "expected (an event removed, inserted or reordered)",
            )
        if not envelope.hash_is_valid():
            return ChainBreak(
                stream, index, str(envelope.id), "content does not match its hash (altered)"
            )
        if envelope.prevhash != expected_prev:
            return ChainBreak(
                stream,
                index,
                str(envelope.id),
                "does not link to the previous event's hash "
                "(an event removed, inserted or reordered before it)",
            )
        expected_prev = envelope.hash
        expected_version += 1
    return None
