"""The log secured like production (docs/adr/0019-kafka-sasl-tls-acls.md).

Finding: "the log has no authentication, no TLS, no ACLs: anyone who reaches the broker reads
restricted text and can inject events". Each attack below runs against the real broker of the
test stack (``deploy/local/stack``: SASL/SCRAM-SHA-512 over TLS, ACLs per principal). Every
refusal is paired with the same request succeeding for the principal the ACLs allow, so a broker
that refuses everything (or is down) cannot make a test pass.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import NewTopic
from aiokafka.errors import (
    ClusterAuthorizationFailedError,
    GroupAuthorizationFailedError,
    KafkaConnectionError,
    TopicAuthorizationFailedError,
)
from aiokafka.protocol.admin import CreateAclsRequest, DeleteAclsRequest

from noncoop_shared.kafka import ADMIN, AUDITOR, KafkaAccess, admin_client

pytestmark = pytest.mark.integration

SERVICES = ("referrals", "good_offices", "bureau", "reporting")
# Kafka's protocol codes (org.apache.kafka.common.acl / resource).
TOPIC, GROUP, CLUSTER = 2, 3, 4
LITERAL = 3
DESCRIBE_OPERATION, ALLOW = 8, 3
TOPIC_AUTHORIZATION_FAILED, CLUSTER_AUTHORIZATION_FAILED = 29, 31


def as_principal(kafka: KafkaAccess, principal: str) -> KafkaAccess:
    """The test broker reached as ``principal``, with its password from ``stack env``."""
    return KafkaAccess.from_environ(principal, bootstrap_servers=kafka.bootstrap_servers)


async def connects(kwargs: dict[str, Any]) -> bool:
    """Whether a client with these connection arguments gets through to the broker."""
    producer = AIOKafkaProducer(**kwargs, request_timeout_ms=5_000)
    try:
        await asyncio.wait_for(producer.start(), 20)
    except KafkaConnectionError:
        return False
    finally:
        await producer.stop()
    return True


async def send(kafka: KafkaAccess, topic: str, *, idempotent: bool = True) -> None:
    producer = AIOKafkaProducer(
        **kafka.client_kwargs(), enable_idempotence=idempotent, acks="all" if idempotent else 1
    )
    await producer.start()
    try:
        await asyncio.wait_for(producer.send_and_wait(topic, b'{"injected": true}', key=b"c"), 20)
    finally:
        await producer.stop()


async def read_one_in_group(kafka: KafkaAccess, topic: str, group: str) -> bytes | None:
    consumer = AIOKafkaConsumer(
        topic, **kafka.client_kwargs(), group_id=group, auto_offset_reset="earliest"
    )
    try:
        await consumer.start()
        record = await asyncio.wait_for(consumer.getone(), 20)
    finally:
        await consumer.stop()
    return record.value


@pytest.fixture
async def outside_topic(kafka_access: KafkaAccess) -> AsyncIterator[str]:
    """A topic outside the log's prefix (no service has an ACL on it), made and removed by
    admin."""
    name = f"other.test-{uuid.uuid4().hex}"
    admin = admin_client(kafka_access)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, 1, 1)])
        yield name
        await admin.delete_topics([name])
    finally:
        await admin.close()


async def test_the_broker_serves_sasl_ssl(kafka_access: KafkaAccess) -> None:
    """The stack the tests run on is the secured one (not a plaintext fallback)."""
    assert kafka_access.security_protocol == "SASL_SSL"
    assert kafka_access.ca_file
    assert await connects(kafka_access.client_kwargs())


async def test_a_client_without_credentials_is_refused(kafka_access: KafkaAccess) -> None:
    # Anyone who reaches the port, as the open broker let them: no user, no password.
    assert not await connects({"bootstrap_servers": kafka_access.bootstrap_servers})
    # TLS to the right CA, but no SASL user: the broker closes the connection.
    tls_only = replace(kafka_access, security_protocol="SSL").client_kwargs()
    assert "sasl_plain_username" not in tls_only
    assert not await connects(tls_only)
    assert await connects(kafka_access.client_kwargs())


async def test_a_plaintext_connection_to_the_sasl_ssl_port_fails(
    kafka_access: KafkaAccess,
) -> None:
    # What any process that reaches the port would try first: the old, open broker.
    assert not await connects({"bootstrap_servers": kafka_access.bootstrap_servers})
    plaintext_sasl = replace(kafka_access, security_protocol="SASL_PLAINTEXT").client_kwargs()
    assert not await connects(plaintext_sasl)


@pytest.mark.parametrize("principal", [*SERVICES, AUDITOR])
async def test_a_wrong_password_is_refused(kafka_access: KafkaAccess, principal: str) -> None:
    genuine = as_principal(kafka_access, principal)
    assert genuine.password
    wrong = replace(genuine, password=genuine.password[::-1] + "x")
    assert not await connects(wrong.client_kwargs())
    # A principal's password is its own: reporting's does not open referrals.
    other = as_principal(kafka_access, "referrals" if principal != "referrals" else "reporting")
    assert not await connects(replace(genuine, password=other.password).client_kwargs())
    assert await connects(genuine.client_kwargs())
    # The genuine salted password, now kept by this process (noncoop_shared.kafka), opens
    # nothing for a wrong one.
    assert not await connects(wrong.client_kwargs())


async def test_the_auditor_reads_the_log_but_cannot_write_it(
    kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    auditor = as_principal(kafka_access, AUDITOR)
    # As the relay sends (idempotent): no producer id for a principal that may write nothing.
    with pytest.raises(ClusterAuthorizationFailedError):
        await send(auditor, fresh_topic)
    # A plain producer gets as far as the topic, and no further.
    with pytest.raises(TopicAuthorizationFailedError):
        await send(auditor, fresh_topic, idempotent=False)
    await send(as_principal(kafka_access, "referrals"), fresh_topic)
    # auditor may read (no group: `audit verify` assigns partitions itself).
    reader = AIOKafkaConsumer(
        fresh_topic, **auditor.client_kwargs(), group_id=None, auto_offset_reset="earliest"
    )
    await reader.start()
    try:
        record = await asyncio.wait_for(reader.getone(), 20)
    finally:
        await reader.stop()
    assert record.value == b'{"injected": true}'


async def test_reporting_cannot_write_a_topic_it_has_no_acl_for(
    kafka_access: KafkaAccess, fresh_topic: str, outside_topic: str
) -> None:
    reporting = as_principal(kafka_access, "reporting")
    with pytest.raises(TopicAuthorizationFailedError):
        await send(reporting, outside_topic)
    with pytest.raises(TopicAuthorizationFailedError):
        await send(reporting, outside_topic, idempotent=False)
    # It writes the log itself (its relay publishes bureau_report_submitted); which events it
    # may sign is checked by the consumers (ADR 0019, ADR 0020), not by the broker.
    await send(reporting, fresh_topic)
    await send(kafka_access, outside_topic)


async def test_reporting_cannot_read_another_services_consumer_group(
    kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    await send(kafka_access, fresh_topic)
    reporting = as_principal(kafka_access, "reporting")
    # Joining referrals' group would move referrals' offsets (skip events for its projection)
    # or read its position: refused.
    with pytest.raises(GroupAuthorizationFailedError):
        await read_one_in_group(reporting, fresh_topic, f"referrals-case-register@{fresh_topic}")
    with pytest.raises(GroupAuthorizationFailedError):
        await read_one_in_group(reporting, fresh_topic, f"bureau-register@{fresh_topic}")
    # Its own groups are its own.
    own = f"reporting-audit-trail@{fresh_topic}"
    assert await read_one_in_group(reporting, fresh_topic, own) == b'{"injected": true}'


@pytest.mark.parametrize("principal", [*SERVICES, AUDITOR])
async def test_only_admin_creates_or_deletes_topics(
    kafka_access: KafkaAccess, fresh_topic: str, principal: str
) -> None:
    attacker = admin_client(as_principal(kafka_access, principal))
    await attacker.start()
    try:
        name = f"{fresh_topic}-made-by-{principal}"
        created = await attacker.create_topics([NewTopic(name, 1, 1)])
        deleted = await attacker.delete_topics([fresh_topic])
    finally:
        await attacker.close()
    assert [(t, code) for t, code, *_ in created.topic_errors] == [
        (name, TOPIC_AUTHORIZATION_FAILED)
    ]
    assert [(t, code) for t, code, *_ in deleted.topic_error_codes] == [
        (fresh_topic, TOPIC_AUTHORIZATION_FAILED)
    ]
    admin = admin_client(kafka_access)
    await admin.start()
    try:
        assert fresh_topic in await admin.list_topics()
    finally:
        await admin.close()


def _grant_describe(topic: str, principal: str) -> tuple[int, str, int, str, str, int, int]:
    return (TOPIC, topic, LITERAL, f"User:{principal}", "*", DESCRIBE_OPERATION, ALLOW)


@pytest.mark.parametrize("principal", [*SERVICES, AUDITOR])
async def test_only_admin_alters_acls(
    kafka_access: KafkaAccess, fresh_topic: str, principal: str
) -> None:
    """A service may not grant itself (or anyone) more: CreateAcls needs ALTER on the cluster,
    which only admin, a super user, holds."""
    outside = f"other.test-{uuid.uuid4().hex}"
    attacker = admin_client(as_principal(kafka_access, principal))
    await attacker.start()
    try:
        refused = await attacker._send_to_controller(
            CreateAclsRequest(*_grant_describe(outside, principal))
        )
    finally:
        await attacker.close()
    assert [code for code, _ in refused.creation_responses] == [CLUSTER_AUTHORIZATION_FAILED]

    # The same request from admin is accepted (then taken back): the refusal is the ACLs'.
    admin = admin_client(kafka_access)
    await admin.start()
    try:
        accepted = await admin._send_to_controller(
            CreateAclsRequest(*_grant_describe(outside, principal))
        )
        await admin._send_to_controller(DeleteAclsRequest(*_grant_describe(outside, principal)))
    finally:
        await admin.close()
    assert [code for code, _ in accepted.creation_responses] == [0]


async def test_every_service_connects_as_its_own_principal(
    four_services: Any, kafka_access: KafkaAccess
) -> None:
    """In one process the four services still hold four identities: each one's settings name
    its own user, with its own password, and with them the services are running (ready)."""
    users = {}
    for name, app in four_services.apps.items():
        access = app.state.runtime.core.settings.kafka_access()
        assert access.security_protocol == "SASL_SSL"
        assert access.password == as_principal(kafka_access, name).password
        users[name] = access.username
    assert users == {name: name for name in SERVICES}
    assert ADMIN not in users.values()
