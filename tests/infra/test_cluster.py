"""deploy/local/cluster: three secured KRaft brokers that keep a write with one broker down, and
refuse to acknowledge one with two down (docs/adr/0031-local-three-broker-cluster.md).

The module starts its own cluster in a temporary run dir, on ports nothing else listens on, and
removes it afterwards, whatever happened: the shared stack and any other cluster are untouched.
Marked `slow`: `make cluster-smoke` runs it, `make test` deselects it (the cluster fault run
covers the single broker's death under load there). The last test (two brokers killed) waits
for a refusal.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError

from noncoop_shared.kafka import (
    ADMIN,
    AUDITOR,
    KafkaAccess,
    LogTopicError,
    TopicSpec,
    admin_client,
    ensure_topics,
    log_producer,
)

# The whole module is `make cluster-smoke`'s: in `make test`, the cluster fault run
# (tests/faults/test_faults_cluster_short.py) starts the same cluster, checks the services'
# settings against it, and kills brokers under load, so these would repeat it for a minute.
pytestmark = [pytest.mark.integration, pytest.mark.slow]

CLUSTER = Path(__file__).resolve().parents[2] / "deploy" / "local" / "cluster"
SPEC = TopicSpec(partitions=12, replication_factor=3, min_insync_replicas=2)
# Candidate first ports (node n: +100*(n-1), controllers +1): far from the stack's 19092/19093 and
# the cluster's default 29092...
BASE_PORTS = (39092, 39592, 40092, 40592, 41092)


def _port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _free_base_port() -> int:
    for base in BASE_PORTS:
        ports = [base + 100 * n + offset for n in range(3) for offset in (0, 1)]
        if not any(_port_open(port) for port in ports):
            return base
    raise RuntimeError(f"no free ports for a test cluster among {BASE_PORTS}")


@dataclass(frozen=True)
class Cluster:
    run_dir: Path
    environ: dict[str, str]
    exports: dict[str, str]

    def run(self, *args: str, timeout: float = 180) -> str:
        done = subprocess.run(
            [str(CLUSTER), *args],
            env=self.environ,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"cluster {' '.join(args)}: {done.returncode}\n{done.stderr}")
        return done.stdout

    async def arun(self, *args: str) -> str:
        return await asyncio.to_thread(self.run, *args)

    def access(self, principal: str) -> KafkaAccess:
        return KafkaAccess.from_environ(principal, environ=self.exports)


def _parse_exports(text: str) -> dict[str, str]:
    exports = {}
    for line in text.splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        exports[name] = shlex.split(value)[0] if value else ""
    return exports


def _kill_leftovers(run_dir: Path) -> None:
    """SIGKILL whatever broker of this run dir is still alive (when `clean` itself failed)."""
    for pidfile in run_dir.glob("node*/kafka.pid"):
        try:
            pid = int(pidfile.read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        if str(run_dir).encode() in cmdline:
            os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    run_dir = Path(tempfile.mkdtemp(prefix="noncoop-cluster-"))
    environ = os.environ | {
        "NONCOOP_CLUSTER_RUN_DIR": str(run_dir),
        "NONCOOP_CLUSTER_BASE_PORT": str(_free_base_port()),
    }
    started = Cluster(run_dir, environ, {})
    try:
        started.run("up")
        yield Cluster(run_dir, environ, _parse_exports(started.run("env")))
    finally:
        try:
            started.run("clean", timeout=120)
        finally:
            _kill_leftovers(run_dir)
            shutil.rmtree(run_dir, ignore_errors=True)


async def _isr(cluster: Cluster, topic: str) -> dict[int, list[int]]:
    admin = admin_client(cluster.access(ADMIN))
    await admin.start()
    try:
        (described,) = await admin.describe_topics([topic])
    finally:
        await admin.close()
    return {p["partition"]: sorted(p["isr"]) for p in described["partitions"]}


async def _leader(cluster: Cluster, topic: str, partition: int) -> int:
    admin = admin_client(cluster.access(ADMIN))
    await admin.start()
    try:
        (described,) = await admin.describe_topics([topic])
    finally:
        await admin.close()
    (found,) = [p for p in described["partitions"] if p["partition"] == partition]
    leader: int = found["leader"]
    return leader


async def _send(cluster: Cluster, topic: str, value: bytes, partition: int = 0) -> int:
    """One record with acks=all through the services' producer, as the referrals principal."""
    producer = log_producer(cluster.access("referrals"), client_id="test-cluster")
    await producer.start()
    try:
        sent = await producer.send_and_wait(topic, value, key=b"case-1", partition=partition)
    finally:
        await producer.stop()
    offset: int = sent.offset
    return offset


@pytest.fixture(scope="module")
async def topic(cluster: Cluster) -> str:
    """A fresh topic made by the services' own ensure_topics, as admin (the deployment's step)."""
    name = f"noncoop.events.test-cluster-{uuid.uuid4().hex[:8]}"
    await ensure_topics(cluster.access(ADMIN), [name, f"{name}.dlq"], SPEC, create=True)
    return name


def test_env_names_three_brokers_and_the_production_replication(cluster: Cluster) -> None:
    exports = cluster.exports
    assert len(exports["NONCOOP_KAFKA_BOOTSTRAP_SERVERS"].split(",")) == 3
    assert exports["NONCOOP_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    assert exports["NONCOOP_TOPIC_REPLICATION_FACTOR"] == "3"
    assert exports["NONCOOP_TOPIC_MIN_INSYNC_REPLICAS"] == "2"
    assert "node 3: running" in cluster.run("status")


async def test_a_service_finds_the_topics_as_its_settings_say(cluster: Cluster, topic: str) -> None:
    service = cluster.access("referrals")

    # The cluster's own topics and a topic made by ensure_topics pass a service's check
    # (which reads their configuration: DescribeConfigs, granted by the ACL table).
    await ensure_topics(service, ["noncoop.events.v1", "noncoop.events.v1.dlq"], SPEC)
    await ensure_topics(service, [topic, f"{topic}.dlq"], SPEC)
    with pytest.raises(LogTopicError, match="replica"):
        await ensure_topics(service, [topic], TopicSpec(partitions=12))
    assert set(map(len, (await _isr(cluster, topic)).values())) == {3}


async def test_a_record_produced_with_acks_all_is_read_back(cluster: Cluster, topic: str) -> None:
    offset = await _send(cluster, topic, b'{"n": 1}')

    consumer = AIOKafkaConsumer(
        **cluster.access(AUDITOR).client_kwargs(),
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        consumer.assign([TopicPartition(topic, 0)])
        async with asyncio.timeout(30):
            received = await consumer.getone()
    finally:
        await consumer.stop()
    assert (received.offset, received.key, received.value) == (offset, b"case-1", b'{"n": 1}')


async def test_one_broker_killed_a_write_succeeds_and_it_rejoins_the_isr(
    cluster: Cluster, topic: str
) -> None:
    await cluster.arun("kill", "1")
    assert "node 1: stopped" in await asyncio.to_thread(_status, cluster)

    # Two in-sync replicas are left: acks=all with min.insync.replicas=2 still acknowledges.
    async with asyncio.timeout(45):
        await _send(cluster, topic, b'{"n": 2}')

    await cluster.arun("start", "1")
    deadline = time.monotonic() + 60
    while (isr := await _isr(cluster, topic)) and any(1 not in r for r in isr.values()):
        assert time.monotonic() < deadline, f"node 1 not back in every ISR: {isr}"
        await asyncio.sleep(1)


def _status(cluster: Cluster) -> str:
    done = subprocess.run(
        [str(CLUSTER), "status"], env=cluster.environ, capture_output=True, text=True, check=False
    )
    return done.stdout


# Slow even here: a refusal is a timeout.
async def test_two_brokers_killed_a_write_is_not_acknowledged(cluster: Cluster, topic: str) -> None:
    """With two of three combined nodes gone the controllers have no quorum either, so the ISR
    cannot shrink below what it was: the leader takes the record but never acknowledges it
    (RequestTimedOut, retried), rather than the NotEnoughReplicas a quorum would let it answer."""
    leader = await _leader(cluster, topic, 0)
    others = [n for n in (1, 2, 3) if n != leader]
    # Started while the cluster is whole: its producer id comes from a live quorum.
    producer = log_producer(cluster.access("referrals"), client_id="test-cluster")
    await producer.start()
    try:
        for node in others:
            await cluster.arun("kill", str(node))
        with pytest.raises((TimeoutError, KafkaError)):
            async with asyncio.timeout(15):
                await producer.send_and_wait(topic, b'{"n": 3}', key=b"case-1", partition=0)
    finally:
        # The unacknowledged batch may keep stop() waiting; the cluster goes away anyway.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(10):
                await producer.stop()
        for node in others:
            await cluster.arun("start", str(node))
