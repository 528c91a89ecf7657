"""How many webhook deliveries are pending and dead, for ``/metrics``: a receiver that stays
down shows as a growing pending count, then as dead letters its owner must send again."""

from __future__ import annotations

import asyncio

import asyncpg
import structlog

from noncoop_shared.web.metrics import Metrics

log = structlog.get_logger("reporting.webhooks")

STATES = ("pending", "dead")


class DeliveryGauges:
    def __init__(self, metrics: Metrics, pool: asyncpg.Pool, interval_seconds: float = 5.0) -> None:
        # Not revealing: a count over every subscription names no case and no caller.
        self._gauge = metrics.gauge(
            "webhook_deliveries",
            "Webhook deliveries waiting (pending) or given up (dead)",
            ("state",),
        )
        for state in STATES:
            self._gauge.labels(state=state).set(0)
        self._pool = pool
        self._interval = interval_seconds

    async def run(self) -> None:
        while True:
            try:
                await self.sample()
            except (OSError, asyncpg.PostgresError) as error:
                log.warning("webhook.metrics_failed", error=repr(error))
            await asyncio.sleep(self._interval)

    async def sample(self) -> None:
        rows = await self._pool.fetch(
            "SELECT state, count(*) AS n FROM webhook_deliveries GROUP BY state"
        )
        counts = {row["state"]: row["n"] for row in rows}
        for state in STATES:
            self._gauge.labels(state=state).set(counts.get(state, 0))
