"""The list's deadline filters: cases with an overdue rule, or a pending rule due within N days,
from reporting's procedural state of each case (reporting has no query for "cases with a rule
due before X", so the console asks it case by case).

Cost: one ``GET /v1/cases/{id}/procedural-state`` per listed case (up to the list's 1000), at
most :data:`CONCURRENT_READS` in flight, and only when a deadline filter is chosen: about
``cases / CONCURRENT_READS`` round trips to reporting (1000 cases at ~5 ms each: under a second),
each a read of one row of reporting's projection. The bound keeps one person's list from
taking all of reporting's connections. A query on reporting would make this one call.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from console.backends import if_readable
from console.state import Console
from noncoop_client.reporting.api.procedural_state import read_procedural_state
from noncoop_client.reporting.models.procedural_state_view import ProceduralStateView
from noncoop_client.reporting.models.report_language import ReportLanguage
from noncoop_client.reporting.models.rule_state import RuleState
from noncoop_client.reporting.models.rule_state_state import RuleStateState

CONCURRENT_READS = 8
DEADLINES = ("overdue", "due")
MAX_DAYS = 365


@dataclass(frozen=True)
class Deadline:
    kind: str = ""
    """``overdue``, ``due`` (pending and due within ``days``), or empty: no filter."""
    days: int = 14

    @classmethod
    def of(cls, kind: str, days: str) -> Deadline:
        try:
            within = min(max(int(days), 1), MAX_DAYS)
        except ValueError:
            within = 14
        return cls(kind if kind in DEADLINES else "", within)

    def rules(self, state: ProceduralStateView | None, now: datetime) -> list[RuleState]:
        """The rules of ``state`` that make its case match; none when reporting had no state."""
        if state is None or not state.rules:
            return []
        if self.kind == "overdue":
            return [r for r in state.rules if r.state == RuleStateState.OVERDUE]
        horizon = now + timedelta(days=self.days)
        return [
            r
            for r in state.rules
            if r.state == RuleStateState.PENDING
            and isinstance(r.due_at, datetime)
            and r.due_at <= horizon
        ]


async def read_states(
    console: Console, token: str, case_ids: Iterable[str], *, lang: ReportLanguage
) -> dict[str, ProceduralStateView | None]:
    """Reporting's procedural state of each case (``None``: reporting has not read it yet, or
    does not let the reader read it), at most :data:`CONCURRENT_READS` at a time, its rules'
    ``why`` in ``lang`` (the page's)."""
    bound = asyncio.Semaphore(CONCURRENT_READS)
    async with console.backends.reporting(token) as client:

        async def one(case_id: str) -> ProceduralStateView | None:
            async with bound:
                response = await if_readable(
                    "reporting",
                    read_procedural_state.asyncio_detailed(case_id, client=client, lang=lang),
                )
            parsed = response.parsed if response is not None else None
            return parsed if isinstance(parsed, ProceduralStateView) else None

        ids = list(case_ids)
        states = await asyncio.gather(*(one(case_id) for case_id in ids))
    return dict(zip(ids, states, strict=True))
