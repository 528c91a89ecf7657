"""Policies on the register's events (docs/architecture.md §2, §5), run by one consumer of the log:

- every referrals event updates the known cases;
- ``when_court_decision_received_open_formal_response``: a Court decision addressed to the
  Assembly (7(a), or a 7(b) case continued as 7(a)) opens the formal response — never by hand
  (P13);
- ``when_court_decision_reversed_stop_formal_response`` (and withdrawn, and case closed): the
  remaining steps stop, recorded as such; nothing already recorded changes.

Reactions are appended through the consumer's transaction, caused by the consumed event, so they
commit with the consumer's position: exactly once.
"""

from __future__ import annotations

from bureau.application.handlers import run_in
from bureau.domain.commands import FormalResponseCommand, OpenFormalResponse, StopFormalResponse
from bureau.projections.known_cases import known_after, read_known, save_known
from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.catalogue import referrals as ev
from noncoop_shared.catalogue.bureau import StopReason
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope
from noncoop_shared.policies import react, reaction_context
from noncoop_shared.store import PostgresEventStore

POLICY_ID = "bureau-policies"


class RegisterPolicies:
    name = "bureau-register"

    def __init__(self, store: PostgresEventStore) -> None:
        self._store = store

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        if not envelope.type.startswith("noncoop.referrals."):
            return
        known = known_after(await read_known(conn, envelope.subject), envelope)
        if known is not None:
            await save_known(conn, known)
        payload = CATALOGUE.decode(envelope.type, envelope.data)
        match payload:
            case ev.CourtDecisionReceived() | ev.CaseContinuedUnderCourtReferral():
                await self._react(conn, envelope, OpenFormalResponse())
            case ev.CourtDecisionReversed():
                await self._react(conn, envelope, StopFormalResponse(StopReason.DECISION_REVERSED))
            case ev.CourtDecisionWithdrawn():
                await self._react(conn, envelope, StopFormalResponse(StopReason.DECISION_WITHDRAWN))
            case ev.CaseClosed():
                await self._react(conn, envelope, StopFormalResponse(StopReason.CASE_CLOSED))
            case _:
                pass

    async def _react(
        self, conn: Connection, cause: Envelope, command: FormalResponseCommand
    ) -> None:
        ctx = reaction_context(cause, POLICY_ID)
        tx = self._store.bind(conn)
        await react(conn, self.name, cause, lambda: run_in(tx, cause.subject, command, ctx))
