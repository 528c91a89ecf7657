"""Settings of the reporting service: env prefix ``REPORTING_`` (shared ones: ``NONCOOP_``)."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from noncoop_shared.settings import ServiceSettings


class ReportingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REPORTING_")

    service_name: str = "reporting"
    port: int = 8104
    outbox_lanes: int = Field(default=4, ge=1, le=64)
    signing_key_pem: SecretStr | None = Field(
        default=None,
        description="Ed25519 private key (PEM) that signs audit checkpoints; when unset, a key "
        "is generated at start (development only: its checkpoints verify with the public key "
        "served at /v1/checkpoints/public-key while it runs)",
    )
