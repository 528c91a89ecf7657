"""A service's PostgreSQL event store: events, hash chain, outbox, deadlines, idempotency."""

from noncoop_shared.store.postgres import DueDeadline, PostgresEventStore, StoreTransaction, lane_of
from noncoop_shared.store.records import IdempotentResult, NewEvent, command_fingerprint
from noncoop_shared.store.schema import apply_extra, migrate

__all__ = [
    "DueDeadline",
    "IdempotentResult",
    "NewEvent",
    "PostgresEventStore",
    "StoreTransaction",
    "apply_extra",
    "command_fingerprint",
    "lane_of",
    "migrate",
]
