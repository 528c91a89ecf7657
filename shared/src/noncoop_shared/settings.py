"""Settings every service shares, read from the environment.

Each service subclasses :class:`ServiceSettings` and gives it its own prefix::

    class ReferralsSettings(ServiceSettings):
        model_config = SettingsConfigDict(env_prefix="REFERRALS_")

Three kinds of variables:

- per service (``REFERRALS_PORT``, ``REFERRALS_DATABASE_URL``...): one Postgres and one port per
  service;
- shared by every service, read only from ``NONCOOP_JWT_SECRET``: every service must verify the
  tokens every other service accepts, so the secret has one name whatever the prefix;
- shared with a per-service override (:data:`SHARED_FALLBACK_FIELDS`): ``<PREFIX>X`` when set,
  else ``NONCOOP_X``. The log and the token issuer are common infrastructure: setting them once for
  the whole deployment is the normal case, overriding one service the exception.

The model is frozen: settings are read once at start-up and passed down, never mutated.
"""

from __future__ import annotations

import sys
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.serialization import load_pem_public_key
from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from noncoop_shared.consumer import MAX_LINGER_MS
from noncoop_shared.kafka import KafkaAccess, SaslMechanism, SecurityProtocol, TopicSpec
from noncoop_shared.privacy.keyring import DEVELOPMENT_MASTER_KEY, MasterKeys, parse_master_key
from noncoop_shared.signing import EventSigner, TrustStore, catalogue_services, parse_seed

#: The prefix of the variables common to every service.
SHARED_ENV_PREFIX = "NONCOOP_"

#: Fields read from ``<PREFIX>X`` first, then from ``NONCOOP_X``.
SHARED_FALLBACK_FIELDS: frozenset[str] = frozenset(
    {
        "kafka_bootstrap_servers",
        "kafka_security_protocol",
        "kafka_sasl_mechanism",
        "kafka_ca_file",
        "events_topic",
        "dead_letter_topic",
        "topic_partitions",
        "topic_replication_factor",
        "topic_min_insync_replicas",
        "kafka_create_topics",
        "kafka_start_timeout_seconds",
        "log_level",
        "jwt_algorithm",
        "jwt_public_key",
        "jwt_jwks_url",
        "jwt_audience",
        "jwt_issuer",
        "keyring_url",
        "late_entry_grace_hours",
        "event_signing_key",
        "event_signing_public_keys",
        "jwt_max_lifetime_seconds",
        "header_read_timeout_seconds",
        "consumer_fetch_max_wait_ms",
    }
)

DEFAULT_JWT_AUDIENCE = "noncoop"
DEFAULT_JWT_ISSUER = "noncoop-dev"

#: RFC 7518 §3.2: an HS256 key must be at least as long as the hash output (256 bits).
MIN_HS256_SECRET_BYTES = 32

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
JwtAlgorithm = Literal["HS256", "RS256"]
Environment = Literal["development", "production"]
"""``NONCOOP_ENV``: ``development`` (the default: ``make run``, tests) accepts the public
development keys; ``production`` (compose, Kubernetes, any staging) refuses to start without real
ones (ADR 0020)."""


class _SharedFallbackEnvSource(EnvSettingsSource):
    """``NONCOOP_*`` variables, limited to :data:`SHARED_FALLBACK_FIELDS`.

    Placed after the service's own environment source, so ``<PREFIX>X`` wins when both are set.
    """

    def __call__(self) -> dict[str, Any]:
        values = super().__call__()
        return {name: value for name, value in values.items() if name in SHARED_FALLBACK_FIELDS}


class ServiceSettings(BaseSettings):
    """What a noncoop service needs to start: its HTTP bind, its database, the log, the auth keys.

    Raises ``pydantic.ValidationError`` at start-up, naming the variable, when a value is missing
    or inconsistent (an HS256 secret shorter than 32 bytes, RS256 without a public key...).
    """

    model_config = SettingsConfigDict(
        env_prefix=SHARED_ENV_PREFIX,
        extra="ignore",
        frozen=True,
        # An empty variable means "not set", not "the empty string", so defaults still apply.
        env_ignore_empty=True,
        # A validation error would otherwise print the raw input, secret included, in the crash
        # log of a service that fails to start.
        hide_input_in_errors=True,
    )

    service_name: str = Field(min_length=1)
    # Only NONCOOP_ENV, whatever the service prefix: the whole deployment is one or the other.
    environment: Environment = Field(
        default="development", validation_alias=AliasChoices("NONCOOP_ENV", "environment")
    )
    host: str = "127.0.0.1"
    port: int = Field(ge=1, le=65535)
    public_base_url: str | None = Field(
        default=None,
        description="the address clients reach this service at, published as the OpenAPI "
        "server (https://referrals.noncoop.example); default: http://localhost:<port>, where "
        "`make run` serves it",
    )

    database_url: str = Field(description="postgresql://user:password@host:port/database")
    database_pool_size: int = Field(default=10, ge=1)

    kafka_bootstrap_servers: str = Field(description="host:port[,host:port...]")
    # How the service reaches the log, and as whom (ADR 0019): its own principal, named after
    # the service unless set, with its own password (<PREFIX>KAFKA_PASSWORD, never a shared
    # NONCOOP_ one: each service holds only its own credentials).
    kafka_security_protocol: SecurityProtocol = "PLAINTEXT"
    kafka_sasl_mechanism: SaslMechanism = "SCRAM-SHA-512"
    kafka_ca_file: str | None = Field(
        default=None, description="PEM of the CA that signed the broker's certificate"
    )
    kafka_username: str | None = Field(default=None, description="default: the service name")
    kafka_password: SecretStr | None = None
    events_topic: str = Field(default="noncoop.events.v1", min_length=1)
    dead_letter_topic: str = Field(default="noncoop.events.v1.dlq", min_length=1)
    topic_partitions: int = Field(default=12, ge=1)
    # The log's topics are checked at start against these (ADR 0030): 3 and 2 in production, 1
    # and 1 on the local single broker. Created only when asked (NONCOOP_KAFKA_CREATE_TOPICS):
    # otherwise a missing or different topic stops the start, naming what differs.
    topic_replication_factor: int = Field(default=1, ge=1)
    topic_min_insync_replicas: int = Field(default=1, ge=1)
    kafka_create_topics: bool = Field(
        default=False, description="create the log's topics when missing (development, tests)"
    )
    kafka_start_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        description="how long the start waits for the broker before going on degraded",
    )

    log_level: LogLevel = "INFO"
    max_body_bytes: int = Field(default=1_048_576, ge=1)

    # Only NONCOOP_JWT_SECRET, whatever the service prefix: see the module docstring. Pass it to
    # the constructor under that name too (``ServiceSettings(NONCOOP_JWT_SECRET=...)``).
    jwt_secret: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("NONCOOP_JWT_SECRET")
    )
    jwt_algorithm: JwtAlgorithm = "HS256"
    jwt_public_key: str | None = Field(default=None, description="PEM public key, for RS256")
    jwt_jwks_url: str | None = Field(default=None, description="JWKS endpoint, for RS256")
    jwt_audience: str = DEFAULT_JWT_AUDIENCE
    jwt_issuer: str = DEFAULT_JWT_ISSUER

    # The HTTP edge (ADR 0021): what a request may be before any route sees it.
    jwt_max_lifetime_seconds: int = Field(
        default=86_400, ge=60, description="longest exp - iat a token may claim"
    )
    max_json_depth: int = Field(default=32, ge=2)
    max_json_object_keys: int = Field(default=256, ge=1)
    max_json_array_items: int = Field(default=10_000, ge=1)
    max_json_values: int = Field(default=100_000, ge=1)
    header_read_timeout_seconds: float = Field(default=10.0, gt=0)

    # The log's consumers: after a poll that returned records, how long to wait for more before
    # applying them all in one transaction (noncoop_shared.consumer): a steady trickle costs
    # fewer transactions per record (docs/benchmarks.md, figure 4). 0: none.
    consumer_linger_ms: int = Field(
        default=10,
        description="ms a consumer waits after a poll that returned records for more, so that "
        f"one transaction applies them all (0 to {MAX_LINGER_MS}; 0: no wait)",
    )
    # How long the broker holds an idle consumer's fetch before answering with nothing (Kafka's
    # fetch.max.wait.ms). Records are answered at once whatever it is; it decides how often an
    # idle consumer asks, and how long a stop waits: the broker reads nothing else from the
    # connection while the fetch is held, the TLS close included, so each consumer's stop takes
    # up to this long. The tests set 100 ms (conftest.py): most of a test's teardown was these
    # waits.
    consumer_fetch_max_wait_ms: int = Field(
        default=500,
        ge=10,
        le=10_000,
        description="ms the broker holds an idle consumer's fetch (10 to 10000): shorter stops "
        "sooner, longer asks less often when idle",
    )

    # Deadlines (ADR 0015): a deadline fires at max(due time, time it was recorded + grace), so
    # a history entered late has this long to be completed before anything is declared overdue.
    late_entry_grace_hours: float = Field(
        default=24,
        ge=0,
        description="hours after a deadline is recorded before it may fire (late entries)",
    )

    # Personal data (ADR 0011). The keyring is one database every service reaches; unset, the
    # service's own database (a single service alone). The master keys, like the JWT secret, have
    # one name whatever the prefix: every service must unwrap the keys every other one wrapped.
    keyring_url: str | None = Field(
        default=None, description="postgresql:// DSN of the keyring (default: database_url)"
    )
    master_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("NONCOOP_MASTER_KEY")
    )
    retired_master_keys: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("NONCOOP_RETIRED_MASTER_KEYS"),
        description="comma-separated master keys still accepted to unwrap (during a rotation)",
    )

    # Event signing (ADR 0020): this service's key, and every service's public keys.
    event_signing_key: SecretStr | None = Field(
        default=None,
        description="this service's Ed25519 seed, base64 (development: derived from its name)",
    )
    event_signing_public_keys: str | None = Field(
        default=None,
        description="trust store: service:base64-public-key, comma-separated, several per "
        "service during a rotation (development: every service's development key)",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        shared = _SharedFallbackEnvSource(settings_cls, env_prefix=SHARED_ENV_PREFIX)
        return init_settings, env_settings, dotenv_settings, shared, file_secret_settings

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("database_url", "keyring_url")
    @classmethod
    def _postgres_dsn(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        scheme = urlsplit(value).scheme
        if scheme not in ("postgresql", "postgres"):
            raise ValueError(
                f"{info.field_name} must be a postgresql:// DSN (asyncpg), got scheme {scheme!r}"
            )
        return value

    @field_validator("public_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            raise ValueError(f"public_base_url must be an http(s):// URL, got {value!r}")
        return value.rstrip("/")

    def public_url(self) -> str:
        """The address clients reach this service at (the OpenAPI document's server)."""
        return self.public_base_url or f"http://localhost:{self.port}"

    @field_validator("consumer_linger_ms")
    @classmethod
    def _linger_within_bounds(cls, value: int) -> int:
        if not 0 <= value <= MAX_LINGER_MS:
            raise ValueError(
                f"consumer_linger_ms must be between 0 and {MAX_LINGER_MS} milliseconds "
                f"(0 turns the linger off), got {value}"
            )
        return value

    @field_validator("kafka_bootstrap_servers")
    @classmethod
    def _host_port_list(cls, value: str) -> str:
        servers = [server.strip() for server in value.split(",")]
        if not all(_is_host_port(server) for server in servers):
            raise ValueError(
                "kafka_bootstrap_servers must be a comma-separated list of host:port, "
                f"got {value!r}"
            )
        return ",".join(servers)

    @field_validator("master_key")
    @classmethod
    def _master_key_is_32_bytes(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            parse_master_key(value.get_secret_value())
        return value

    @field_validator("retired_master_keys")
    @classmethod
    def _retired_keys_are_32_bytes(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            for key in value.get_secret_value().split(","):
                parse_master_key(key)
        return value

    @model_validator(mode="after")
    def _min_insync_within_replicas(self) -> ServiceSettings:
        if self.topic_min_insync_replicas > self.topic_replication_factor:
            raise ValueError(
                f"topic_min_insync_replicas ({self.topic_min_insync_replicas}) is more than "
                f"topic_replication_factor ({self.topic_replication_factor}): with acks=all no "
                "write could ever succeed"
            )
        return self

    def topic_spec(self) -> TopicSpec:
        """What the log's topics must be (checked at start, ADR 0030)."""
        return TopicSpec(
            partitions=self.topic_partitions,
            replication_factor=self.topic_replication_factor,
            min_insync_replicas=self.topic_min_insync_replicas,
        )

    def kafka_access(self) -> KafkaAccess:
        """How every Kafka client of this service connects: as the service's own principal.

        A missing password is reported when the first client is made (at start-up, naming the
        variable), not here: tests and tools build settings without ever connecting."""
        return KafkaAccess(
            bootstrap_servers=self.kafka_bootstrap_servers,
            security_protocol=self.kafka_security_protocol,
            sasl_mechanism=self.kafka_sasl_mechanism,
            username=self.kafka_username or self.service_name,
            password=self.kafka_password.get_secret_value() if self.kafka_password else None,
            ca_file=self.kafka_ca_file,
        )

    @field_validator("event_signing_key")
    @classmethod
    def _signing_key_is_a_seed(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            parse_seed(value.get_secret_value())
        return value

    @field_validator("event_signing_public_keys")
    @classmethod
    def _trust_store_parses(cls, value: str | None) -> str | None:
        if value is not None:
            TrustStore.parse(value)
        return value

    def event_signer(self) -> EventSigner:
        """This service's signing key; its development key when unset."""
        if self.event_signing_key is None:
            return EventSigner.development(self.service_name)
        return EventSigner(self.service_name, parse_seed(self.event_signing_key.get_secret_value()))

    def trust_store(self) -> TrustStore:
        """Whose signatures this service believes; every service's development key when unset."""
        if self.event_signing_public_keys is None:
            return TrustStore.development({*catalogue_services(), self.service_name})
        return TrustStore.parse(self.event_signing_public_keys)

    def master_keys(self) -> MasterKeys:
        """The master keys to wrap and unwrap data keys; the development key when unset."""
        current = (
            parse_master_key(self.master_key.get_secret_value())
            if self.master_key
            else DEVELOPMENT_MASTER_KEY
        )
        retired = self.retired_master_keys.get_secret_value() if self.retired_master_keys else ""
        return MasterKeys(current, tuple(parse_master_key(k) for k in retired.split(",") if k))

    @model_validator(mode="after")
    def _jwt_keys_match_algorithm(self) -> ServiceSettings:
        if self.jwt_algorithm == "HS256":
            secret = self.jwt_secret.get_secret_value() if self.jwt_secret else ""
            if len(secret.encode()) < MIN_HS256_SECRET_BYTES:
                raise ValueError(
                    "HS256 needs NONCOOP_JWT_SECRET set to at least "
                    f"{MIN_HS256_SECRET_BYTES} bytes (e.g. `openssl rand -hex 32`)"
                )
        else:
            if bool(self.jwt_public_key) == bool(self.jwt_jwks_url):
                raise ValueError("RS256 needs exactly one of jwt_public_key (PEM) or jwt_jwks_url")
            if self.jwt_public_key:
                try:
                    load_pem_public_key(self.jwt_public_key.encode())
                except ValueError as exc:
                    raise ValueError(f"jwt_public_key is not a PEM public key: {exc}") from exc
        return self

    @model_validator(mode="after")
    def _real_secrets_outside_development(self) -> ServiceSettings:
        """Outside development, no key may be missing or one of the public development keys
        (docs/architecture.md §8): the service refuses to start, naming each variable."""
        if self.environment == "development":
            return self
        prefix = str(self.model_config.get("env_prefix", SHARED_ENV_PREFIX))
        problems = [
            f"{variable}: {why}" for variable, why in self._development_secrets(prefix).items()
        ]
        if problems:
            raise ValueError(
                f"NONCOOP_ENV={self.environment} refuses to start with missing or development "
                "keys (generate them with `python -m noncoop_shared.keys`, docs/operations.md): "
                + "; ".join(problems)
            )
        return self

    @model_validator(mode="after")
    def _own_key_is_trusted(self) -> ServiceSettings:
        # Otherwise every reader, this service included, would dead-letter all it writes.
        signer = self.event_signer()
        if self.trust_store().service_of(signer.key_id) != self.service_name:
            raise ValueError(
                f"the trust store (NONCOOP_EVENT_SIGNING_PUBLIC_KEYS) does not list this "
                f"service's signing key {signer.key_id} under {self.service_name!r}"
            )
        return self

    def _development_secrets(self, prefix: str) -> dict[str, str]:
        """Variable -> why its value will not do outside development. A service with secrets
        of its own (reporting's checkpoint key) adds them."""
        found: dict[str, str] = {}
        if self.jwt_algorithm == "HS256":
            found["NONCOOP_JWT_ALGORITHM"] = (
                "HS256 is for development (any holder of the shared secret mints any role's "
                "token); set RS256 with NONCOOP_JWT_PUBLIC_KEY or NONCOOP_JWT_JWKS_URL"
            )
        if self.master_key is None:
            found["NONCOOP_MASTER_KEY"] = "unset (data keys would be wrapped with the public key)"
        elif self.master_keys().is_development:
            found["NONCOOP_MASTER_KEY"] = "is the public development master key"
        if self.keyring_url is None:
            found["NONCOOP_KEYRING_URL"] = (
                "unset (one keyring shared by every service, or an erasure misses the others)"
            )
        signer_variable = f"{prefix}EVENT_SIGNING_KEY (or NONCOOP_EVENT_SIGNING_KEY)"
        if self.event_signing_key is None:
            found[signer_variable] = "unset (events would be signed with the development key)"
        elif self.event_signer().is_development:
            found[signer_variable] = f"is the development key of {self.service_name}"
        if self.event_signing_public_keys is None:
            found["NONCOOP_EVENT_SIGNING_PUBLIC_KEYS"] = "unset (the development keys are public)"
        else:
            development = TrustStore.development().key_ids()
            trusted = [k for k in self.trust_store().key_ids() if k in development]
            if trusted:
                found["NONCOOP_EVENT_SIGNING_PUBLIC_KEYS"] = (
                    f"trusts development keys {', '.join(sorted(trusted))}"
                )
        return found


def _is_host_port(server: str) -> bool:
    host, _, port = server.rpartition(":")
    return bool(host) and port.isdigit()


# Any settings class: the console reads its own (it is no ServiceSettings: no database, no log).
S = TypeVar("S", bound=BaseSettings)


def settings_or_exit(settings_class: type[S]) -> S:
    """The service's settings; on a bad or missing value, one line per problem on stderr,
    naming the variable, and exit status 2 (no traceback: it is an operator's error)."""
    try:
        return settings_class()
    except ValidationError as error:
        for problem in error.errors():
            where = ".".join(str(part) for part in problem["loc"])
            print(
                f"{settings_class.__name__}: cannot start: {where + ': ' if where else ''}"
                f"{problem['msg']}",
                file=sys.stderr,
            )
        raise SystemExit(2) from None
