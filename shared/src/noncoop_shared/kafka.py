"""Kafka clients as the log needs them (docs/architecture.md §3): one place for how every client
reaches the broker, and as whom, and for producer settings.

The log is secured like production (docs/adr/0019-kafka-sasl-tls-acls.md): SASL/SCRAM over TLS,
one principal per service, ACLs per principal. Every aiokafka producer, consumer and admin client
of the services, the tools and the tests takes its connection arguments from
:meth:`KafkaAccess.client_kwargs`, so none can connect another way by forgetting a setting.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import structlog
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.conn import ScramAuthenticator
from aiokafka.errors import TopicAlreadyExistsError

_log = structlog.get_logger("noncoop.kafka")

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


# --- SCRAM: the salted password derived once per process ------------------------------------------
#
# aiokafka derives SCRAM's SaltedPassword (PBKDF2: 4,096 rounds of SHA-512, Kafka's least, about
# 11 ms of CPU) at every connection it opens, and a service opens one per broker for its
# producer, each consumer and each admin call; the tests and the rebuild's workers open hundreds.
# RFC 5802 §5.1 lets a client keep it for later authentications with the same salt and
# iteration count: the broker keeps one salt per credential, so once per process and password is
# enough. A changed password or salt (a rotated credential) misses the cache and is derived
# again; nothing is kept on disk. Keyed by a digest of the password, not the password itself.

_SALTED_PASSWORDS: dict[tuple[str, bytes, bytes, int], bytes] = {}
_SALTED_PASSWORDS_KEPT = 64
"""At most this many (a process connects as one to three principals; a bound all the same)."""


def salted_password(hash_name: str, password: bytes, salt: bytes, iterations: int) -> bytes:
    """SCRAM's ``Hi(Normalize(password), salt, i)`` (RFC 5802 §2.2), derived once per process for
    each (hash, password, salt, iterations)."""
    key = (hash_name, hashlib.sha256(password).digest(), salt, iterations)
    salted = _SALTED_PASSWORDS.get(key)
    if salted is None:
        salted = hashlib.pbkdf2_hmac(hash_name, password, salt, iterations)
        if len(_SALTED_PASSWORDS) >= _SALTED_PASSWORDS_KEPT:
            del _SALTED_PASSWORDS[next(iter(_SALTED_PASSWORDS))]
        _SALTED_PASSWORDS[key] = salted
    return salted


def _create_salted_password(self: Any, salt: bytes, iterations: int) -> None:
    """aiokafka's ``ScramAuthenticator.create_salted_password``, through :func:`salted_password`
    (same attributes read and set as aiokafka 0.14's own)."""
    self._salted_password = salted_password(
        self._hashname, self._sasl_plain_password, salt, iterations
    )


ScramAuthenticator.create_salted_password = _create_salted_password


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """Verifies the broker's certificate and host name against ``ca_file`` (a PEM), or the
    system's CAs; TLS 1.2 at least."""
    context = ssl.create_default_context(cafile=ca_file)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def log_producer(kafka: KafkaAccess, *, client_id: str) -> AIOKafkaProducer:
    """Idempotent, ``acks=all``: a retried send is written once and in order per partition.

    No linger: the relay batches by itself (a pass hands every row it read to the producer before
    anything is sent, and they leave together), so a linger only delayed each pass's records;
    5 ms of it were a third of a command's time to the topic at 50 commands/s (ADR 0040)."""
    return AIOKafkaProducer(
        **kafka.client_kwargs(),
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=0,
        request_timeout_ms=30_000,
        max_request_size=PRODUCER_MAX_REQUEST_BYTES,
    )


def admin_client(kafka: KafkaAccess) -> AIOKafkaAdminClient:
    return AIOKafkaAdminClient(**kafka.client_kwargs())


@dataclass(frozen=True)
class TopicSpec:
    """What every topic of the log must be (docs/adr/0030-log-topic-settings-and-degraded-kafka.md):
    the settings' partitions, replication factor and ``min.insync.replicas``; kept forever
    (``retention.ms=-1``, ``cleanup.policy=delete``: the log is the record, never compacted)."""

    partitions: int
    replication_factor: int = 1
    min_insync_replicas: int = 1

    def configs(self) -> dict[str, str]:
        """The topic-level configuration a topic is created with."""
        return {
            "retention.ms": "-1",
            "cleanup.policy": "delete",
            "min.insync.replicas": str(self.min_insync_replicas),
            "max.message.bytes": str(TOPIC_MAX_MESSAGE_BYTES),
        }


class LogTopicError(RuntimeError):
    """The log's topics are missing (and not to be created) or differ from the settings: the
    message names each topic and what differs. A service does not start on it."""


_UNKNOWN_TOPIC_OR_PARTITION = 3
_TOPIC_AUTHORIZATION_FAILED = 29


async def topic_problems(
    admin: AIOKafkaAdminClient, topics: list[str], spec: TopicSpec
) -> dict[str, list[str]]:
    """Topic -> what differs from ``spec`` (``["missing"]`` when it does not exist); a topic
    that conforms is left out. Configuration values are the effective ones (a broker default
    counts). A configuration the principal may not read is reported as such."""
    found: dict[str, list[str]] = {}
    described = {t["topic"]: t for t in await admin.describe_topics(topics)}
    present = []
    for name in topics:
        topic = described.get(name)
        if topic is None or topic["error_code"] != 0 or not topic["partitions"]:
            found[name] = ["missing"]
            continue
        present.append(name)
        problems = found.setdefault(name, [])
        partitions = topic["partitions"]
        if len(partitions) != spec.partitions:
            problems.append(f"partitions {len(partitions)}, expected {spec.partitions}")
        factors = sorted({len(p["replicas"]) for p in partitions})
        if factors != [spec.replication_factor]:
            shown = "/".join(str(f) for f in factors)
            problems.append(f"replication factor {shown}, expected {spec.replication_factor}")
    if present:
        wanted = ["retention.ms", "cleanup.policy", "min.insync.replicas", "max.message.bytes"]
        responses = await admin.describe_configs(
            [
                ConfigResource(ConfigResourceType.TOPIC, name, dict.fromkeys(wanted))
                for name in present
            ]
        )
        for response in responses:
            for resource in response.to_object()["resources"]:
                problems = found.setdefault(resource["resource_name"], [])
                if resource["error_code"] == _TOPIC_AUTHORIZATION_FAILED:
                    problems.append(UNREADABLE_CONFIGURATION)
                    continue
                if resource["error_code"] == _UNKNOWN_TOPIC_OR_PARTITION:
                    # The broker asked has not learnt of a topic just created (on a cluster the
                    # metadata reaches each broker a moment apart): missing, as far as it knows.
                    found[resource["resource_name"]] = ["missing"]
                    continue
                if resource["error_code"] != 0:
                    problems.append(
                        f"configuration unreadable: error {resource['error_code']}"
                        f" {resource['error_message'] or ''}".rstrip()
                    )
                    continue
                values = {e["config_names"]: e["config_value"] for e in resource["config_entries"]}
                problems.extend(_config_problems(values, spec))
    return {name: problems for name, problems in found.items() if problems}


def _config_problems(values: Mapping[str, str | None], spec: TopicSpec) -> list[str]:
    problems = []
    if values.get("retention.ms") != "-1":
        problems.append(f"retention.ms {values.get('retention.ms')}, expected -1 (forever)")
    if values.get("cleanup.policy") != "delete":
        problems.append(f"cleanup.policy {values.get('cleanup.policy')}, expected delete")
    if values.get("min.insync.replicas") != str(spec.min_insync_replicas):
        problems.append(
            f"min.insync.replicas {values.get('min.insync.replicas')},"
            f" expected {spec.min_insync_replicas}"
        )
    max_bytes = values.get("max.message.bytes")
    if max_bytes is None or not max_bytes.isdigit() or int(max_bytes) < PRODUCER_MAX_REQUEST_BYTES:
        problems.append(
            f"max.message.bytes {max_bytes}, expected at least {PRODUCER_MAX_REQUEST_BYTES}"
        )
    return problems


def describe_problems(problems: Mapping[str, list[str]]) -> str:
    return "; ".join(f"{topic}: {', '.join(what)}" for topic, what in problems.items())


UNREADABLE_CONFIGURATION = "configuration unreadable (the principal needs DescribeConfigs on it)"


def _settling(problems: list[str]) -> bool:
    """Whether a topic just created may simply not be known everywhere yet: missing, or a
    broker's error reading its configuration (not a refusal: that is
    :data:`UNREADABLE_CONFIGURATION`)."""
    return problems == ["missing"] or any(
        problem.startswith("configuration unreadable: error") for problem in problems
    )


async def ensure_topics(
    kafka: KafkaAccess,
    topics: list[str],
    spec: TopicSpec,
    *,
    create: bool = False,
    unreadable_configuration_is_an_error: bool = True,
) -> None:
    """Check the log's topics against ``spec``; create the missing ones only when ``create``.

    Raises :class:`LogTopicError`, naming each topic and what differs, when one is missing
    (and not to be created) or differs: an existing topic is never altered here, since
    partitions and replicas are the operator's decision (docs/operations.md). Raises Kafka's
    connection errors when the broker does not answer. Without
    ``unreadable_configuration_is_an_error`` (development), a configuration the principal may
    not read is only logged. On a secured broker only admin may
    create topics (ADR 0019): a service finds them made by the deployment.
    """
    admin = admin_client(kafka)
    await admin.start()
    try:
        problems = await topic_problems(admin, topics, spec)
        missing = [name for name, what in problems.items() if what == ["missing"]]
        if missing and create:
            # Another replica may create it between our check and our create: that is fine.
            with contextlib.suppress(TopicAlreadyExistsError):
                response = await admin.create_topics(
                    [
                        NewTopic(
                            name,
                            spec.partitions,
                            spec.replication_factor,
                            topic_configs=spec.configs(),
                        )
                        for name in missing
                    ]
                )
                refused = [
                    (topic, code)
                    for topic, code, *_ in response.topic_errors
                    if code not in (0, TopicAlreadyExistsError.errno)
                ]
                if refused:
                    raise LogTopicError(
                        f"the log's topics are missing and cannot be created as"
                        f" {kafka.username or 'this client'}: {refused} (error codes)"
                    )
            # A new topic shows in the metadata, and its configuration on every broker, a
            # moment after the create returns.
            async with asyncio.timeout(30):
                while any(_settling(what) for what in problems.values()):
                    await asyncio.sleep(0.2)
                    problems = await topic_problems(admin, topics, spec)
        if not unreadable_configuration_is_an_error:
            for name, what in list(problems.items()):
                if UNREADABLE_CONFIGURATION in what:
                    _log.warning("kafka.topic_configuration_unchecked", topic=name, why=what)
                    what.remove(UNREADABLE_CONFIGURATION)
                    if not what:
                        del problems[name]
        if problems:
            hint = (
                " (the deployment creates them as admin: deploy/local/stack, or a service"
                " with NONCOOP_KAFKA_CREATE_TOPICS=true on a broker that lets it)"
                if missing and not create
                else ""
            )
            raise LogTopicError(
                f"the log's topics differ from the settings: {describe_problems(problems)}{hint}"
            )
    finally:
        await admin.close()
