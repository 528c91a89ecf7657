"""Settings of the console: env prefix ``CONSOLE_``; the token settings are the services' own
``NONCOOP_JWT_*`` (the console must accept exactly the tokens the services accept).

The console has no database and no Kafka: it is a client of the four services, so it does not
take :class:`noncoop_shared.settings.ServiceSettings` (which requires both).
"""

from __future__ import annotations

import base64
import binascii

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from noncoop_shared.auth.tokens import TokenVerifier
from noncoop_shared.settings import (
    DEFAULT_JWT_AUDIENCE,
    DEFAULT_JWT_ISSUER,
    Environment,
    JwtAlgorithm,
)

SESSION_KEY_BYTES = 32


def _shared(name: str) -> AliasChoices:
    """``CONSOLE_X`` first, then the deployment-wide ``NONCOOP_X``."""
    return AliasChoices(f"CONSOLE_{name}", f"NONCOOP_{name}")


class ConsoleSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CONSOLE_",
        extra="ignore",
        frozen=True,
        env_ignore_empty=True,
        hide_input_in_errors=True,
        # Tests and tools pass fields by name (``ConsoleSettings(jwt_secret=...)``).
        populate_by_name=True,
    )

    service_name: str = "console"
    environment: Environment = Field(
        default="development", validation_alias=AliasChoices("NONCOOP_ENV")
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8105, ge=1, le=65535)

    referrals_url: str = "http://127.0.0.1:8101"
    good_offices_url: str = "http://127.0.0.1:8102"
    bureau_url: str = "http://127.0.0.1:8103"
    reporting_url: str = "http://127.0.0.1:8104"
    service_timeout_seconds: float = Field(default=10.0, gt=0)

    # The services' token settings, under their names: a token the console accepts at sign-in
    # is one every service accepts, and the reverse.
    jwt_secret: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("NONCOOP_JWT_SECRET")
    )
    jwt_algorithm: JwtAlgorithm = Field(default="HS256", validation_alias=_shared("JWT_ALGORITHM"))
    jwt_public_key: str | None = Field(default=None, validation_alias=_shared("JWT_PUBLIC_KEY"))
    jwt_jwks_url: str | None = Field(default=None, validation_alias=_shared("JWT_JWKS_URL"))
    jwt_audience: str = Field(
        default=DEFAULT_JWT_AUDIENCE, validation_alias=_shared("JWT_AUDIENCE")
    )
    jwt_issuer: str = Field(default=DEFAULT_JWT_ISSUER, validation_alias=_shared("JWT_ISSUER"))
    jwt_max_lifetime_seconds: int = Field(
        default=86_400, ge=60, validation_alias=_shared("JWT_MAX_LIFETIME_SECONDS")
    )

    session_key: SecretStr | None = Field(
        default=None,
        description="32 bytes, base64: seals the session cookie (AES-GCM). Unset in "
        "development: a random key per process (sessions end when the console restarts).",
    )
    oidc_issuer_url: str | None = Field(
        default=None,
        description="OpenID Connect sign-in for production: not implemented yet (docs/console.md)",
    )

    @field_validator("session_key")
    @classmethod
    def _session_key_is_32_bytes(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            session_key_bytes(value)
        return value

    @model_validator(mode="after")
    def _token_keys_match_algorithm(self) -> ConsoleSettings:
        # The verifier's own checks, at start-up, naming the variables.
        try:
            self.token_verifier()
        except ValueError as exc:
            raise ValueError(
                f"{exc} (NONCOOP_JWT_SECRET, NONCOOP_JWT_PUBLIC_KEY, NONCOOP_JWT_JWKS_URL)"
            ) from exc
        return self

    @model_validator(mode="after")
    def _production_needs_its_keys(self) -> ConsoleSettings:
        if self.environment == "development":
            return self
        problems = []
        if self.session_key is None:
            problems.append("CONSOLE_SESSION_KEY is required (32 bytes, base64)")
        if self.oidc_issuer_url is None:
            problems.append(
                "production sign-in is OpenID Connect (CONSOLE_OIDC_ISSUER_URL), which the "
                "console does not implement yet: the token form is for development only"
            )
        if problems:
            raise ValueError(f"NONCOOP_ENV={self.environment}: " + "; ".join(problems))
        return self

    @property
    def development(self) -> bool:
        return self.environment == "development"

    def token_verifier(self) -> TokenVerifier:
        return TokenVerifier.from_settings(self)

    def service_urls(self) -> dict[str, str]:
        return {
            "referrals": self.referrals_url.rstrip("/"),
            "good_offices": self.good_offices_url.rstrip("/"),
            "bureau": self.bureau_url.rstrip("/"),
            "reporting": self.reporting_url.rstrip("/"),
        }


def session_key_bytes(value: SecretStr) -> bytes:
    try:
        key = base64.urlsafe_b64decode(value.get_secret_value().encode())
    except (binascii.Error, ValueError) as exc:
        raise ValueError("the session key must be base64") from exc
    if len(key) != SESSION_KEY_BYTES:
        raise ValueError(f"the session key must be {SESSION_KEY_BYTES} bytes, base64")
    return key
