"""Secrets required outside development (ADR 0020): with NONCOOP_ENV=production a service
refuses a missing or development key, naming the variable; development keeps its defaults."""

from __future__ import annotations

import base64
import os

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import ValidationError
from pydantic_settings import SettingsConfigDict

from noncoop_shared.privacy.keyring import DEVELOPMENT_MASTER_KEY
from noncoop_shared.settings import ServiceSettings
from noncoop_shared.signing import EventSigner, TrustStore, development_seed, public_key_text


class ReferralsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REFERRALS_")

    service_name: str = "referrals"
    port: int = 8101


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


SEED = os.urandom(32)
PUBLIC_PEM = (
    rsa.generate_private_key(public_exponent=65537, key_size=2048)
    .public_key()
    .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    .decode()
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("NONCOOP_", "REFERRALS_")):
            monkeypatch.delenv(name)


def production(**changes: str | None) -> dict[str, str]:
    values: dict[str, str | None] = {
        "NONCOOP_ENV": "production",
        "database_url": "postgresql://x@h/referrals",
        "kafka_bootstrap_servers": "h:9092",
        "jwt_algorithm": "RS256",
        "jwt_public_key": PUBLIC_PEM,
        "NONCOOP_MASTER_KEY": b64(os.urandom(32)),
        "keyring_url": "postgresql://x@h/keyring",
        "event_signing_key": b64(SEED),
        "event_signing_public_keys": public_key_text(
            "referrals", EventSigner("referrals", SEED).public_key
        ),
    } | changes
    return {name: value for name, value in values.items() if value is not None}


def refusal(**changes: str | None) -> str:
    with pytest.raises(ValidationError) as raised:
        ReferralsSettings(**production(**changes))  # type: ignore[arg-type]
    return str(raised.value)


def test_production_with_every_key_real_starts() -> None:
    settings = ReferralsSettings(**production())  # type: ignore[arg-type]
    assert settings.environment == "production"
    assert settings.event_signer().key_id == EventSigner("referrals", SEED).key_id


@pytest.mark.parametrize(
    ("changes", "variable"),
    [
        ({"jwt_algorithm": "HS256", "NONCOOP_JWT_SECRET": "s" * 48}, "NONCOOP_JWT_ALGORITHM"),
        ({"NONCOOP_MASTER_KEY": None}, "NONCOOP_MASTER_KEY"),
        ({"NONCOOP_MASTER_KEY": b64(DEVELOPMENT_MASTER_KEY)}, "NONCOOP_MASTER_KEY"),
        ({"keyring_url": None}, "NONCOOP_KEYRING_URL"),
        (
            {"event_signing_key": None, "event_signing_public_keys": None},
            "REFERRALS_EVENT_SIGNING_KEY",
        ),
        (
            {
                "event_signing_key": b64(development_seed("referrals")),
                "event_signing_public_keys": None,
            },
            "REFERRALS_EVENT_SIGNING_KEY",
        ),
        (
            {
                "event_signing_public_keys": public_key_text(
                    "referrals", EventSigner("referrals", SEED).public_key
                )
                + ","
                + public_key_text("bureau", EventSigner.development("bureau").public_key)
            },
            "NONCOOP_EVENT_SIGNING_PUBLIC_KEYS",
        ),
    ],
)
def test_production_refuses_a_missing_or_development_key_naming_it(
    changes: dict[str, str | None], variable: str
) -> None:
    message = refusal(**changes)
    assert "NONCOOP_ENV=production refuses to start" in message
    assert variable in message


def test_a_signing_key_the_trust_store_does_not_list_is_refused_in_any_environment() -> None:
    message = refusal(event_signing_public_keys=None, NONCOOP_ENV="development")
    assert "does not list this service's signing key" in message


def test_development_signs_with_the_services_development_key_and_trusts_every_service() -> None:
    settings = ReferralsSettings(
        database_url="postgresql://x@h/referrals",
        kafka_bootstrap_servers="h:9092",
        NONCOOP_JWT_SECRET="s" * 32,  # type: ignore[call-arg]
    )
    assert settings.environment == "development"
    assert settings.event_signer().is_development
    trusted = settings.trust_store().key_ids()
    assert trusted == TrustStore.development().key_ids()
