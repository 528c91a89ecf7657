"""Verify the log and the stores (docs/architecture.md §7): name every event altered, removed,
inserted or reordered, stream by stream, the first bad event of each; and, given a trust store,
every event not signed by a trusted key of the service that owns its type (ADR 0020), even one
whose hash chain holds: that is what an event injected by a party with broker access looks like.

The pure core takes what was read and returns ``Finding`` s:

- ``verify_events``: envelopes (or log records) in log order. Exact copies of an event (same
  id, same canonical bytes) are dropped, since the relay publishes at least once; a copy with the
  same id and other content is an "altered copy". Each stream's chain is then checked.
- ``verify_store``: rows of a service's ``events`` table. The columns must agree with the
  envelope, and each stream's chain must hold in ``version`` order (the order ``load`` replays).
- ``compare_store_with_log``: events in a store and not in the log (removed from the log, or not
  published yet: the outbox says which), in the log and not in the store, or different.

``read_log`` and ``read_store`` do the reading; ``python -m noncoop_shared.audit verify`` runs it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

import asyncpg
from aiokafka import AIOKafkaConsumer, TopicPartition
from pydantic import ValidationError

from noncoop_shared.envelope import Envelope
from noncoop_shared.kafka import KafkaAccess, admin_client
from noncoop_shared.signing import TrustStore
from noncoop_shared.verify import verify_stream

UNKNOWN = "(unknown)"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: the first bad event of a stream, or one bad record."""

    stream: str
    event_id: str
    position_description: str
    """Where the event was read: ``log partition 3 offset 17`` or ``store position 12``."""
    problem: str

    def __str__(self) -> str:
        return (
            f"stream {self.stream}, event {self.event_id} at {self.position_description}: "
            f"{self.problem}"
        )


class RecordCoordinates(NamedTuple):
    topic: str
    partition: int
    offset: int

    def describe(self) -> str:
        return f"log partition {self.partition} offset {self.offset}"


@dataclass(frozen=True)
class Unparseable:
    """A record (or row) whose bytes are not a valid envelope."""

    error: str
    raw: bytes

    def guess(self, field: str) -> str:
        """``field`` of the raw JSON, if it is JSON at all (to say which stream it hurts)."""
        try:
            value = json.loads(self.raw)
        except ValueError:
            return UNKNOWN
        found = value.get(field) if isinstance(value, dict) else None
        return str(found) if found is not None else UNKNOWN


def parse(raw: bytes | str) -> Envelope | Unparseable:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    try:
        return Envelope.from_bytes(data)
    except ValidationError as error:
        return Unparseable(
            f"not a valid envelope ({error.error_count()} errors: {_first_error(error)})", data
        )


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    location = ".".join(str(part) for part in first["loc"]) or "(root)"
    return f"{location}: {first['msg']}"


class LogRecord(NamedTuple):
    """One Kafka record: where it is, and what it holds."""

    coordinates: RecordCoordinates
    content: Envelope | Unparseable


OutboxState = Literal["pending", "published", "none"]


@dataclass(frozen=True)
class StoreRow:
    """One row of a service's ``events`` table, with its outbox state."""

    position: int
    id: str
    stream: str
    version: int
    subject: str
    type: str
    hash: str
    content: Envelope | Unparseable
    outbox: OutboxState

    def describe(self) -> str:
        return f"store position {self.position} (version column {self.version})"


@dataclass(frozen=True)
class _Located:
    envelope: Envelope
    where: str


def _locate(items: Iterable[Envelope | LogRecord], findings: list[Finding]) -> list[_Located]:
    located: list[_Located] = []
    for index, item in enumerate(items):
        if isinstance(item, Envelope):
            located.append(_Located(item, f"item #{index} of the log"))
        elif isinstance(item.content, Unparseable):
            findings.append(
                Finding(
                    item.content.guess("stream"),
                    item.content.guess("id"),
                    item.coordinates.describe(),
                    f"unparseable record: {item.content.error}",
                )
            )
        else:
            located.append(_Located(item.content, item.coordinates.describe()))
    return located


def _chain_finding(stream: str, events: Sequence[_Located]) -> Finding | None:
    """The first bad event of one stream's events in order, or ``None``."""
    broken = verify_stream(event.envelope for event in events)
    if broken is None:
        return None
    index, problem = broken.position, broken.problem
    fork = _explain_fork(events, index)
    if fork is not None:
        index, problem = fork
    bad = events[index]
    version = bad.envelope.streamversion
    return Finding(stream, str(bad.envelope.id), bad.where, f"(version {version}) {problem}")


def _explain_fork(events: Sequence[_Located], index: int) -> tuple[int, str] | None:
    """When two events claim one version, the chain's continuation tells the intruder apart."""
    bad = events[index].envelope
    twins = [
        j
        for j in range(index)
        if events[j].envelope.streamversion == bad.streamversion and events[j].envelope.id != bad.id
    ]
    if not twins:
        return None
    earlier = twins[-1]
    other = events[earlier].envelope
    linked_hashes = {event.envelope.prevhash for event in events}
    if bad.hash in linked_hashes and other.hash not in linked_hashes:
        return earlier, (
            f"version {other.streamversion} is also claimed by {bad.id} at "
            f"{events[index].where}, which the rest of the chain continues from: "
            "this event was inserted"
        )
    if other.hash in linked_hashes and bad.hash not in linked_hashes:
        return index, (
            f"version {bad.streamversion} is also claimed by {other.id} at "
            f"{events[earlier].where}, which the rest of the chain continues from: "
            "this event was inserted"
        )
    return earlier, (
        f"version {other.streamversion} is claimed by two events, this one and {bad.id} at "
        f"{events[index].where} (one of them inserted)"
    )


def _signature_findings(events: Iterable[_Located], trust: TrustStore | None) -> list[Finding]:
    """One finding per event whose hash holds but whose signer is not to be believed (an
    altered event is the chain's finding already)."""
    if trust is None:
        return []
    findings: list[Finding] = []
    for event in events:
        envelope = event.envelope
        if not envelope.hash_is_valid():
            continue
        problem = trust.problem_with(envelope)
        if problem is not None:
            findings.append(
                Finding(
                    envelope.stream,
                    str(envelope.id),
                    event.where,
                    f"(version {envelope.streamversion}) untrusted signer: {problem}",
                )
            )
    return findings


def verify_events(
    items: Iterable[Envelope | LogRecord], trust: TrustStore | None = None
) -> list[Finding]:
    """Verify envelopes in log order: one finding per broken stream (its first bad event), one
    per altered copy, one per unparseable record and, with ``trust``, one per event not signed
    by the owner of its type; sorted. Exact copies are ignored."""
    findings: list[Finding] = []
    first_copy: dict[str, tuple[bytes, str]] = {}
    streams: dict[str, list[_Located]] = {}
    for event in _locate(items, findings):
        event_id = str(event.envelope.id)
        canonical = event.envelope.to_bytes()
        if event_id in first_copy:
            seen, seen_where = first_copy[event_id]
            if canonical != seen:
                findings.append(
                    Finding(
                        event.envelope.stream,
                        event_id,
                        event.where,
                        f"altered copy: same event id as at {seen_where}, other content",
                    )
                )
            continue
        first_copy[event_id] = (canonical, event.where)
        streams.setdefault(event.envelope.stream, []).append(event)
    for stream, events in streams.items():
        finding = _chain_finding(stream, events)
        if finding is not None:
            findings.append(finding)
        findings.extend(_signature_findings(events, trust))
    return sorted(findings)


def _column_mismatch(row: StoreRow, envelope: Envelope) -> str | None:
    columns = {
        "id": (row.id, str(envelope.id)),
        "stream": (row.stream, envelope.stream),
        "version": (str(row.version), str(envelope.streamversion)),
        "subject": (row.subject, envelope.subject),
        "type": (row.type, envelope.type),
        "hash": (row.hash, envelope.hash),
    }
    wrong = [
        f"{name} column {column!r} but envelope {inside!r}"
        for name, (column, inside) in columns.items()
        if column != inside
    ]
    if not wrong:
        return None
    return "row disagrees with its envelope (altered or reordered): " + "; ".join(wrong)


def verify_store(rows: Iterable[StoreRow], trust: TrustStore | None = None) -> list[Finding]:
    """Verify a service's event table: per stream, in ``version`` order (how ``load`` replays
    it), the first row whose columns disagree with its envelope or whose chain breaks; with
    ``trust``, every row not signed by the owner of its type."""
    findings: list[Finding] = []
    streams: dict[str, list[tuple[StoreRow, Envelope]]] = {}
    for row in rows:
        if isinstance(row.content, Unparseable):
            findings.append(
                Finding(row.stream, row.id, row.describe(), f"unparseable row: {row.content.error}")
            )
            continue
        streams.setdefault(row.stream, []).append((row, row.content))
    for stream, stream_rows in streams.items():
        ordered = sorted(stream_rows, key=lambda pair: (pair[0].version, pair[0].position))
        located = [_Located(envelope, row.describe()) for row, envelope in ordered]
        first_bad = _chain_finding(stream, located)
        for row, envelope in ordered:
            if first_bad is not None and str(envelope.id) == first_bad.event_id:
                break  # the chain breaks here first
            mismatch = _column_mismatch(row, envelope)
            if mismatch is not None:
                first_bad = Finding(stream, str(envelope.id), row.describe(), mismatch)
                break
        if first_bad is not None:
            findings.append(first_bad)
        findings.extend(_signature_findings(located, trust))
    return sorted(findings)


def compare_store_with_log(
    store: Iterable[Envelope | StoreRow],
    log: Iterable[Envelope | LogRecord],
    *,
    sources: set[str] | None = None,
) -> list[Finding]:
    """Events in the store(s) but not in the log, in the log but not in the store(s), or
    different. Only log events of ``sources`` count (default: the sources the stores hold),
    since the log also carries other services' events."""
    findings: list[Finding] = []
    stored: dict[str, tuple[Envelope, str, OutboxState | None]] = {}
    for item in store:
        if isinstance(item, Envelope):
            stored[str(item.id)] = (item, "store", None)
        elif isinstance(item.content, Envelope):
            stored[str(item.content.id)] = (item.content, item.describe(), item.outbox)
    if sources is None:
        sources = {envelope.source for envelope, _, _ in stored.values()}
    logged: dict[str, _Located] = {}
    for event in _locate(log, []):
        logged.setdefault(str(event.envelope.id), event)
    for event_id, (envelope, where, outbox) in stored.items():
        in_log = logged.get(event_id)
        if in_log is None:
            findings.append(
                Finding(envelope.stream, event_id, where, _missing_from_log(envelope, outbox))
            )
        elif in_log.envelope.to_bytes() != envelope.to_bytes():
            findings.append(
                Finding(
                    envelope.stream,
                    event_id,
                    f"{where} / {in_log.where}",
                    _which_altered(envelope, in_log.envelope),
                )
            )
    for event_id, event in logged.items():
        if event_id not in stored and event.envelope.source in sources:
            findings.append(
                Finding(
                    event.envelope.stream,
                    event_id,
                    event.where,
                    f"(version {event.envelope.streamversion}) in the log but not in the store "
                    "of its source: inserted into the log, or removed from the store",
                )
            )
    return sorted(findings)


def _missing_from_log(envelope: Envelope, outbox: OutboxState | None) -> str:
    prefix = f"(version {envelope.streamversion}) in the store but not in the log: "
    if outbox == "pending":
        return prefix + "not published yet (its outbox row is pending)"
    if outbox == "published":
        return prefix + "removed from the log (its outbox row says it was published)"
    if outbox == "none":
        return prefix + (
            "it has no outbox row, so it was not appended by the store: inserted into the store"
        )
    return prefix + "removed from the log, or not published yet"


def _which_altered(in_store: Envelope, in_log: Envelope) -> str:
    store_ok, log_ok = in_store.hash_is_valid(), in_log.hash_is_valid()
    if store_ok and not log_ok:
        side = "altered in the log"
    elif log_ok and not store_ok:
        side = "altered in the store"
    else:
        side = "altered in one of them"
    return f"(version {in_store.streamversion}) differs between the store and the log: {side}"


# --- reading ---------------------------------------------------------------------------------


async def read_log(kafka: KafkaAccess, topic: str) -> list[LogRecord]:
    """Every record of ``topic``, from the beginning to the end offsets found at the start, in
    partition/offset order. Needs only READ and DESCRIBE on the topic (the auditor principal)."""
    partitions = [TopicPartition(topic, n) for n in await _partitions_of(kafka, topic)]
    consumer = AIOKafkaConsumer(
        **kafka.client_kwargs(),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    try:
        consumer.assign(partitions)
        ends: dict[TopicPartition, int] = await consumer.end_offsets(partitions)
        starts: dict[TopicPartition, int] = await consumer.beginning_offsets(partitions)
        remaining = {tp for tp in partitions if ends[tp] > starts[tp]}
        for tp in partitions:
            consumer.seek(tp, starts[tp])
        by_partition: dict[int, list[LogRecord]] = {tp.partition: [] for tp in partitions}
        while remaining:
            batches = await consumer.getmany(*remaining, timeout_ms=500)
            for tp, records in batches.items():
                for record in records:
                    if record.offset >= ends[tp]:
                        break
                    coordinates = RecordCoordinates(topic, tp.partition, record.offset)
                    content = (
                        parse(record.value)
                        if record.value is not None
                        else Unparseable("empty record value (a tombstone)", b"")
                    )
                    by_partition[tp.partition].append(LogRecord(coordinates, content))
            for tp in list(remaining):
                if await consumer.position(tp) >= ends[tp]:
                    remaining.discard(tp)
        return [record for n in sorted(by_partition) for record in by_partition[n]]
    finally:
        await consumer.stop()


async def _partitions_of(kafka: KafkaAccess, topic: str) -> list[int]:
    admin = admin_client(kafka)
    await admin.start()
    try:
        [described] = await admin.describe_topics([topic])
    finally:
        await admin.close()
    if described["error_code"] != 0 or not described["partitions"]:
        raise LookupError(f"topic {topic!r} cannot be read (error {described['error_code']})")
    return sorted(int(p["partition"]) for p in described["partitions"])


async def read_store(dsn: str) -> list[StoreRow]:
    """Every row of the ``events`` table of the database at ``dsn``, by position, with the state
    of its outbox row."""
    connection = await asyncpg.connect(dsn)
    try:
        rows = await connection.fetch(
            "SELECT e.position, e.id, e.stream, e.version, e.subject, e.type, e.hash, e.envelope,"
            " o.position IS NOT NULL AS has_outbox, o.published_at"
            " FROM events e LEFT JOIN outbox o ON o.position = e.position ORDER BY e.position"
        )
    finally:
        await connection.close()
    result: list[StoreRow] = []
    for row in rows:
        outbox: OutboxState
        if not row["has_outbox"]:
            outbox = "none"
        elif row["published_at"] is None:
            outbox = "pending"
        else:
            outbox = "published"
        result.append(
            StoreRow(
                position=int(row["position"]),
                id=str(row["id"]),
                stream=str(row["stream"]),
                version=int(row["version"]),
                subject=str(row["subject"]),
                type=str(row["type"]),
                hash=str(row["hash"]).strip(),
                content=parse(str(row["envelope"])),
                outbox=outbox,
            )
        )
    return result
