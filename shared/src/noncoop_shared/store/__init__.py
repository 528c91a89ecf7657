"""A service's event store: events, hash chain, outbox, deadlines, idempotency.

``PostgresEventStore`` is the runtime's; ``InMemoryEventStore`` stands in for it in application
tests. Both implement ``EventStore`` (``ports``) and pass the same contract suite.
"""

from noncoop_shared.store.memory import InMemoryEventStore
from noncoop_shared.store.ports import EventStore, EventStoreTransaction
from noncoop_shared.store.postgres import DueDeadline, PostgresEventStore, StoreTransaction, lane_of
from noncoop_shared.store.records import (
    IdempotencyKeyTakenError,
    IdempotentResult,
    NewEvent,
    command_fingerprint,
)
from noncoop_shared.store.schema import apply_extra, migrate

__all__ = [
    "DueDeadline",
    "EventStore",
    "EventStoreTransaction",
    "IdempotencyKeyTakenError",
    "IdempotentResult",
    "InMemoryEventStore",
    "NewEvent",
    "PostgresEventStore",
    "StoreTransaction",
    "apply_extra",
    "command_fingerprint",
    "lane_of",
    "migrate",
]
