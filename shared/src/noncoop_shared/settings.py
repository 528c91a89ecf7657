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

from typing import Any, Literal
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.serialization import load_pem_public_key
from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
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

from noncoop_shared.privacy.keyring import DEVELOPMENT_MASTER_KEY, MasterKeys, parse_master_key

#: The prefix of the variables common to every service.
SHARED_ENV_PREFIX = "NONCOOP_"

#: Fields read from ``<PREFIX>X`` first, then from ``NONCOOP_X``.
SHARED_FALLBACK_FIELDS: frozenset[str] = frozenset(
    {
        "kafka_bootstrap_servers",
        "events_topic",
        "dead_letter_topic",
        "topic_partitions",
        "log_level",
        "jwt_algorithm",
        "jwt_public_key",
        "jwt_jwks_url",
        "jwt_audience",
        "jwt_issuer",
        "keyring_url",
        "late_entry_grace_hours",
        "jwt_max_lifetime_seconds",
        "header_read_timeout_seconds",
    }
)

DEFAULT_JWT_AUDIENCE = "noncoop"
DEFAULT_JWT_ISSUER = "noncoop-dev"

#: RFC 7518 §3.2: an HS256 key must be at least as long as the hash output (256 bits).
MIN_HS256_SECRET_BYTES = 32

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
Environment = Literal["development", "production"]
JwtAlgorithm = Literal["HS256", "RS256"]


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
    # Only NONCOOP_ENV, whatever the prefix: the whole deployment is one or the other.
    environment: Environment = Field(
        default="development", validation_alias=AliasChoices("NONCOOP_ENV", "environment")
    )
    host: str = "127.0.0.1"
    port: int = Field(ge=1, le=65535)

    database_url: str = Field(description="postgresql://user:password@host:port/database")
    database_pool_size: int = Field(default=10, ge=1)

    kafka_bootstrap_servers: str = Field(description="host:port[,host:port...]")
    events_topic: str = Field(default="noncoop.events.v1", min_length=1)
    dead_letter_topic: str = Field(default="noncoop.events.v1.dlq", min_length=1)
    topic_partitions: int = Field(default=12, ge=1)

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


def _is_host_port(server: str) -> bool:
    host, _, port = server.rpartition(":")
    return bool(host) and port.isdigit()
