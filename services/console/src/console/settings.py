"""Settings of the console: env prefix ``CONSOLE_``; the token settings are the services' own
``NONCOOP_JWT_*`` (the console must accept exactly the tokens the services accept).

The console has no database and no Kafka: it is a client of the four services, so it does not
take :class:`noncoop_shared.settings.ServiceSettings` (which requires both).
"""

from __future__ import annotations

import base64
import binascii
from typing import Literal
from urllib.parse import urlsplit

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
#: Where the identity provider sends the browser back: the redirect URL must end with it.
CALLBACK_PATH = "/sign-in/callback"


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
    # OpenID Connect (docs/console.md): all four of issuer, client id, secret and redirect URL,
    # or none (then the development token form is the only sign-in, and only in development).
    oidc_issuer_url: str | None = Field(
        default=None,
        description="The identity provider's issuer; discovery is <issuer>/.well-known/"
        "openid-configuration, whose 'issuer' must equal this exactly",
    )
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = Field(
        default=None, description="Sent with HTTP Basic to the token endpoint"
    )
    oidc_redirect_url: str | None = Field(
        default=None,
        description=f"The console's public base URL + {CALLBACK_PATH}, as registered at the IdP",
    )
    oidc_scopes: str = Field(default="openid", description="Space-separated; must hold openid")
    oidc_service_token: Literal["access_token", "id_token"] = Field(
        default="access_token",
        description="Which of the IdP's tokens the console sends to the services: it must verify "
        "with the NONCOOP_JWT_* settings and carry the role claim",
    )
    oidc_timeout_seconds: float = Field(default=10.0, gt=0)

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
    def _oidc_is_whole(self) -> ConsoleSettings:
        given = {
            "CONSOLE_OIDC_ISSUER_URL": self.oidc_issuer_url,
            "CONSOLE_OIDC_CLIENT_ID": self.oidc_client_id,
            "CONSOLE_OIDC_CLIENT_SECRET": self.oidc_client_secret,
            "CONSOLE_OIDC_REDIRECT_URL": self.oidc_redirect_url,
        }
        missing = [name for name, value in given.items() if value is None]
        if len(missing) == len(given):
            return self
        if missing:
            raise ValueError(f"OpenID Connect sign-in also needs {', '.join(missing)}")
        assert self.oidc_issuer_url is not None and self.oidc_redirect_url is not None
        if "openid" not in self.oidc_scopes.split():
            raise ValueError("CONSOLE_OIDC_SCOPES must hold 'openid'")
        if urlsplit(self.oidc_redirect_url).path != CALLBACK_PATH:
            raise ValueError(
                f"CONSOLE_OIDC_REDIRECT_URL must be the console's URL + {CALLBACK_PATH}"
            )
        if not self.development:
            # Outside development the code, the tokens and the client secret cross the network:
            # never in clear.
            for name in ("CONSOLE_OIDC_ISSUER_URL", "CONSOLE_OIDC_REDIRECT_URL"):
                if urlsplit(str(given[name])).scheme != "https":
                    raise ValueError(f"{name} must be https:// outside development")
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
                "production sign-in is OpenID Connect (CONSOLE_OIDC_ISSUER_URL, _CLIENT_ID, "
                "_CLIENT_SECRET, _REDIRECT_URL): the token form is for development only"
            )
        if problems:
            raise ValueError(f"NONCOOP_ENV={self.environment}: " + "; ".join(problems))
        return self

    @property
    def oidc_enabled(self) -> bool:
        return self.oidc_issuer_url is not None

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
