"""The envelopes of every stream ``case_events`` does not keep (the registries: the focal
point roster, the Assembly calendar, the Bureau's meetings; and reporting's own Bureau report
streams), as the log holds them, for the feed (ADR 0035).

Case streams' envelopes are in ``case_events`` already; with this table every event the audit
trail places in the log has its envelope in reporting, and the feed needs nobody to read the raw
topic.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from noncoop_shared.consumer import LogEvent, LogPosition
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope
from reporting.domain.procedural import is_case_stream

CONSUMER_NAME = "reporting-registry-events"

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE registry_events (
            event_id    UUID PRIMARY KEY,
            stream      TEXT NOT NULL,
            envelope    TEXT NOT NULL
        );
        """,
    ),
]


class RegistryEventsProjection:
    name = CONSUMER_NAME

    @staticmethod
    def wants(envelope: Envelope) -> bool:
        return not is_case_stream(envelope.stream)

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        await self.apply_batch(conn, [LogEvent(envelope, LogPosition(-1, -1))])

    async def apply_batch(self, conn: Connection, events: Sequence[LogEvent]) -> None:
        """The record's own bytes (re-encoded canonically when there is none, in tests)."""
        columns: list[list[Any]] = [[], [], []]
        for event in events:
            if is_case_stream(event.envelope.stream):
                continue
            raw = event.raw or event.envelope.to_bytes()
            for column, value in zip(
                columns,
                (event.envelope.id, event.envelope.stream, raw.decode("utf-8")),
                strict=True,
            ):
                column.append(value)
        await conn.execute(
            "INSERT INTO registry_events (event_id, stream, envelope)"
            " SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])"
            " ON CONFLICT (event_id) DO NOTHING",
            *columns,
        )
