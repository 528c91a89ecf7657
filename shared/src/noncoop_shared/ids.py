"""UUIDv7 (RFC 9562): time-ordered ids, so event ids sort roughly in record order.

Python 3.11's ``uuid`` module has no ``uuid7``; this is the RFC's layout: 48 bits of Unix
milliseconds, version 7, 12 random bits, variant, 62 random bits.
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import UTC, datetime


def uuid7(unix_ms: int | None = None) -> uuid.UUID:
    ms = int(time.time() * 1000) if unix_ms is None else unix_ms
    rand = int.from_bytes(os.urandom(10), "big")
    rand_a = rand >> 68  # 12 bits
    rand_b = rand & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= rand_a << 64
    value |= 0b10 << 62
    value |= rand_b
    return uuid.UUID(int=value)


def uuid7_time(value: str) -> datetime | None:
    """When a UUIDv7 was made (its first 48 bits: milliseconds since the epoch); None for text
    that is not a UUIDv7. Only as true as the clock of whoever made it, and anyone can write
    one: a hint for how long to wait, never a fact to decide on."""
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        return None
    if parsed.version != 7:
        return None
    return datetime.fromtimestamp((parsed.int >> 80) / 1000, UTC)
