"""The leaves of an audit checkpoint, as anyone recomputes them from the log (pure;
docs/architecture.md §7)."""

from __future__ import annotations

from noncoop_shared.audit.verify_log import LogRecord
from noncoop_shared.envelope import Envelope


def leaves_from_log(records: list[LogRecord], position: dict[str, int]) -> list[str]:
    """The checkpoint's leaves as anyone recomputes them from the log: records before the
    position, in (partition, offset) order, the first copy of each event id."""
    seen: set[str] = set()
    leaves: list[str] = []
    ordered = sorted(records, key=lambda r: (r[0].partition, r[0].offset))
    for coordinates, content in ordered:
        if coordinates.offset >= position.get(str(coordinates.partition), 0):
            continue
        if not isinstance(content, Envelope) or str(content.id) in seen:
            continue
        seen.add(str(content.id))
        leaves.append(content.hash)
    return leaves
