"""ServiceSettings: per-service prefix, the shared JWT secret, NONCOOP_ fallbacks, clear errors."""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import ValidationError
from pydantic_settings import SettingsConfigDict

from noncoop_shared.settings import ServiceSettings

SECRET = "s" * 32


class ReferralsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REFERRALS_")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("NONCOOP_", "REFERRALS_")):
            monkeypatch.delenv(name)


@pytest.fixture
def referrals_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("REFERRALS_SERVICE_NAME", "referrals")
    monkeypatch.setenv("REFERRALS_PORT", "8001")
    monkeypatch.setenv("REFERRALS_DATABASE_URL", "postgresql://noncoop@localhost:5432/referrals")
    monkeypatch.setenv("NONCOOP_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
    monkeypatch.setenv("NONCOOP_JWT_SECRET", SECRET)
    return monkeypatch


def public_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def test_a_service_reads_its_own_prefix_and_the_documented_defaults(
    referrals_env: pytest.MonkeyPatch,
) -> None:
    settings = ReferralsSettings()

    assert settings.service_name == "referrals"
    assert settings.port == 8001
    assert settings.host == "127.0.0.1"
    assert settings.database_pool_size == 10
    assert settings.events_topic == "noncoop.events.v1"
    assert settings.dead_letter_topic == "noncoop.events.v1.dlq"
    assert settings.topic_partitions == 12
    assert settings.log_level == "INFO"
    assert settings.max_body_bytes == 1_048_576
    assert settings.jwt_algorithm == "HS256"
    assert settings.jwt_audience == "noncoop"
    assert settings.jwt_issuer == "noncoop-dev"


def test_the_jwt_secret_is_read_from_noncoop_jwt_secret_whatever_the_prefix(
    referrals_env: pytest.MonkeyPatch,
) -> None:
    referrals_env.setenv("REFERRALS_JWT_SECRET", "r" * 40)
    referrals_env.setenv("JWT_SECRET", "j" * 40)

    settings = ReferralsSettings()

    assert settings.jwt_secret is not None
    assert settings.jwt_secret.get_secret_value() == SECRET


def test_the_secret_never_shows_in_the_settings_repr(referrals_env: pytest.MonkeyPatch) -> None:
    assert SECRET not in repr(ReferralsSettings())


def test_shared_infrastructure_falls_back_to_noncoop_variables(
    referrals_env: pytest.MonkeyPatch,
) -> None:
    referrals_env.setenv("NONCOOP_EVENTS_TOPIC", "shared.events")
    referrals_env.setenv("NONCOOP_TOPIC_PARTITIONS", "24")

    settings = ReferralsSettings()

    assert settings.kafka_bootstrap_servers == "localhost:9092"
    assert settings.events_topic == "shared.events"
    assert settings.topic_partitions == 24


def test_the_service_prefix_wins_over_the_shared_fallback(
    referrals_env: pytest.MonkeyPatch,
) -> None:
    referrals_env.setenv("REFERRALS_KAFKA_BOOTSTRAP_SERVERS", "kafka-a:9092,kafka-b:9092")

    assert ReferralsSettings().kafka_bootstrap_servers == "kafka-a:9092,kafka-b:9092"


def test_service_specific_fields_do_not_fall_back(referrals_env: pytest.MonkeyPatch) -> None:
    referrals_env.delenv("REFERRALS_PORT")
    referrals_env.setenv("NONCOOP_PORT", "9000")

    with pytest.raises(ValidationError, match="port"):
        ReferralsSettings()


def test_a_missing_kafka_address_is_named(referrals_env: pytest.MonkeyPatch) -> None:
    referrals_env.delenv("NONCOOP_KAFKA_BOOTSTRAP_SERVERS")

    with pytest.raises(ValidationError, match="kafka_bootstrap_servers"):
        ReferralsSettings()


@pytest.mark.parametrize("secret", [None, "too-short"])
def test_hs256_needs_a_secret_of_at_least_32_bytes(
    referrals_env: pytest.MonkeyPatch, secret: str | None
) -> None:
    if secret is None:
        referrals_env.delenv("NONCOOP_JWT_SECRET")
    else:
        referrals_env.setenv("NONCOOP_JWT_SECRET", secret)

    with pytest.raises(ValidationError, match="NONCOOP_JWT_SECRET set to at least 32 bytes"):
        ReferralsSettings()


def test_a_validation_error_does_not_print_the_secret(referrals_env: pytest.MonkeyPatch) -> None:
    referrals_env.setenv("NONCOOP_JWT_SECRET", "short-but-secret")

    with pytest.raises(ValidationError) as raised:
        ReferralsSettings()

    assert "short-but-secret" not in str(raised.value)


def test_rs256_needs_a_public_key_or_a_jwks_url(referrals_env: pytest.MonkeyPatch) -> None:
    referrals_env.setenv("NONCOOP_JWT_ALGORITHM", "RS256")

    with pytest.raises(ValidationError, match="RS256 needs exactly one of"):
        ReferralsSettings()


def test_rs256_with_a_pem_public_key_is_accepted(referrals_env: pytest.MonkeyPatch) -> None:
    referrals_env.delenv("NONCOOP_JWT_SECRET")
    referrals_env.setenv("NONCOOP_JWT_ALGORITHM", "RS256")
    referrals_env.setenv("NONCOOP_JWT_PUBLIC_KEY", public_pem())

    settings = ReferralsSettings()

    assert settings.jwt_algorithm == "RS256"
    assert settings.jwt_public_key is not None


def test_rs256_with_a_jwks_url_is_accepted(referrals_env: pytest.MonkeyPatch) -> None:
    referrals_env.setenv("NONCOOP_JWT_ALGORITHM", "RS256")
    referrals_env.setenv("NONCOOP_JWT_JWKS_URL", "https://auth.example/.well-known/jwks.json")

    assert ReferralsSettings().jwt_jwks_url == "https://auth.example/.well-known/jwks.json"


def test_rs256_refuses_a_public_key_that_is_not_pem(referrals_env: pytest.MonkeyPatch) -> None:
    referrals_env.setenv("NONCOOP_JWT_ALGORITHM", "RS256")
    referrals_env.setenv("NONCOOP_JWT_PUBLIC_KEY", "not a key")

    with pytest.raises(ValidationError, match="jwt_public_key is not a PEM public key"):
        ReferralsSettings()


def test_other_algorithms_are_refused(referrals_env: pytest.MonkeyPatch) -> None:
    referrals_env.setenv("NONCOOP_JWT_ALGORITHM", "none")

    with pytest.raises(ValidationError, match="jwt_algorithm"):
        ReferralsSettings()


def test_the_database_url_must_be_a_postgresql_dsn(referrals_env: pytest.MonkeyPatch) -> None:
    referrals_env.setenv("REFERRALS_DATABASE_URL", "mysql://root@localhost/referrals")

    with pytest.raises(ValidationError, match=r"postgresql:// DSN .*'mysql'"):
        ReferralsSettings()


@pytest.mark.parametrize("servers", ["localhost", "localhost:abc", "a:1,,b:2", ":9092"])
def test_kafka_servers_must_be_host_port_pairs(
    referrals_env: pytest.MonkeyPatch, servers: str
) -> None:
    referrals_env.setenv("NONCOOP_KAFKA_BOOTSTRAP_SERVERS", servers)

    with pytest.raises(ValidationError, match="comma-separated list of host:port"):
        ReferralsSettings()


def test_the_log_level_is_case_insensitive_and_checked(
    referrals_env: pytest.MonkeyPatch,
) -> None:
    referrals_env.setenv("NONCOOP_LOG_LEVEL", "debug")
    assert ReferralsSettings().log_level == "DEBUG"

    referrals_env.setenv("NONCOOP_LOG_LEVEL", "chatty")
    with pytest.raises(ValidationError, match="log_level"):
        ReferralsSettings()


def test_settings_are_frozen(referrals_env: pytest.MonkeyPatch) -> None:
    settings = ReferralsSettings()

    with pytest.raises(ValidationError, match="frozen"):
        settings.port = 1  # type: ignore[misc]


def test_the_secret_can_be_given_to_the_constructor_under_its_variable_name() -> None:
    settings = ServiceSettings(
        service_name="x",
        port=1,
        database_url="postgresql://localhost/x",
        kafka_bootstrap_servers="localhost:9092",
        NONCOOP_JWT_SECRET=SECRET,
    )

    assert settings.jwt_secret is not None
    assert settings.jwt_secret.get_secret_value() == SECRET


def test_the_late_entry_grace_is_a_day_by_default(referrals_env: pytest.MonkeyPatch) -> None:
    assert ReferralsSettings().late_entry_grace_hours == 24


def test_the_late_entry_grace_is_set_once_for_all_services_and_overridden_per_service(
    referrals_env: pytest.MonkeyPatch,
) -> None:
    referrals_env.setenv("NONCOOP_LATE_ENTRY_GRACE_HOURS", "48")
    assert ReferralsSettings().late_entry_grace_hours == 48
    referrals_env.setenv("REFERRALS_LATE_ENTRY_GRACE_HOURS", "0")
    assert ReferralsSettings().late_entry_grace_hours == 0


def test_a_negative_late_entry_grace_is_refused(referrals_env: pytest.MonkeyPatch) -> None:
    referrals_env.setenv("NONCOOP_LATE_ENTRY_GRACE_HOURS", "-1")
    with pytest.raises(ValidationError, match="late_entry_grace_hours"):
        ReferralsSettings()


def test_the_consumers_linger_10_ms_by_default(referrals_env: pytest.MonkeyPatch) -> None:
    assert ReferralsSettings().consumer_linger_ms == 10


@pytest.mark.parametrize("value", ["0", "1000"])
def test_the_consumer_linger_is_set_per_service_from_0_to_1000(
    referrals_env: pytest.MonkeyPatch, value: str
) -> None:
    referrals_env.setenv("REFERRALS_CONSUMER_LINGER_MS", value)
    assert ReferralsSettings().consumer_linger_ms == int(value)


@pytest.mark.parametrize("value", ["-1", "1001"])
def test_a_consumer_linger_out_of_bounds_is_refused_naming_them(
    referrals_env: pytest.MonkeyPatch, value: str
) -> None:
    referrals_env.setenv("REFERRALS_CONSUMER_LINGER_MS", value)
    with pytest.raises(ValidationError, match=r"consumer_linger_ms must be between 0 and 1000"):
        ReferralsSettings()


def test_a_consumer_linger_that_is_no_number_is_refused(referrals_env: pytest.MonkeyPatch) -> None:
    referrals_env.setenv("REFERRALS_CONSUMER_LINGER_MS", "soon")
    with pytest.raises(ValidationError, match="consumer_linger_ms"):
        ReferralsSettings()


def test_an_idle_fetch_is_held_500_ms_by_default(referrals_env: pytest.MonkeyPatch) -> None:
    # The test session sets 100 (conftest.py); a deployment that sets nothing gets Kafka's own.
    referrals_env.delenv("NONCOOP_CONSUMER_FETCH_MAX_WAIT_MS", raising=False)
    assert ReferralsSettings().consumer_fetch_max_wait_ms == 500


def test_the_fetch_wait_is_set_for_every_service_and_overridden_per_service(
    referrals_env: pytest.MonkeyPatch,
) -> None:
    referrals_env.setenv("NONCOOP_CONSUMER_FETCH_MAX_WAIT_MS", "250")
    assert ReferralsSettings().consumer_fetch_max_wait_ms == 250
    referrals_env.setenv("REFERRALS_CONSUMER_FETCH_MAX_WAIT_MS", "50")
    assert ReferralsSettings().consumer_fetch_max_wait_ms == 50


@pytest.mark.parametrize("value", ["9", "10001", "never"])
def test_a_fetch_wait_out_of_bounds_is_refused_naming_it(
    referrals_env: pytest.MonkeyPatch, value: str
) -> None:
    referrals_env.setenv("REFERRALS_CONSUMER_FETCH_MAX_WAIT_MS", value)
    with pytest.raises(ValidationError, match="consumer_fetch_max_wait_ms"):
        ReferralsSettings()
