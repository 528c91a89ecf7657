"""The raw-read ceiling of figure 3: the fastest this machine reads and decodes the whole topic.

The ceiling is the fastest read the project can do of the same topic, so it is measured with
two clients and the faster one counts:

- *aiokafka* (what the services use): ``getmany`` over all partitions at once;
- *confluent-kafka* (librdkafka, C): ``Consumer.consume`` in batches of ``BATCH`` records,
  blocking, run in a thread.

Both read every partition from offset 0 to the end offset it had when the read started,
``read_committed`` as the rebuild reads, as the same principal, with no database, and both decode
every record the same way, with the fastest decode the project has: msgspec into
:class:`~noncoop_shared.bulk_read.EnvelopeView`, the rebuild's own decode (the types, bounds and
attribute names ``Envelope`` checks).
So the two rates differ by the client only. What pydantic's ``Envelope.from_bytes`` would cost
instead is measured apart (:func:`decode_only`) on a sample of the same records.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import confluent_kafka
import msgspec
from aiokafka import AIOKafkaConsumer, TopicPartition

from noncoop_shared.bulk_read import EnvelopeView
from noncoop_shared.envelope import Envelope
from noncoop_shared.kafka import KafkaAccess

BATCH = 10_000
"""Records per ``getmany`` / ``consume`` call."""
SAMPLE = 20_000
"""Records kept (the first read) for the decode-only comparison."""

decode: Callable[[bytes], EnvelopeView] = msgspec.json.Decoder(EnvelopeView).decode
"""The decode both readers use, the rebuild's own (``noncoop_shared.bulk_read``; msgspec's
decoders are safe to share between threads)."""


@dataclass
class RawRead:
    """One client's read of the whole topic."""

    client: str
    records: int
    seconds: float
    sample: list[bytes] = field(default_factory=list, repr=False)

    @property
    def events_per_s(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0


def librdkafka_config(kafka: KafkaAccess, *, group_id: str) -> dict[str, Any]:
    """``KafkaAccess.client_kwargs`` in librdkafka's terms, for a reader that commits nothing.

    librdkafka wants a ``group.id`` even for a consumer that only ``assign``s: ``group_id`` is a
    throwaway that never joins nor commits. Without a CA file librdkafka looks for the system's
    CAs (``probe``), as ``tls_context`` does; it verifies the host name by default.
    """
    if kafka.uses_sasl and not (kafka.username and kafka.password):
        raise ValueError(f"Kafka {kafka.security_protocol} needs a user and a password")
    config: dict[str, Any] = {
        "bootstrap.servers": kafka.bootstrap_servers,
        "security.protocol": kafka.security_protocol,
        "group.id": group_id,
        "enable.auto.commit": False,
        "enable.auto.offset.store": False,
        "enable.partition.eof": True,
        "isolation.level": "read_committed",
        "auto.offset.reset": "earliest",
        "fetch.max.bytes": 64 << 20,
        "max.partition.fetch.bytes": 8 << 20,
    }
    if kafka.uses_tls:
        config["ssl.ca.location"] = kafka.ca_file or "probe"
    if kafka.uses_sasl:
        config |= {
            "sasl.mechanism": kafka.sasl_mechanism,
            "sasl.username": kafka.username,
            "sasl.password": kafka.password,
        }
    return config


async def aiokafka_read(
    kafka: KafkaAccess, topic: str, partitions: int, *, sample: int = 0
) -> RawRead:
    """Every record of ``topic`` up to its end offsets, by aiokafka, each decoded."""
    reader = AIOKafkaConsumer(
        **kafka.client_kwargs(),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        max_partition_fetch_bytes=8 << 20,
        fetch_max_bytes=64 << 20,
    )
    await reader.start()
    try:
        assigned = [TopicPartition(topic, p) for p in range(partitions)]
        ends = await reader.end_offsets(assigned)
        reader.assign(assigned)
        await reader.seek_to_beginning(*assigned)
        remaining = {tp for tp, end in ends.items() if end > 0}
        kept: list[bytes] = []
        records = 0
        started = time.perf_counter()
        while remaining:
            batches = await reader.getmany(*remaining, timeout_ms=500, max_records=BATCH)
            for tp, batch in batches.items():
                for record in batch:
                    if record.offset < ends[tp] and record.value is not None:
                        decode(record.value)
                        records += 1
                        if len(kept) < sample:
                            kept.append(record.value)
                if batch and batch[-1].offset + 1 >= ends[tp]:
                    remaining.discard(tp)
        return RawRead("aiokafka", records, time.perf_counter() - started, kept)
    finally:
        await reader.stop()


def confluent_read(kafka: KafkaAccess, topic: str, partitions: int, *, sample: int = 0) -> RawRead:
    """Every record of ``topic`` up to its end offsets, by librdkafka, each decoded. Blocking."""
    group_id = f"bench-raw-{uuid.uuid4().hex[:12]}"
    reader = confluent_kafka.Consumer(librdkafka_config(kafka, group_id=group_id))
    try:
        ends = {}
        for p in range(partitions):
            _low, high = reader.get_watermark_offsets(
                confluent_kafka.TopicPartition(topic, p), timeout=30
            )
            ends[p] = high
        remaining = {p for p, end in ends.items() if end > 0}
        reader.assign([confluent_kafka.TopicPartition(topic, p, 0) for p in sorted(remaining)])
        kept: list[bytes] = []
        records = 0
        started = time.perf_counter()
        while remaining:
            for message in reader.consume(num_messages=BATCH, timeout=0.5):
                error = message.error()
                if error is not None and error.code() != confluent_kafka.KafkaError._PARTITION_EOF:
                    raise confluent_kafka.KafkaException(error)
                partition, offset, value = message.partition(), message.offset(), message.value()
                if partition is None or offset is None:
                    continue  # not a record of a partition (no error either): nothing to count
                if error is not None:  # the end of the partition
                    remaining.discard(partition)
                    continue
                if value is not None and offset < ends[partition]:
                    decode(value)
                    records += 1
                    if len(kept) < sample:
                        kept.append(value)
                    if offset + 1 >= ends[partition]:
                        remaining.discard(partition)
        return RawRead("confluent-kafka", records, time.perf_counter() - started, kept)
    finally:
        reader.close()


def decode_only(values: list[bytes]) -> dict[str, float]:
    """Microseconds per record to decode ``values`` into pydantic's ``Envelope`` and msgspec's
    ``EnvelopeView``, no client; each timed over the whole sample, after one warm-up pass."""
    decoders: dict[str, Callable[[bytes], object]] = {
        "pydantic": Envelope.from_bytes,
        "msgspec": decode,
    }
    timings = {}
    for name, decoder in decoders.items():
        for value in values[:100]:
            decoder(value)
        started = time.perf_counter()
        for value in values:
            decoder(value)
        elapsed = time.perf_counter() - started
        timings[name] = round(1e6 * elapsed / len(values), 2) if values else 0.0
    return timings
