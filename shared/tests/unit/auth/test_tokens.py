"""TokenVerifier accepts exactly the tokens of the configured issuer, key and algorithm."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest

from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import RegionalGroup, Role
from noncoop_shared.auth.tokens import (
    InvalidTokenError,
    KeySetUnavailableError,
    TokenVerifier,
    mint_token,
)

SECRET = "auth-tests-secret-0123456789abcdef0123"


def claims(**overrides: Any) -> dict[str, Any]:
    """Valid claims for five more minutes; an override of None removes the claim."""
    now = int(datetime.now(UTC).timestamp())
    base: dict[str, Any] = {
        "sub": "icc-registry",
        "role": "court",
        "aud": "noncoop",
        "iss": "noncoop-dev",
        "iat": now,
        "exp": now + 300,
    }
    base.update(overrides)
    return {key: value for key, value in base.items() if value is not None}


def b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_valid_token_gives_its_principal(verifier: TokenVerifier) -> None:
    token = mint_token(SECRET, role=Role.COURT, sub="icc-registry")

    assert verifier.verify(token) == Principal(role=Role.COURT, subject="icc-registry")


def test_a_focal_point_token_carries_its_region(verifier: TokenVerifier) -> None:
    token = mint_token(SECRET, role="focal_point", sub="fp-1", region="asia_pacific")

    principal = verifier.verify(token)

    assert principal.role is Role.FOCAL_POINT
    assert principal.region is RegionalGroup.ASIA_PACIFIC


def test_a_state_party_token_carries_its_state(verifier: TokenVerifier) -> None:
    token = mint_token(SECRET, role="state_party", sub="mission-1", state="KEN")

    assert verifier.verify(token).state == "KEN"


def test_an_expired_token_is_refused(verifier: TokenVerifier) -> None:
    token = mint_token(SECRET, role="court", sub="icc", ttl=timedelta(minutes=-5))

    with pytest.raises(InvalidTokenError, match="expired"):
        verifier.verify(token)


def test_a_token_expired_within_the_clock_skew_leeway_is_accepted(
    verifier: TokenVerifier,
) -> None:
    token = mint_token(SECRET, role="court", sub="icc", ttl=timedelta(seconds=-5))

    assert verifier.verify(token).subject == "icc"


def test_a_token_without_exp_is_refused(verifier: TokenVerifier) -> None:
    token = jwt.encode(claims(exp=None), SECRET, algorithm="HS256")

    with pytest.raises(InvalidTokenError, match="no 'exp' claim"):
        verifier.verify(token)


def test_a_token_signed_with_another_secret_is_refused(verifier: TokenVerifier) -> None:
    token = mint_token("another-secret-0123456789abcdef01234", role="court", sub="icc")

    with pytest.raises(InvalidTokenError, match="signature does not verify"):
        verifier.verify(token)


def test_a_tampered_payload_is_refused(verifier: TokenVerifier) -> None:
    header, _, signature = mint_token(SECRET, role="state_party", sub="m", state="KEN").split(".")
    forged = b64(claims(role="president", sub="m"))

    with pytest.raises(InvalidTokenError, match="signature does not verify"):
        verifier.verify(f"{header}.{forged}.{signature}")


def test_an_unsigned_alg_none_token_is_refused(verifier: TokenVerifier) -> None:
    token = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims())}."

    with pytest.raises(InvalidTokenError, match="algorithm is not accepted; tokens must use HS256"):
        verifier.verify(token)


@pytest.mark.filterwarnings("ignore::jwt.InsecureKeyLengthWarning")
def test_another_hmac_algorithm_is_refused_even_with_the_right_secret(
    verifier: TokenVerifier,
) -> None:
    token = jwt.encode(claims(), SECRET, algorithm="HS512")

    with pytest.raises(InvalidTokenError, match="algorithm is not accepted; tokens must use HS256"):
        verifier.verify(token)


def test_an_hs256_token_signed_with_the_rs256_public_key_is_refused(rsa_keys: Any) -> None:
    # Algorithm confusion: the public key is public, so an HMAC over it proves nothing.
    rs256 = TokenVerifier(algorithm="RS256", public_key=rsa_keys.public_pem)
    header = b64({"alg": "HS256", "typ": "JWT"})
    payload = b64(claims())
    signing_input = f"{header}.{payload}".encode()
    mac = hmac.new(rsa_keys.public_pem.encode(), signing_input, hashlib.sha256).digest()
    token = f"{header}.{payload}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"

    with pytest.raises(InvalidTokenError, match="algorithm is not accepted; tokens must use RS256"):
        rs256.verify(token)


def test_a_token_for_another_audience_is_refused(verifier: TokenVerifier) -> None:
    token = mint_token(SECRET, role="court", sub="icc", audience="another-system")

    with pytest.raises(InvalidTokenError, match="not meant for audience 'noncoop'"):
        verifier.verify(token)


def test_a_token_from_another_issuer_is_refused(verifier: TokenVerifier) -> None:
    token = mint_token(SECRET, role="court", sub="icc", issuer="someone-else")

    with pytest.raises(InvalidTokenError, match="not issued by 'noncoop-dev'"):
        verifier.verify(token)


def test_a_token_without_a_role_claim_is_refused(verifier: TokenVerifier) -> None:
    token = jwt.encode(claims(role=None), SECRET, algorithm="HS256")

    with pytest.raises(InvalidTokenError, match="no 'role' claim"):
        verifier.verify(token)


def test_a_token_without_a_subject_is_refused(verifier: TokenVerifier) -> None:
    token = jwt.encode(claims(sub=None), SECRET, algorithm="HS256")

    with pytest.raises(InvalidTokenError, match="no 'sub' claim"):
        verifier.verify(token)


@pytest.mark.parametrize("role", ["judge", "public", "COURT", 3])
def test_a_token_with_an_unknown_or_public_role_is_refused(
    verifier: TokenVerifier, role: object
) -> None:
    token = jwt.encode(claims(role=role), SECRET, algorithm="HS256")

    with pytest.raises(InvalidTokenError, match="is not one of: court, secretariat"):
        verifier.verify(token)


def test_a_focal_point_token_without_a_region_is_refused(verifier: TokenVerifier) -> None:
    token = mint_token(SECRET, role="focal_point", sub="fp-1")

    with pytest.raises(InvalidTokenError, match="focal_point principal needs a region"):
        verifier.verify(token)


def test_a_focal_point_token_with_an_unknown_region_is_refused(verifier: TokenVerifier) -> None:
    token = mint_token(SECRET, role="focal_point", sub="fp-1", region="antarctic")

    with pytest.raises(InvalidTokenError, match="region 'antarctic' is not one of"):
        verifier.verify(token)


def test_a_state_party_token_without_a_state_is_refused(verifier: TokenVerifier) -> None:
    token = mint_token(SECRET, role="state_party", sub="mission-1")

    with pytest.raises(InvalidTokenError, match="state_party principal needs a state"):
        verifier.verify(token)


@pytest.mark.parametrize("garbage", ["", "not-a-jwt", "a.b.c", "Bearer x"])
def test_garbage_is_refused_as_malformed(verifier: TokenVerifier, garbage: str) -> None:
    with pytest.raises(InvalidTokenError, match="not a well-formed JWT"):
        verifier.verify(garbage)


def test_rs256_tokens_verify_with_the_pem_public_key(rsa_keys: Any) -> None:
    verifier = TokenVerifier(algorithm="RS256", public_key=rsa_keys.public_pem)
    token = mint_token(rsa_keys.private_pem, role="president", sub="p-1", algorithm="RS256")

    assert verifier.verify(token) == Principal(role=Role.PRESIDENT, subject="p-1")


def test_rs256_tokens_signed_by_another_key_are_refused(rsa_keys: Any, other_rsa_keys: Any) -> None:
    verifier = TokenVerifier(algorithm="RS256", public_key=rsa_keys.public_pem)
    token = mint_token(other_rsa_keys.private_pem, role="president", sub="p-1", algorithm="RS256")

    with pytest.raises(InvalidTokenError, match="signature does not verify"):
        verifier.verify(token)


def jwks_of(public_pem: str, kid: str) -> dict[str, Any]:
    public_key = jwt.algorithms.RSAAlgorithm.from_jwk(
        jwt.algorithms.RSAAlgorithm.to_jwk(
            jwt.algorithms.RSAAlgorithm(jwt.algorithms.RSAAlgorithm.SHA256).prepare_key(public_pem)
        )
    )
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(public_key))
    return {"keys": [{**jwk, "kid": kid, "use": "sig", "alg": "RS256"}]}


def test_rs256_tokens_verify_with_the_jwks_key_named_by_kid(
    rsa_keys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The network boundary is faked: PyJWKClient.fetch_data is what would GET the URL.
    monkeypatch.setattr(
        jwt.PyJWKClient, "fetch_data", lambda self: jwks_of(rsa_keys.public_pem, "k1")
    )
    verifier = TokenVerifier(algorithm="RS256", jwks_url="https://auth.example/jwks.json")
    token = mint_token(
        rsa_keys.private_pem, role="secretariat", sub="s-1", algorithm="RS256", kid="k1"
    )

    assert verifier.fetches_keys
    assert verifier.verify(token) == Principal(role=Role.SECRETARIAT, subject="s-1")


def test_a_token_whose_kid_is_not_in_the_jwks_is_refused(
    rsa_keys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        jwt.PyJWKClient, "fetch_data", lambda self: jwks_of(rsa_keys.public_pem, "k1")
    )
    verifier = TokenVerifier(algorithm="RS256", jwks_url="https://auth.example/jwks.json")
    token = mint_token(
        rsa_keys.private_pem, role="secretariat", sub="s-1", algorithm="RS256", kid="k9"
    )

    with pytest.raises(InvalidTokenError, match="no key of the key set matches"):
        verifier.verify(token)


def test_an_unreachable_jwks_endpoint_is_our_failure_not_the_tokens(rsa_keys: Any) -> None:
    # Port 9 (discard) on localhost: nothing listens, the connection is refused at once.
    verifier = TokenVerifier(algorithm="RS256", jwks_url="http://127.0.0.1:9/jwks.json")
    token = mint_token(
        rsa_keys.private_pem, role="secretariat", sub="s-1", algorithm="RS256", kid="k1"
    )

    with pytest.raises(KeySetUnavailableError):
        verifier.verify(token)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"secret": "short"}, "at least 32 bytes"),
        ({"algorithm": "RS256"}, "exactly one of public_key"),
        ({"algorithm": "none", "secret": SECRET}, "unsupported JWT algorithm"),
    ],
)
def test_a_misconfigured_verifier_cannot_be_built(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TokenVerifier(**kwargs)


def test_mint_token_writes_the_documented_claims() -> None:
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    token = mint_token(
        SECRET,
        role="focal_point",
        sub="fp-1",
        region="african",
        ttl=timedelta(minutes=10),
        now=now,
    )

    decoded = jwt.decode(token, options={"verify_signature": False})
    assert decoded == {
        "sub": "fp-1",
        "role": "focal_point",
        "region": "african",
        "aud": "noncoop",
        "iss": "noncoop-dev",
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=10)).timestamp()),
    }


# --- bounds (ADR 0021) ------------------------------------------------------------------------


def test_a_header_algorithm_outside_latin_1_is_refused_without_echoing_it(
    verifier: TokenVerifier,
) -> None:
    header = b64({"alg": "HS256\u2603", "typ": "JWT"})
    token = f"{header}.{b64(claims())}.c2ln"

    with pytest.raises(InvalidTokenError) as refused:
        verifier.verify(token)

    assert str(refused.value).isascii()


@pytest.mark.parametrize("missing", ["iat", "exp"])
def test_a_token_without_issue_or_expiry_time_is_refused(
    verifier: TokenVerifier, missing: str
) -> None:
    token = jwt.encode(claims(**{missing: None}), SECRET, algorithm="HS256")

    with pytest.raises(InvalidTokenError, match=f"no '{missing}' claim"):
        verifier.verify(token)


def test_a_token_living_longer_than_the_maximum_is_refused(verifier: TokenVerifier) -> None:
    now = int(datetime.now(UTC).timestamp())
    token = jwt.encode(claims(iat=now, exp=now + 86_401), SECRET, algorithm="HS256")

    with pytest.raises(InvalidTokenError, match="lives longer than the 24 hours allowed"):
        verifier.verify(token)


def test_a_token_living_exactly_the_maximum_is_accepted(verifier: TokenVerifier) -> None:
    now = int(datetime.now(UTC).timestamp())
    token = jwt.encode(claims(iat=now, exp=now + 86_400), SECRET, algorithm="HS256")

    assert verifier.verify(token).subject == "icc-registry"


@pytest.mark.parametrize(
    "overrides, claim",
    [({"sub": "s" * 129}, "sub"), ({"role": "state_party", "state": "S" * 65}, "state")],
)
def test_an_oversized_subject_or_state_is_refused(
    verifier: TokenVerifier, overrides: dict[str, Any], claim: str
) -> None:
    token = jwt.encode(claims(**overrides), SECRET, algorithm="HS256")

    with pytest.raises(InvalidTokenError, match=f"'{claim}' claim must be a string of at most"):
        verifier.verify(token)


def test_a_token_longer_than_the_bound_is_refused_unread(verifier: TokenVerifier) -> None:
    with pytest.raises(InvalidTokenError, match="longer than 4096 bytes"):
        verifier.verify("a" * 4097)


@pytest.mark.parametrize(
    ("claim", "value", "why"),
    [
        ("sub", "icc\x00registry", "NUL"),
        ("sub", "icc-\ud800", "lone surrogate"),
        ("state", "KE\x00N", "NUL"),
        ("state", "\udfffKEN", "lone surrogate"),
    ],
)
def test_a_subject_or_state_no_record_may_hold_is_refused(
    verifier: TokenVerifier, claim: str, value: str, why: str
) -> None:
    """``sub`` and ``state`` become an event's actor: text PostgreSQL cannot store (NUL) or
    UTF-8 cannot encode (a lone surrogate) is a refused token, not a 500 at append."""
    party = {"role": "state_party", "state": "KEN"} if claim == "state" else {}
    token = jwt.encode(claims(**(party | {claim: value})), SECRET, algorithm="HS256")

    with pytest.raises(InvalidTokenError, match=f"'{claim}' claim .*{why}") as refused:
        verifier.verify(token)

    assert str(refused.value).isascii()
