"""Keys for the token tests: an HS256 secret and an RSA key pair."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from noncoop_shared.auth.tokens import TokenVerifier

SECRET = "auth-tests-secret-0123456789abcdef0123"


@dataclass(frozen=True)
class RsaKeys:
    private_pem: str
    public_pem: str


def _rsa_keys() -> RsaKeys:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_pem = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return RsaKeys(private_pem, public_pem)


@pytest.fixture(scope="session")
def rsa_keys() -> RsaKeys:
    return _rsa_keys()


@pytest.fixture(scope="session")
def other_rsa_keys() -> RsaKeys:
    return _rsa_keys()


@pytest.fixture
def verifier() -> TokenVerifier:
    return TokenVerifier(secret=SECRET)


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    """create_app configures logging process-wide: leave the root logger as it was found."""
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    yield
    root.setLevel(level)
    root.handlers[:] = handlers
