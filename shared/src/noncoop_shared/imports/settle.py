"""The deadlines a history import settles at its end, in business time (ADR 0017;
docs/procedures.md, Time)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from noncoop_shared.deadlines import OnDue
from noncoop_shared.store.postgres import StoreTransaction


async def settle_deadlines(
    tx: StoreTransaction, on_due: OnDue | None, case_id: str | None, latest: datetime
) -> list[dict[str, Any]]:
    """Record overdue, as the scheduler would, what the history left open past its due instant
    (docs/procedures.md, Time: the overdue record's business time is the due instant)."""
    if on_due is None or case_id is None:
        return []
    settled = []
    for deadline in await tx.claim_open_deadlines(case_id, latest):
        event_id = await on_due(tx, deadline)
        await tx.mark_deadline_fired(deadline, event_id, tx.now())
        settled.append(
            {
                "stream": deadline.stream,
                "kind": deadline.kind,
                "rule": deadline.rule,
                "due_at": deadline.due_at.isoformat(),
                "event_id": str(event_id) if event_id is not None else None,
            }
        )
    return settled
