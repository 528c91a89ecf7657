"""Reporting's writing routes sent with an Idempotency-Key (docs/adr/0039): the first answer is
kept with what it answered, in the event store's ``idempotency`` table, per sender, with the
semantics of the other services' command routes (``noncoop_shared.commands``): the same key with
the same request is answered with the first answer again; with another request (another route,
body or query) it is refused, a 422 ``IdempotencyKeyReusedError``.

The first answer is kept in the transaction that does the work (the draft's row, the
submission), so that the work and its answer commit together or not at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from noncoop_shared.auth.principal import Principal
from noncoop_shared.commands import CommandResult
from noncoop_shared.errors import IdempotencyKeyReusedError
from noncoop_shared.store.ports import EventStore, EventStoreTransaction
from noncoop_shared.store.records import IdempotentResult, command_fingerprint


@dataclass(frozen=True)
class IdempotentRequest:
    """One request sent with an Idempotency-Key: whose key, and the fingerprint of what was
    asked (the sender, the route's path, the request's body and query)."""

    key: str
    sender: str
    fingerprint: str

    @classmethod
    def of(
        cls, key: str | None, principal: Principal, route: str, request: Any
    ) -> IdempotentRequest | None:
        """``None`` without a key. ``request``: what the answer depends on, as JSON."""
        if key is None:
            return None
        # The same sender key as the command routes' (``CommandContext.principal_key``).
        sender = f"{principal.role.value}:{principal.subject}"
        return cls(key, sender, command_fingerprint(sender, route, request))

    async def first_answer(
        self, keeper: EventStore | EventStoreTransaction
    ) -> CommandResult | None:
        """The answer kept for this sender's key, replayed; ``None`` when there is none yet. A
        key first sent with another request is refused (``IdempotencyKeyReusedError``)."""
        first = await keeper.find_idempotent(self.sender, self.key)
        if first is None:
            return None
        if first.fingerprint != self.fingerprint:
            raise IdempotencyKeyReusedError(
                f"Idempotency-Key {self.key!r} was first used for a different request "
                "(another route, body or query); use a new key for a new request"
            )
        return CommandResult(first.status_code, json.loads(first.body), replayed=True)

    async def keep(self, tx: EventStoreTransaction, status_code: int, body: dict[str, Any]) -> None:
        """Keep the first answer in ``tx``; ``IdempotencyKeyTakenError`` when a twin kept its
        own first (the caller rolls back and answers with the twin's)."""
        await tx.save_idempotent(
            IdempotentResult(
                key=self.key,
                principal=self.sender,
                fingerprint=self.fingerprint,
                status_code=status_code,
                body=json.dumps(body, sort_keys=True),
            ),
            tx.now(),
        )
