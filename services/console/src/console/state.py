"""The console's parts, built once in ``build_app``, reached by the pages through the app."""

from __future__ import annotations

from dataclasses import dataclass

import anyio
from starlette.requests import Request

from console.backends import Backends
from console.oidc import OidcClient
from console.rendering import Pages
from console.session import SessionSealer
from console.settings import ConsoleSettings
from noncoop_shared.auth.principal import Principal
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

    async def verify(self, token: str) -> Principal:
        """The services' own check of a token (raises as ``TokenVerifier.verify``)."""
        if self.verifier.fetches_keys:
            # Its JWKS client reads the key set with blocking IO (every few minutes, and for a
            # new kid): not on the event loop, which serves every other person meanwhile.
            return await anyio.to_thread.run_sync(self.verifier.verify, token)
        return self.verifier.verify(token)


async def console_of(request: Request) -> Console:
    # A coroutine, though it awaits nothing: FastAPI runs a plain function dependency in its
    # thread pool (docs/adr/0041-no-thread-hop-per-request.md).
    console = request.app.state.console
    assert isinstance(console, Console)
    return console
