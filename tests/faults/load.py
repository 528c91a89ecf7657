"""The bounded load: a few clients sending a realistic mix of commands, each with its own
Idempotency-Key and X-Correlation-Id, retried with the SAME key on a connection error or a 5xx
as a real client would, until acknowledged (2xx) or until it gives up.

A step that waits for a fact of the log (another service learning a case) runs beside the
client's next flows, not in their way: so the load stays steady while the log is slow (a broker
failing over), and the figures show what the system accepts meanwhile, not a client waiting.

Every command sent is written down (a ``Sent``): the checks later hold the log against it.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from tests.faults.services import SECRET, Fleet

from noncoop_shared.testing import bearer_headers, court_decision_body, urgent_incident_body

#: How long a client keeps retrying one command through an outage before it gives up.
RETRY_FOR_S = 60.0
#: How long a step waits for what it depends on (a case another service learns from the log).
PRECONDITION_FOR_S = 20.0
#: Steps of one client waiting for the log at once, at most: beyond, the client waits too (so a
#: slow log slows the load down instead of piling up retries).
WAITING_ON_LOG_MAX = 3


@dataclass
class Sent:
    """One command as the client knows it."""

    service: str
    path: str
    key: str
    correlation_id: str
    attempts: int = 0
    status: int | None = None
    acknowledged: bool = False
    event_ids: tuple[str, ...] = ()
    body: dict[str, Any] = field(default_factory=dict)
    in_flight: bool = False
    #: The replica the current (or last) attempt went to.
    url: str = ""
    #: When the 2xx came (``time.monotonic()``).
    acknowledged_at: float | None = None


@dataclass
class Ledger:
    """Every command of the run, and which ones are being sent right now (to show that a kill
    landed mid-append)."""

    sent: list[Sent] = field(default_factory=list)

    def acknowledged_between(self, start: float, end: float) -> int:
        """Commands acknowledged within [start, end] (``time.monotonic()``)."""
        return sum(
            1
            for s in self.sent
            if s.acknowledged_at is not None and start <= s.acknowledged_at <= end
        )

    def in_flight(self, service: str, url: str | None = None) -> int:
        """Commands on their way to ``service`` (to its replica at ``url`` when given)."""
        return sum(
            1
            for s in self.sent
            if s.in_flight and s.service == service and (url is None or s.url == url)
        )


class Client:
    def __init__(self, number: int, fleet: Fleet, ledger: Ledger, rng: random.Random) -> None:
        self.number = number
        self.fleet = fleet
        self.ledger = ledger
        self.rng = rng
        self.http = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=2.0))
        self.waiting_on_log: set[asyncio.Task[Any]] = set()

    async def close(self) -> None:
        await self.http.aclose()

    async def run(self, stop: asyncio.Event, pause_s: float) -> None:
        flows: list[Callable[[], Any]] = [self.court_referral, self.urgent_incident, self.meeting]
        while not stop.is_set():
            await self.rng.choices(flows, weights=[5, 3, 1])[0]()
            await asyncio.sleep(pause_s * self.rng.uniform(0.5, 1.5))
        # Every flow is finished: no command is dropped between its sending and its answer.
        await asyncio.gather(*self.waiting_on_log)

    async def after_log(self, step: Coroutine[Any, Any, Any]) -> None:
        """Run a step that waits for a fact of the log beside the client's next flows."""
        if len(self.waiting_on_log) >= WAITING_ON_LOG_MAX:
            await asyncio.wait(self.waiting_on_log, return_when=asyncio.FIRST_COMPLETED)
        task = asyncio.create_task(step)
        self.waiting_on_log.add(task)
        task.add_done_callback(self.waiting_on_log.discard)

    # --- flows ----------------------------------------------------------------------------------

    async def court_referral(self) -> None:
        """7(a): the Court's decision; the Secretariat forwards it, the President issues a press
        release; the Bureau (once its policy opened the formal response) sends the open letter."""
        reference = f"ICC-01/99-01/26-{uuid.uuid4().hex[:8]}"
        case = await self.send(
            "referrals", "/v1/court-referrals", "court", court_decision_body(reference=reference)
        )
        if case is None:
            return
        case_id = case["case_id"]
        await self.send(
            "referrals",
            f"/v1/cases/{case_id}/forwarding",
            "secretariat",
            {"communication_reference": f"ICC-ASP/26/SP/{self.rng.randint(1, 999)}"},
        )
        await self.send(
            "referrals",
            f"/v1/cases/{case_id}/press-release",
            "president",
            {"reference": f"PR-{uuid.uuid4().hex[:8]}", "title": "The President calls on Examplia"},
        )
        letter = {
            "letter_reference": f"ICC-ASP/PRES/26/{uuid.uuid4().hex[:6]}",
            "reply_due_on": (datetime.now(UTC) + timedelta(days=30)).date().isoformat(),
        }
        await self.after_log(
            self.send(
                "bureau",
                f"/v1/cases/{case_id}/formal-response/open-letter",
                "president",
                letter,
                depends_on_log=True,
            )
        )

    async def urgent_incident(self) -> None:
        """7(b): an urgent incident; the President's good offices start (once good offices
        learnt the case from the log)."""
        case = await self.send(
            "referrals", "/v1/urgent-incidents", "president", urgent_incident_body()
        )
        if case is None:
            return
        await self.after_log(
            self.send(
                "good_offices",
                f"/v1/cases/{case['case_id']}/good-offices/own-initiative-activation",
                "president",
                {"court_consulted_on": datetime.now(UTC).date().isoformat()},
                depends_on_log=True,
            )
        )

    async def meeting(self) -> None:
        meets_on = (datetime.now(UTC) + timedelta(days=self.rng.randint(1, 60))).date()
        await self.send(
            "bureau",
            "/v1/bureau-meetings",
            "secretariat",
            {"meeting_id": f"B-{uuid.uuid4().hex[:10]}", "meets_on": meets_on.isoformat()},
        )

    # --- one command ----------------------------------------------------------------------------

    async def send(
        self,
        service: str,
        path: str,
        role: str,
        body: dict[str, Any],
        *,
        depends_on_log: bool = False,
    ) -> dict[str, Any] | None:
        """Send until a 2xx (the body) or until giving up (None). 5xx and connection errors are
        retried with the same key; 404/409 too when the step waits for a fact of the log (a
        refusal stores nothing, so the same key stays free)."""
        sent = Sent(service, path, f"c{self.number}-{uuid.uuid4()}", str(uuid.uuid4()), body=body)
        self.ledger.sent.append(sent)
        headers = bearer_headers(SECRET, role) | {
            "Idempotency-Key": sent.key,
            "X-Correlation-Id": sent.correlation_id,
        }
        started = time.monotonic()
        while True:
            sent.attempts += 1
            sent.in_flight = True
            sent.url = self.fleet.url(service, self.rng)
            try:
                response = await self.http.post(sent.url + path, json=body, headers=headers)
                sent.status = response.status_code
            except httpx.TransportError:
                sent.status = None
            finally:
                sent.in_flight = False
            if sent.status is not None and 200 <= sent.status < 300:
                answer: dict[str, Any] = response.json()
                sent.acknowledged = True
                sent.acknowledged_at = time.monotonic()
                sent.event_ids = tuple(event["id"] for event in answer["events"])
                return answer
            waiting = depends_on_log and sent.status in (404, 409)
            retryable = sent.status is None or sent.status >= 500 or sent.status == 429
            limit = PRECONDITION_FOR_S if waiting else RETRY_FOR_S
            if not (waiting or retryable) or time.monotonic() - started > limit:
                return None
            await asyncio.sleep(self.rng.uniform(0.1, 0.5))


async def run_load(
    fleet: Fleet, ledger: Ledger, stop: asyncio.Event, *, clients: int, pause_s: float, seed: int
) -> None:
    """The clients, until ``stop``; each finishes the flow it is in, so no command is dropped
    between its sending and its answer."""
    rng = random.Random(seed)
    workers = [Client(n, fleet, ledger, random.Random(rng.random())) for n in range(clients)]
    try:
        await asyncio.gather(*(w.run(stop, pause_s) for w in workers))
    finally:
        for worker in workers:
            await worker.close()
