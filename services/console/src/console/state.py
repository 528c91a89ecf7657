"""The console's parts, built once in ``build_app``, reached by the pages through the app."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from console.backends import Backends
from console.oidc import OidcClient
from console.rendering import Pages
from console.session import SessionSealer
from console.settings import ConsoleSettings
from noncoop_shared.auth.tokens import TokenVerifier


@dataclass(frozen=True)
class Console:
    settings: ConsoleSettings
    pages: Pages
    backends: Backends
    verifier: TokenVerifier
    sealer: SessionSealer
    oidc: OidcClient | None
    """OpenID Connect sign-in, when configured (``CONSOLE_OIDC_*``)."""


def console_of(request: Request) -> Console:
    console = request.app.state.console
    assert isinstance(console, Console)
    return console
