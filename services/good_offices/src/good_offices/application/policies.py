"""Policies on the register's events (docs/architecture.md §2, §5), run by one consumer of the log:

- every referrals event updates the known cases (a case must be registered before anything is
  recorded on it);
- ``when_case_continued_under_court_referral_continue_good_offices``: the 7(b) case continues as
  7(a), and so do its good offices, on the same case;
- ``when_case_closed_conclude_good_offices``: open good offices are concluded (case closed).

The reactions are appended through the consumer's own transaction, with the consumed event as
their cause, so they commit with the consumer's position: exactly once.
"""

from __future__ import annotations

from good_offices.application.handlers import run_in
from good_offices.domain.commands import ContinueUnder7a, GoodOfficesCommand, NoteCaseClosed
from good_offices.domain.decide import ServiceLevels
from good_offices.projections.known_cases import facts_after, read_facts, save_facts
from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.catalogue import referrals as ev
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope
from noncoop_shared.policies import react, reaction_context
from noncoop_shared.store import PostgresEventStore

POLICY_ID = "good-offices-policies"


class RegisterPolicies:
    name = "good-offices-register"

    def __init__(self, store: PostgresEventStore, levels: ServiceLevels) -> None:
        self._store = store
        self._levels = levels

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        if not envelope.type.startswith("noncoop.referrals."):
            return
        facts = facts_after(await read_facts(conn, envelope.subject), envelope)
        if facts is not None:
            await save_facts(conn, facts)
        payload = CATALOGUE.decode(envelope.type, envelope.data)
        if isinstance(payload, ev.CaseContinuedUnderCourtReferral):
            await self._react(conn, envelope, ContinueUnder7a())
        elif isinstance(payload, ev.CaseClosed):
            await self._react(conn, envelope, NoteCaseClosed())

    async def _react(self, conn: Connection, cause: Envelope, command: GoodOfficesCommand) -> None:
        ctx = reaction_context(cause, POLICY_ID)
        tx = self._store.bind(conn)
        await react(
            conn, self.name, cause, lambda: run_in(tx, cause.subject, command, ctx, self._levels)
        )
