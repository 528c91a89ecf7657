"""Kafka clients as the log needs them (docs/architecture.md §3): one place for how every client
reaches the broker, and as whom, and for producer settings.

The log is secured like production (docs/adr/0019-kafka-sasl-tls-acls.md): SASL/SCRAM over TLS,
one principal per service, ACLs per principal. Every aiokafka producer, consumer and admin client
of the services, the tools and the tests takes its connection arguments from
:meth:`KafkaAccess.client_kwargs`, so none can connect another way by forgetting a setting.
"""

from __future__ import annotations

import contextlib
import os
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

SecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
SaslMechanism = Literal["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"]
TOPIC_MAX_MESSAGE_BYTES = 1_048_588
"""``max.message.bytes`` of the log topics (Kafka's default ``message.max.bytes``, set on the topic
so that no broker setting can make it smaller than what the producer sends)."""
PRODUCER_MAX_REQUEST_BYTES = 1_000_000
"""The producer's ``max_request_size``: a record larger than this is refused before it is sent;
below the topic's limit with room for the batch's framing."""
MAX_EVENT_BYTES = 512 * 1024
"""The largest envelope a store appends (ADR 0022): well below what the producer and the broker
take, so an event that was recorded can always be published."""


#: The principals of the log besides the services: ``admin`` creates topics and sets ACLs (the
#: tests create their topics as admin), ``auditor`` only reads (``audit verify``, rebuilds).
ADMIN = "admin"
AUDITOR = "auditor"

#: The variables that say how to reach the broker (``deploy/local/stack env`` prints them).
SECURITY_PROTOCOL_ENV = "NONCOOP_KAFKA_SECURITY_PROTOCOL"
SASL_MECHANISM_ENV = "NONCOOP_KAFKA_SASL_MECHANISM"
CA_FILE_ENV = "NONCOOP_KAFKA_CA_FILE"
BOOTSTRAP_SERVERS_ENV = "NONCOOP_KAFKA_BOOTSTRAP_SERVERS"


def password_variable(principal: str) -> str:
    """The environment variable that holds ``principal``'s password.

    A service's is its own settings' ``<SERVICE>_KAFKA_PASSWORD``, so that four services in one
    process (the system tests) each connect as itself; admin's and auditor's are
    ``NONCOOP_KAFKA_ADMIN_PASSWORD`` and ``NONCOOP_KAFKA_AUDITOR_PASSWORD``.
    """
    upper = principal.upper()
    if principal in (ADMIN, AUDITOR):
        return f"NONCOOP_KAFKA_{upper}_PASSWORD"
    return f"{upper}_KAFKA_PASSWORD"


@dataclass(frozen=True)
class KafkaAccess:
    """How to reach the log, and as whom.

    ``PLAINTEXT`` (no user) is for a development broker only; the local stack, compose and the
    manifests run ``SASL_SSL``. ``ca_file`` is the PEM of the CA that signed the broker's
    certificate (the system's CAs when unset); the host name is always verified.
    """

    bootstrap_servers: str
    security_protocol: SecurityProtocol = "PLAINTEXT"
    sasl_mechanism: SaslMechanism = "SCRAM-SHA-512"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    ca_file: str | None = None

    @property
    def uses_tls(self) -> bool:
        return self.security_protocol in ("SSL", "SASL_SSL")

    @property
    def uses_sasl(self) -> bool:
        return self.security_protocol.startswith("SASL_")

    def client_kwargs(self) -> dict[str, Any]:
        """The connection arguments of ``AIOKafkaProducer``/``AIOKafkaConsumer``/
        ``AIOKafkaAdminClient``.

        Raises ``ValueError`` when SASL is asked for without a user and password: a client that
        would only be refused by the broker later, with a vaguer error.
        """
        kwargs: dict[str, Any] = {
            "bootstrap_servers": self.bootstrap_servers,
            "security_protocol": self.security_protocol,
        }
        if self.uses_tls:
            kwargs["ssl_context"] = tls_context(self.ca_file)
        if self.uses_sasl:
            if not self.username or not self.password:
                raise ValueError(
                    f"Kafka {self.security_protocol} needs a user and a password"
                    f" (user {self.username!r}; its password is"
                    f" {password_variable(self.username or '<principal>')})"
                )
            kwargs |= {
                "sasl_mechanism": self.sasl_mechanism,
                "sasl_plain_username": self.username,
                "sasl_plain_password": self.password,
            }
        return kwargs

    def as_principal(self, username: str, password: str | None) -> KafkaAccess:
        """The same broker, reached as another principal."""
        return replace(self, username=username, password=password)

    @classmethod
    def from_environ(
        cls,
        principal: str,
        *,
        bootstrap_servers: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> KafkaAccess:
        """The broker of ``NONCOOP_KAFKA_*`` (as ``deploy/local/stack env`` prints them), as
        ``principal`` with the password of :func:`password_variable`. For tools and tests; a
        service reads its own settings (``ServiceSettings.kafka_access``)."""
        env = os.environ if environ is None else environ
        servers = bootstrap_servers or env.get(BOOTSTRAP_SERVERS_ENV)
        if not servers:
            raise ValueError(f"no Kafka brokers: set {BOOTSTRAP_SERVERS_ENV}")
        protocol = env.get(SECURITY_PROTOCOL_ENV) or "PLAINTEXT"
        if protocol not in ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"):
            raise ValueError(
                f"{SECURITY_PROTOCOL_ENV} is not a Kafka security protocol: {protocol}"
            )
        mechanism = env.get(SASL_MECHANISM_ENV) or "SCRAM-SHA-512"
        if mechanism not in ("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"):
            raise ValueError(f"{SASL_MECHANISM_ENV} is not a supported mechanism: {mechanism}")
        return cls(
            bootstrap_servers=servers,
            security_protocol=protocol,  # type: ignore[arg-type]  # checked above
            sasl_mechanism=mechanism,  # type: ignore[arg-type]  # checked above
            username=principal,
            password=env.get(password_variable(principal)),
            ca_file=env.get(CA_FILE_ENV) or None,
        )


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """Verifies the broker's certificate and host name against ``ca_file`` (a PEM), or the
    system's CAs; TLS 1.2 at least."""
    context = ssl.create_default_context(cafile=ca_file)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def log_producer(kafka: KafkaAccess, *, client_id: str) -> AIOKafkaProducer:
    """Idempotent, ``acks=all``: a retried send is written once and in order per partition."""
    return AIOKafkaProducer(
        **kafka.client_kwargs(),
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
        request_timeout_ms=30_000,
        max_request_size=PRODUCER_MAX_REQUEST_BYTES,
    )


def admin_client(kafka: KafkaAccess) -> AIOKafkaAdminClient:
    return AIOKafkaAdminClient(**kafka.client_kwargs())


_TOPIC_CONFIGS = {"retention.ms": "-1", "max.message.bytes": str(TOPIC_MAX_MESSAGE_BYTES)}


async def ensure_topics(
    kafka: KafkaAccess, topics: list[str], *, partitions: int, replication: int = 1
) -> None:
    """Create the log topics if missing: retention forever, the log is the record.

    On a secured broker only admin may create topics (ADR 0019): a service finds them made by
    the deployment, and a missing one fails its start with the broker's authorization error.
    """
    admin = admin_client(kafka)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(name, partitions, replication, topic_configs=_TOPIC_CONFIGS)
            for name in topics
            if name not in existing
        ]
        if missing:
            # Another replica may create it between our list and our create: that is fine.
            with contextlib.suppress(TopicAlreadyExistsError):
                response = await admin.create_topics(missing)
                refused = [
                    (topic, code)
                    for topic, code, *_ in response.topic_errors
                    if code not in (0, TopicAlreadyExistsError.errno)
                ]
                if refused:
                    raise RuntimeError(
                        f"the log's topics are missing and cannot be created as"
                        f" {kafka.username or 'this client'}: {refused} (error codes)"
                    )
    finally:
        await admin.close()
