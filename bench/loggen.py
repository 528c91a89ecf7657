"""A realistic referrals log, generated through the domain and produced straight to a topic.

Every event comes out of ``referrals.domain.decide`` on the case's folded state (so the log
holds only what the service would record), is stamped as the application stamps it, and is
sealed into its stream's hash chain by the store's own ``_seal``; the record goes to the topic
as the outbox relay sends it (key = case id, value = the envelope's canonical JSON). The
database is skipped: this writes a log of a million events in a minute or two, not an hour.

The mix, per case (case ``i`` of ``cases``, seeded, so two runs give the same shapes):

- 85 % are 7(a) cases (``RegisterCourtReferral``); 15 % start as 7(b) urgent incidents
  (``ReportUrgentIncident``), two thirds of which the Court then refers (``ContinueUnder
  CourtReferral``), the rest are closed (restricted) or left open;
- a referred case is forwarded (95 %) and gets its press release (90 %), each first marked
  overdue by the scheduler in one case out of five (``MarkDeadlineOverdue``, then done late);
- the remaining budget of the case is Court amendments (``RecordCourtDecisionChange``,
  amended), so that ``events`` are spread evenly over ``cases`` (1,000,000 over 100,000:
  10 each); at the end one case in ten is reversed and closed, one in four closed because
  cooperation was obtained, the rest stay open. A budget smaller than a case's life cuts the
  life short (any prefix of a valid life is valid).

Events are emitted in waves of ``WAVE`` cases, step by step (the first event of each case of
the wave, then the second, ...), so cases interleave on the log as they do live, each in its
own order. Generation is split over ``workers`` processes (each its own producer and slice of
the cases): the domain and the sealing are CPU-bound.
"""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from multiprocessing import get_context

from aiokafka import AIOKafkaProducer

from noncoop_shared.catalogue.common import (
    CooperationArticle,
    CourtDecision,
    CourtRequest,
    LegalBasis,
    PersonConcerned,
    RequestedState,
    StateStatus,
)
from noncoop_shared.catalogue.referrals import ClosureReason, Urgency, case_stream
from noncoop_shared.envelope import GENESIS_HASH
from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.signing import EventSigner
from noncoop_shared.store.postgres import _seal
from noncoop_shared.store.records import NewEvent
from referrals.domain.commands import (
    CaseCommand,
    CloseCase,
    ContinueUnderCourtReferral,
    DecisionChangeKind,
    MarkDeadlineOverdue,
    RecordCourtDecisionChange,
    RecordForwarding,
    RecordPressRelease,
    RegisterCourtReferral,
    ReportUrgentIncident,
)
from referrals.domain.decide import ServiceLevels, decide
from referrals.domain.state import CaseState, evolve

SERVICE = "referrals"
SIGNER = EventSigner.development(SERVICE)  # the benchmarks run in development (ADR 0020)
WAVE = 500
"""cases generated together and interleaved step by step on the log"""
SEED = 20260401
EPOCH = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
LEVELS = ServiceLevels()
STATES = [
    RequestedState(name=f"Republic of Examplia {n}", code=code, status=StateStatus.STATE_PARTY)
    for n, code in enumerate(["EXA", "EXB", "EXC", "EXD", "EXE", "EXF", "EXG", "EXH"])
]

Step = tuple[CaseCommand, datetime, str]
"""a command, its business time, and the role of who issues it"""


@dataclass(frozen=True)
class Slice:
    """Cases ``first`` .. ``first + count - 1`` of ``cases``, holding ``events`` in all."""

    kafka: KafkaAccess
    topic: str
    events: int
    cases: int
    first: int
    count: int


def budget(case: int, events: int, cases: int) -> int:
    """The number of events of case ``case``: ``events`` spread evenly over ``cases``."""
    base, extra = divmod(events, cases)
    return base + (1 if case < extra else 0)


def slice_events(first: int, count: int, events: int, cases: int) -> int:
    return sum(budget(case, events, cases) for case in range(first, first + count))


def case_steps(case: int, budget: int, *, referred: bool = False) -> list[Step]:
    """The commands of case ``case``'s life, cut or padded with amendments to ``budget``;
    ``referred``: never a 7(b) case left without a referral (it could not be padded)."""
    rng = random.Random(SEED * 1_000_003 + case)  # noqa: S311 (a benchmark mix, not a secret)
    opened = EPOCH + timedelta(seconds=37 * case)
    state = STATES[case % len(STATES)]
    reference = f"ICC-01/{case % 97:02d}-01/26-{case}"
    decision = CourtDecision(
        reference=reference,
        date=(opened - timedelta(days=2)).date(),
        chamber="Pre-Trial Chamber I",
        legal_basis=LegalBasis.STATE_PARTY,
        referred_to_assembly=True,
        referred_to_security_council=False,
    )
    request = CourtRequest(article=CooperationArticle.ARREST_AND_SURRENDER, reference=f"R-{case}")
    persons = [PersonConcerned(name=f"Person {case}", warrant_reference=f"W-{case}")]
    case_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    head: list[Step] = []
    tail: list[Step] = []
    if rng.random() < 0.15:
        reported = ReportUrgentIncident(
            case_id,
            state,
            request,
            persons,
            urgency=Urgency.IMMINENT,
            urgency_reason="The person is reported to travel to the State next week.",
        )
        head.append((reported, opened, "secretariat"))
        if rng.random() >= 2 / 3 and not referred:  # never referred: closed, or left open
            if rng.random() < 0.5:
                head.append((CloseCase(ClosureReason.OTHER, "no referral"), opened, "secretariat"))
            return head[:budget]
        referred_at = opened + timedelta(days=1)
        head.append((ContinueUnderCourtReferral(decision, state.code), referred_at, "court"))
    else:
        referred_at = opened
        head.append(
            (RegisterCourtReferral(case_id, decision, state, request, persons), opened, "court")
        )
    late_at = referred_at + LEVELS.forwarding + timedelta(hours=1)
    for kind, done, chance, role in (
        ("forwarding", RecordForwarding(f"NV/{case}"), 0.95, "secretariat"),
        (
            "press_release",
            RecordPressRelease(f"PR/{case}", "Non-cooperation finding"),
            0.9,
            "president",
        ),
    ):
        if rng.random() >= chance:
            continue
        if rng.random() < 0.2:
            head.append((MarkDeadlineOverdue(kind), late_at, "system"))
            head.append((done, late_at + timedelta(days=1), role))
        else:
            head.append((done, referred_at + timedelta(hours=6), role))
    ending = referred_at + timedelta(days=30)
    roll = rng.random()
    if roll < 0.1:
        change = RecordCourtDecisionChange(
            DecisionChangeKind.REVERSED,
            reference,
            f"APP-{case}",
            decision.date + timedelta(days=20),
        )
        tail = [
            (change, ending, "court"),
            (CloseCase(ClosureReason.DECISION_REVERSED), ending, "secretariat"),
        ]
    elif roll < 0.35:
        tail = [(CloseCase(ClosureReason.COOPERATION_OBTAINED), ending, "secretariat")]
    amendments = max(0, budget - len(head) - len(tail))
    padding: list[Step] = [
        (
            RecordCourtDecisionChange(
                DecisionChangeKind.AMENDED,
                reference,
                f"AMD-{case}-{n}",
                _day(decision.date, n),
                summary="corrigendum",
            ),
            # Recorded after the latest day _day gives (rule Time: no fact before it happened).
            referred_at + timedelta(days=10, minutes=n),
            "court",
        )
        for n in range(amendments)
    ]
    return (head + padding + tail)[:budget]


def _day(start: date, n: int) -> date:
    return start + timedelta(days=1 + n % 10)


def case_records(
    case: int, budget: int, *, referred: bool = False
) -> Iterator[tuple[bytes, bytes]]:
    """(key, value) of each event of case ``case``, in stream order, through ``decide``."""
    state = CaseState()
    prev_hash = GENESIS_HASH
    case_id = ""
    for n, (command, now, role) in enumerate(case_steps(case, budget, referred=referred)):
        decision = decide(state, command, now, LEVELS)
        if not decision.events:
            raise RuntimeError(f"case {case}: {type(command).__name__} decided nothing")
        for pending in decision.events:
            payload = pending.payload
            case_id = case_id or payload.case_id  # type: ignore[attr-defined]
            new = NewEvent(
                payload=payload,
                occurred_at=now,
                actor_role=role,
                actor_id=f"{role}-1",
                classification=pending.effective_classification(),
                correlation_id=f"bench-{case}-{n}",
                rule=pending.rule,
            )
            envelope = _seal(
                SIGNER, case_stream(case_id), case_id, state.version + 1, new, now, prev_hash
            )
            prev_hash = envelope.hash
            state = evolve(state, payload, now)
            yield case_id.encode(), envelope.to_bytes()


def wave_records(
    first: int, count: int, events: int, cases: int, carry: int, last: int
) -> tuple[list[tuple[bytes, bytes]], int]:
    """The records of cases ``first`` .. ``first + count - 1``, interleaved step by step, and
    the events still owed: a case shorter than its budget (a 7(b) case never referred) passes
    the rest on to the next; case ``last`` (the slice's last) is always referred and padded,
    so that a slice holds exactly its budget."""
    lives = []
    for case in range(first, first + count):
        wanted = budget(case, events, cases) + carry
        life = list(case_records(case, wanted, referred=case == last))
        carry = wanted - len(life)
        lives.append(life)
    records = [
        life[step]
        for step in range(max((len(life) for life in lives), default=0))
        for life in lives
        if step < len(life)
    ]
    return records, carry


async def _produce(part: Slice) -> int:
    producer = AIOKafkaProducer(
        **part.kafka.client_kwargs(),
        client_id="bench-loggen",
        acks=1,
        linger_ms=20,
        max_batch_size=1 << 20,
        max_request_size=8 << 20,
        compression_type=None,
    )
    await producer.start()
    sent = 0
    try:
        await producer.partitions_for(part.topic)
        end, carry = part.first + part.count, 0
        for first in range(part.first, end, WAVE):
            records, carry = wave_records(
                first, min(WAVE, end - first), part.events, part.cases, carry, end - 1
            )
            pending = [
                await producer.send(part.topic, value=value, key=key) for key, value in records
            ]
            await asyncio.gather(*pending)
            sent += len(pending)
    finally:
        await producer.stop()
    return sent


def produce_slice(part: Slice) -> int:
    """One worker process: generate and produce its slice of the cases; returns the records."""
    return asyncio.run(_produce(part))


async def generate(
    kafka: KafkaAccess, topic: str, *, events: int, cases: int, workers: int = 2
) -> int:
    """Put ``events`` events of ``cases`` cases on ``topic``; returns how many were produced."""
    cases = max(1, min(cases, events))
    workers = max(1, min(workers, cases))
    size = -(-cases // workers)
    parts = [
        Slice(kafka, topic, events, cases, first, min(size, cases - first))
        for first in range(0, cases, size)
    ]
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(len(parts), mp_context=get_context("spawn")) as pool:
        counts = await asyncio.gather(
            *(loop.run_in_executor(pool, produce_slice, part) for part in parts)
        )
    return sum(counts)
