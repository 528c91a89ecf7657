"""Settings of the reporting service: env prefix ``REPORTING_`` (shared ones: ``NONCOOP_``)."""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import SettingsConfigDict

from noncoop_shared.audit import load_private_key
from noncoop_shared.audit.signed_note import is_valid_key_name
from noncoop_shared.settings import ServiceSettings
from reporting.feed.reader import MAX_WAITS, MAX_WAITS_PER_CALLER
from reporting.webhooks.urls import Reach

#: Signs checkpoints when REPORTING_SIGNING_KEY_PEM is unset (development only, ADR 0020):
#: derived from a public phrase, so every replica and every restart signs with the same key and
#: a checkpoint verifies later, but it proves nothing; refused outside development.
DEVELOPMENT_CHECKPOINT_SEED = hashlib.sha256(
    b"noncoop development checkpoint signing key, not a secret"
).digest()


class ReportingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REPORTING_")

    service_name: str = "reporting"
    port: int = 8104
    outbox_lanes: int = Field(default=4, ge=1, le=64)
    signing_key_pem: SecretStr | None = Field(
        default=None,
        description="Ed25519 private key (PEM) that signs audit checkpoints, the same for every "
        "replica and kept across restarts; required outside development (there, when unset, "
        "the public development key signs)",
    )
    tlog_origin: str = Field(
        default="noncoop.local/audit-log",
        description="the origin of the audit log's C2SP checkpoints, also the name of the key "
        "that signs them: a schema-less URL naming this log; must be unique per deployment",
    )

    @field_validator("tlog_origin")
    @classmethod
    def _origin_is_a_key_name(cls, value: str) -> str:
        if not is_valid_key_name(value):
            raise ValueError("the origin must be non-empty, without spaces, '+' or controls")
        return value

    feed_max_waits_per_caller: int = Field(
        default=MAX_WAITS_PER_CALLER,
        ge=1,
        le=1000,
        description="long-polls of the feed (wait > 0) one caller may hold open at once, per "
        "replica; one more is a 429",
    )
    feed_max_waits: int = Field(
        default=MAX_WAITS,
        ge=1,
        le=100_000,
        description="long-polls of the feed all callers together may hold open at once, per "
        "replica",
    )
    webhook_workers: int = Field(
        default=2,
        ge=0,
        le=32,
        description="delivery loops per replica (0: this replica sends none)",
    )
    webhook_max_attempts: int = Field(
        default=8, ge=1, le=100, description="attempts of one event before it is dead-lettered"
    )
    webhook_backoff_base_seconds: float = Field(
        default=2.0, gt=0, description="the first retry waits up to this (full jitter)"
    )
    webhook_backoff_cap_seconds: float = Field(
        default=600.0, gt=0, description="no retry waits longer than this"
    )
    webhook_timeout_seconds: float = Field(
        default=5.0, gt=0, le=60, description="the whole of one POST: connect, send, answer"
    )
    webhook_idle_seconds: float = Field(
        default=1.0, gt=0, description="how often a subscription with nothing to send looks again"
    )
    webhook_trusted_hosts: str = Field(
        default="",
        description="comma-separated hosts a subscription may reach over plain http and on "
        "loopback (development and tests); every other URL is https to a public address",
    )
    webhook_max_subscriptions_per_owner: int = Field(
        default=20,
        ge=1,
        le=10_000,
        description="subscriptions one caller (subject and role) may have at once; one more is "
        "a 409",
    )
    webhook_subscription_days: int = Field(
        default=90,
        ge=1,
        le=366,
        description="how long a subscription lasts from its making or last renewal; an expired "
        "one is not delivered until its owner renews it",
    )
    webhook_allowed_networks: str = Field(
        default="",
        description="comma-separated private networks (CIDR, e.g. 10.20.0.0/16) a subscription "
        "may also reach: where the Court's receivers sit; loopback, link-local and multicast "
        "stay refused",
    )

    @field_validator("webhook_allowed_networks")
    @classmethod
    def _networks_parse(cls, value: str) -> str:
        Reach.parse("", value)  # raises, naming the network that is not one
        return value

    def webhook_reach(self) -> Reach:
        return Reach.parse(self.webhook_trusted_hosts, self.webhook_allowed_networks)

    @field_validator("signing_key_pem")
    @classmethod
    def _checkpoint_key_is_ed25519(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            load_private_key(value.get_secret_value())
        return value

    def checkpoint_signing_key(self) -> Ed25519PrivateKey:
        if self.signing_key_pem is None:
            return Ed25519PrivateKey.from_private_bytes(DEVELOPMENT_CHECKPOINT_SEED)
        return load_private_key(self.signing_key_pem.get_secret_value())

    def _development_secrets(self, prefix: str) -> dict[str, str]:
        found = super()._development_secrets(prefix)
        development = Ed25519PrivateKey.from_private_bytes(DEVELOPMENT_CHECKPOINT_SEED)
        if self.signing_key_pem is None:
            found["REPORTING_SIGNING_KEY_PEM"] = (
                "unset (checkpoints would be signed with the public development key)"
            )
        elif self.checkpoint_signing_key().public_key() == development.public_key():
            found["REPORTING_SIGNING_KEY_PEM"] = "is the development checkpoint key"
        return found
