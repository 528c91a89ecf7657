"""After the faults and a quiet period: the log, the stores and the projections held against
what the clients were told.

- per stream, versions 1..n, no gap, never two event ids at one (stream, version);
- every acknowledged command has exactly its events on the log (the ids its answer gave, as
  stored with its Idempotency-Key), once each as an effect; the relay's at-least-once copies
  (same event id twice on the log) are counted, they are not duplicated effects;
- an unacknowledged command is all done (its stored answer's events) or not at all;
- a policy's reaction to one cause is recorded once;
- each store's events are all on the log, and the log holds no event no store has.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import asyncpg
from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from tests.faults.load import Sent
from tests.faults.probes import partitions_of
from tests.faults.services import TOPIC, Fleet

from noncoop_shared.envelope import Envelope
from noncoop_shared.kafka import KafkaAccess

RawLog = dict[int, list[ConsumerRecord[bytes, bytes]]]


async def read_raw_log(kafka: KafkaAccess, topic: str = TOPIC) -> RawLog:
    """Every record of the topic, per partition in offset order, up to the end offsets."""
    partitions = [TopicPartition(topic, p) for p in await partitions_of(kafka, topic)]
    consumer = AIOKafkaConsumer(
        **kafka.client_kwargs(),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    try:
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        # An explicit seek: seek_to_beginning only asks for a reset, and a fetch that starts
        # before it lands may wait at the end of the partition for ever.
        for tp, first in (await consumer.beginning_offsets(partitions)).items():
            consumer.seek(tp, first)
        log: RawLog = {tp.partition: [] for tp in partitions}
        remaining = {tp for tp in partitions if ends[tp] > 0}
        deadline = asyncio.get_running_loop().time() + 120
        while remaining:
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"the log could not be read to its end: {remaining}")
            batches = await consumer.getmany(*remaining, timeout_ms=1000)
            for tp, records in batches.items():
                log[tp.partition].extend(r for r in records if r.offset < ends[tp])
                if records and records[-1].offset >= ends[tp] - 1:
                    remaining.discard(tp)
        return log
    finally:
        await consumer.stop()


@dataclass
class Figures:
    sent: int = 0
    acknowledged: int = 0
    in_log: int = 0
    unacknowledged_done: int = 0
    unacknowledged_not_done: int = 0
    records: int = 0
    distinct_events: int = 0
    copies: int = 0
    """the same event id published more than once (at-least-once relay): not an effect"""
    duplicated_effects: int = 0
    lost: int = 0
    half_done: int = 0
    problems: list[str] = field(default_factory=list)

    def fail(self, problem: str) -> None:
        if len(self.problems) < 50:
            self.problems.append(problem)


async def stored_answers(fleet: Fleet) -> dict[str, dict[str, tuple[str, ...]]]:
    """Per service: Idempotency-Key -> the event ids of the answer stored with it."""
    answers: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, service in fleet.services.items():
        conn = await asyncpg.connect(service.dsn)
        try:
            rows = await conn.fetch("SELECT key, body FROM idempotency")
        finally:
            await conn.close()
        answers[name] = {
            row["key"]: tuple(e["id"] for e in json.loads(row["body"]).get("events", []))
            for row in rows
        }
    return answers


async def store_event_ids(fleet: Fleet) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for name, service in fleet.services.items():
        conn = await asyncpg.connect(service.dsn)
        try:
            ids[name] = {str(r["id"]) for r in await conn.fetch("SELECT id FROM events")}
        finally:
            await conn.close()
    return ids


async def check_log(fleet: Fleet, ledger: list[Sent], log: RawLog) -> Figures:
    figures = Figures(sent=len(ledger), acknowledged=sum(s.acknowledged for s in ledger))
    envelopes = [Envelope.model_validate_json(r.value) for rs in log.values() for r in rs]
    figures.records = len(envelopes)
    by_id = {str(e.id): e for e in envelopes}
    figures.distinct_events = len(by_id)
    figures.copies = figures.records - figures.distinct_events
    _check_streams(by_id.values(), figures)
    _check_policies(by_id.values(), figures)
    direct: dict[str, set[str]] = defaultdict(set)
    for event in by_id.values():
        if event.actorrole != "system" and event.correlationid:
            direct[event.correlationid].add(str(event.id))
    answers = await stored_answers(fleet)
    for sent in ledger:
        _check_command(sent, direct.get(sent.correlation_id, set()), answers, figures)
    stores = await store_event_ids(fleet)
    in_stores = set().union(*stores.values())
    for name, ids in stores.items():
        for missing in sorted(ids - by_id.keys())[:5]:
            figures.lost += 1
            figures.fail(f"{name}: event {missing} is in the store, not on the log")
    for stray in sorted(by_id.keys() - in_stores)[:5]:
        figures.fail(f"event {stray} is on the log and in no store")
    return figures


def _check_streams(events: Iterable[Envelope], figures: Figures) -> None:
    at: dict[tuple[str, int], set[str]] = defaultdict(set)
    versions: dict[str, set[int]] = defaultdict(set)
    for event in events:
        at[(event.stream, event.streamversion)].add(str(event.id))
        versions[event.stream].add(event.streamversion)
    for (stream, version), ids in at.items():
        if len(ids) > 1:
            figures.duplicated_effects += len(ids) - 1
            figures.fail(f"{stream} v{version}: {len(ids)} different events")
    for stream, seen in versions.items():
        if seen != set(range(1, max(seen) + 1)):
            figures.lost += len(set(range(1, max(seen) + 1)) - seen)
            figures.fail(f"{stream}: versions {sorted(seen)} have a gap")


def _check_policies(events: Iterable[Envelope], figures: Figures) -> None:
    """A reaction (system actor) to one cause, on one stream, of one type, happens once."""
    reactions: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for event in events:
        if event.actorrole == "system" and event.causationid:
            reactions[(str(event.causationid), event.stream, event.type)].add(str(event.id))
    for (cause, stream, kind), ids in reactions.items():
        if len(ids) > 1:
            figures.duplicated_effects += len(ids) - 1
            figures.fail(f"{kind} on {stream} caused by {cause}: {len(ids)} times")


def _check_command(
    sent: Sent,
    on_log: set[str],
    answers: dict[str, dict[str, tuple[str, ...]]],
    figures: Figures,
) -> None:
    stored = answers[sent.service].get(sent.key)
    label = f"{sent.service} {sent.path} key {sent.key}"
    if on_log:
        figures.in_log += 1
    if sent.acknowledged:
        told = set(sent.event_ids)
        if stored is None or set(stored) != told:
            figures.fail(f"{label}: acknowledged with {sorted(told)}, stored {stored}")
        if told - on_log:
            figures.lost += 1
            figures.fail(f"{label}: acknowledged, events {sorted(told - on_log)} not on the log")
        if on_log - told:
            figures.duplicated_effects += 1
            figures.fail(f"{label}: extra events {sorted(on_log - told)} on the log")
        return
    expected = set(stored) if stored is not None else set()
    if on_log == expected:
        if on_log:
            figures.unacknowledged_done += 1
        else:
            figures.unacknowledged_not_done += 1
    else:
        figures.half_done += 1
        figures.fail(f"{label}: not acknowledged, log has {sorted(on_log)}, stored {expected}")
