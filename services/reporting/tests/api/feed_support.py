"""What the feed and webhook tests read of reporting's own tables: where each event sits."""

from __future__ import annotations

import asyncio

import asyncpg


async def logged(dsn: str) -> dict[str, tuple[int, int, str]]:
    """Every event reporting placed in the log: id -> (partition, offset, classification)."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT event_id, log_partition, log_offset, classification FROM audit_trail"
            " WHERE log_partition IS NOT NULL"
        )
    finally:
        await conn.close()
    return {
        str(r["event_id"]): (r["log_partition"], r["log_offset"], r["classification"]) for r in rows
    }


async def settled(dsn: str, at_least: int) -> dict[str, tuple[int, int, str]]:
    """The logged events once there are ``at_least`` and none came for 1.5 s (the Bureau's
    reactions to a referral come a moment after it)."""
    seen: dict[str, tuple[int, int, str]] = {}
    quiet = 0
    for _ in range(200):
        now = await logged(dsn)
        quiet = quiet + 1 if len(now) == len(seen) else 0
        if len(now) >= at_least and quiet >= 3:
            return now
        seen = now
        await asyncio.sleep(0.5)
    raise AssertionError(f"the log never settled: {len(seen)} events")
