"""KafkaAccess: the one place every Kafka client takes its connection from (ADR 0019)."""

from __future__ import annotations

import hashlib
import os
import ssl

import pytest
from aiokafka.conn import ScramAuthenticator
from pydantic_settings import SettingsConfigDict

from noncoop_shared import kafka as kafka_module
from noncoop_shared.kafka import KafkaAccess, password_variable, salted_password
from noncoop_shared.settings import ServiceSettings

SERVERS = "broker:9093"


class ReferralsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REFERRALS_")
    service_name: str = "referrals"


class ReportingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REPORTING_")
    service_name: str = "reporting"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if "KAFKA" in name or name.startswith(("NONCOOP_", "REFERRALS_", "REPORTING_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("NONCOOP_KAFKA_BOOTSTRAP_SERVERS", SERVERS)
    monkeypatch.setenv("NONCOOP_JWT_SECRET", "s" * 32)
    for prefix in ("REFERRALS_", "REPORTING_"):
        monkeypatch.setenv(f"{prefix}PORT", "8000")
        monkeypatch.setenv(f"{prefix}DATABASE_URL", "postgresql://u@h/db")


def secured(**changes: str) -> KafkaAccess:
    values = {
        "bootstrap_servers": SERVERS,
        "security_protocol": "SASL_SSL",
        "username": "referrals",
        "password": "p" * 48,
    } | changes
    return KafkaAccess(**values)  # type: ignore[arg-type]


def test_plaintext_has_neither_tls_nor_sasl() -> None:
    assert KafkaAccess(SERVERS).client_kwargs() == {
        "bootstrap_servers": SERVERS,
        "security_protocol": "PLAINTEXT",
    }


def test_sasl_ssl_gives_scram_and_a_context_that_verifies_the_broker() -> None:
    kwargs = secured().client_kwargs()

    assert kwargs["security_protocol"] == "SASL_SSL"
    assert kwargs["sasl_mechanism"] == "SCRAM-SHA-512"
    assert (kwargs["sasl_plain_username"], kwargs["sasl_plain_password"]) == ("referrals", "p" * 48)
    context = kwargs["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname is True
    assert context.minimum_version >= ssl.TLSVersion.TLSv1_2


@pytest.mark.parametrize("missing", ["username", "password"])
def test_sasl_without_a_user_or_password_is_refused_before_connecting(missing: str) -> None:
    with pytest.raises(ValueError, match="needs a user and a password"):
        secured(**{missing: ""}).client_kwargs()


def test_the_password_never_shows_in_the_repr() -> None:
    assert "p" * 48 not in repr(secured())


def test_each_principal_has_its_own_password_variable() -> None:
    assert password_variable("referrals") == "REFERRALS_KAFKA_PASSWORD"
    assert password_variable("good_offices") == "GOOD_OFFICES_KAFKA_PASSWORD"
    assert password_variable("admin") == "NONCOOP_KAFKA_ADMIN_PASSWORD"
    assert password_variable("auditor") == "NONCOOP_KAFKA_AUDITOR_PASSWORD"


def test_from_environ_reads_what_stack_env_prints() -> None:
    environ = {
        "NONCOOP_KAFKA_BOOTSTRAP_SERVERS": SERVERS,
        "NONCOOP_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
        "NONCOOP_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
        "NONCOOP_KAFKA_CA_FILE": "/run/ca.pem",
        "NONCOOP_KAFKA_AUDITOR_PASSWORD": "a" * 48,
        "REPORTING_KAFKA_PASSWORD": "r" * 48,
    }

    auditor = KafkaAccess.from_environ("auditor", environ=environ)

    assert (auditor.username, auditor.password) == ("auditor", "a" * 48)
    assert (auditor.security_protocol, auditor.ca_file) == ("SASL_SSL", "/run/ca.pem")
    assert KafkaAccess.from_environ("reporting", environ=environ).password == "r" * 48


def test_from_environ_refuses_an_unknown_protocol() -> None:
    environ = {"NONCOOP_KAFKA_BOOTSTRAP_SERVERS": SERVERS, "NONCOOP_KAFKA_SECURITY_PROTOCOL": "TLS"}
    with pytest.raises(ValueError, match="NONCOOP_KAFKA_SECURITY_PROTOCOL"):
        KafkaAccess.from_environ("admin", environ=environ)


def test_a_service_connects_as_itself_with_its_own_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NONCOOP_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("NONCOOP_KAFKA_CA_FILE", "/run/ca.pem")
    monkeypatch.setenv("REFERRALS_KAFKA_PASSWORD", "f" * 48)
    monkeypatch.setenv("REPORTING_KAFKA_PASSWORD", "t" * 48)

    referrals = ReferralsSettings().kafka_access()
    reporting = ReportingSettings().kafka_access()

    assert (referrals.username, referrals.password) == ("referrals", "f" * 48)
    assert (reporting.username, reporting.password) == ("reporting", "t" * 48)
    assert referrals.security_protocol == reporting.security_protocol == "SASL_SSL"
    assert referrals.ca_file == "/run/ca.pem"


def test_no_password_is_shared_by_every_service(monkeypatch: pytest.MonkeyPatch) -> None:
    """A NONCOOP_KAFKA_PASSWORD would give every service one identity: it is not read."""
    monkeypatch.setenv("NONCOOP_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("NONCOOP_KAFKA_PASSWORD", "x" * 48)

    access = ReferralsSettings().kafka_access()

    assert access.password is None
    with pytest.raises(ValueError, match="REFERRALS_KAFKA_PASSWORD"):
        access.client_kwargs()


def test_the_user_may_be_set_apart_from_the_service_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REPORTING_KAFKA_USERNAME", "auditor")
    assert ReportingSettings().kafka_access().username == "auditor"


# --- SCRAM's salted password, derived once per process --------------------------------------------

# RFC 7677 §3: the SCRAM-SHA-256 exchange of user "user", password "pencil".
RFC_7677_NONCE = "rOprNGfwEbeRWgbNEkqO"
RFC_7677_SERVER_FIRST = (
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
)
RFC_7677_CLIENT_FINAL = (
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
)
RFC_7677_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="


def _rfc_7677_exchange(password: str = "pencil") -> str:  # noqa: S107  # the RFC's
    authenticator = ScramAuthenticator(
        loop=None,
        sasl_plain_password=password,
        sasl_plain_username="user",
        sasl_mechanism="SCRAM-SHA-256",
    )
    authenticator._nonce = RFC_7677_NONCE
    authenticator.first_message()
    authenticator.process_server_first_message(RFC_7677_SERVER_FIRST)
    return str(authenticator.final_message())


def test_scram_derives_the_salted_password_once_and_still_answers_as_rfc_7677_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    derived: list[bytes] = []
    pbkdf2 = hashlib.pbkdf2_hmac

    def counting(name: str, password: bytes, salt: bytes, iterations: int) -> bytes:
        derived.append(password)
        return pbkdf2(name, password, salt, iterations)

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", counting)
    monkeypatch.setattr(kafka_module, "_SALTED_PASSWORDS", {})
    # Connection after connection: the same proof, PBKDF2 run for the first only.
    assert [_rfc_7677_exchange() for _ in range(3)] == [RFC_7677_CLIENT_FINAL] * 3
    assert derived == [b"pencil"]
    # The server's signature checks out with the kept one too (it raises if not).
    server = ScramAuthenticator(
        loop=None,
        sasl_plain_password="pencil",
        sasl_plain_username="user",
        sasl_mechanism="SCRAM-SHA-256",
    )
    server._nonce = RFC_7677_NONCE
    server.first_message()
    server.process_server_first_message(RFC_7677_SERVER_FIRST)
    server.process_server_final_message(RFC_7677_SERVER_FINAL)
    with pytest.raises(ValueError, match="wrong signature"):
        server.process_server_final_message("v=" + "A" * 44)
    # Another password is derived for itself, and does not answer as "pencil" would.
    assert _rfc_7677_exchange("pencil2") != RFC_7677_CLIENT_FINAL
    assert derived == [b"pencil", b"pencil2"]
    assert _rfc_7677_exchange() == RFC_7677_CLIENT_FINAL
    assert len(derived) == 2


def test_the_salted_passwords_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kafka_module, "_SALTED_PASSWORDS", {})
    for n in range(kafka_module._SALTED_PASSWORDS_KEPT + 10):
        salted_password("sha256", f"password {n}".encode(), b"salt", 1)
    assert len(kafka_module._SALTED_PASSWORDS) == kafka_module._SALTED_PASSWORDS_KEPT
    assert salted_password("sha256", b"pw", b"salt", 2) == hashlib.pbkdf2_hmac(
        "sha256", b"pw", b"salt", 2
    )
