"""``noncoop-token``: mint a development bearer token (HS256, secret from NONCOOP_JWT_SECRET).

    noncoop-token --role court --sub icc-registry
    noncoop-token --role focal_point --sub fp-africa --region african --ttl 600
    noncoop-token --role state_party --sub ken-mission --state KEN

With ``NONCOOP_JWT_PRIVATE_KEY`` set (an RSA private key, PEM: ``python -m noncoop_shared.keys``),
it mints RS256 instead, for services that run outside development (they refuse HS256, ADR 0020).

Prints the token on stdout, nothing else, so ``TOKEN=$(noncoop-token ...)`` works. Refuses (exit
status 2) a role without what it needs (a focal point's region, a State Party's state), so the
token it prints is one the services accept.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import timedelta

from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import RegionalGroup, Role
from noncoop_shared.auth.tokens import DEFAULT_MAX_LIFETIME, mint_token
from noncoop_shared.settings import (
    DEFAULT_JWT_AUDIENCE,
    DEFAULT_JWT_ISSUER,
    MIN_HS256_SECRET_BYTES,
)

SIGNING_KEY_VARIABLE = "NONCOOP_JWT_SECRET"
PRIVATE_KEY_VARIABLE = "NONCOOP_JWT_PRIVATE_KEY"
MAX_TTL_SECONDS = int(DEFAULT_MAX_LIFETIME.total_seconds())


def _parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog or "noncoop-token",
        description=f"Mint a development JWT signed (HS256) with ${SIGNING_KEY_VARIABLE}.",
    )
    parser.add_argument(
        "--role", required=True, choices=[r.value for r in Role if r is not Role.PUBLIC]
    )
    parser.add_argument("--sub", required=True, help="subject id, e.g. icc-registry")
    parser.add_argument("--region", choices=[g.value for g in RegionalGroup])
    parser.add_argument("--state", help="the State a state_party represents, e.g. KEN")
    parser.add_argument("--ttl", type=int, default=3600, help="lifetime in seconds (3600)")
    parser.add_argument("--audience", default=DEFAULT_JWT_AUDIENCE)
    parser.add_argument("--issuer", default=DEFAULT_JWT_ISSUER)
    return parser


def main(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    parser = _parser(prog)
    args = parser.parse_args(argv)
    private_key = os.environ.get(PRIVATE_KEY_VARIABLE, "")
    secret = os.environ.get(SIGNING_KEY_VARIABLE, "")
    if not private_key and len(secret.encode()) < MIN_HS256_SECRET_BYTES:
        parser.error(
            f"{SIGNING_KEY_VARIABLE} must be set to at least {MIN_HS256_SECRET_BYTES} bytes"
        )
    if not 0 < args.ttl <= MAX_TTL_SECONDS:
        # The services refuse a token that lives longer (jwt_max_lifetime_seconds, ADR 0021).
        parser.error(f"--ttl must be between 1 and {MAX_TTL_SECONDS} seconds")
    try:
        # The services refuse incoherent claims; refuse them here, with the same message.
        Principal(role=args.role, subject=args.sub, region=args.region, state=args.state)
    except ValueError as exc:
        parser.error(str(exc))
    token = mint_token(
        private_key or secret,
        role=args.role,
        sub=args.sub,
        region=args.region,
        state=args.state,
        ttl=timedelta(seconds=args.ttl),
        audience=args.audience,
        issuer=args.issuer,
        algorithm="RS256" if private_key else "HS256",
    )
    sys.stdout.write(token + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
