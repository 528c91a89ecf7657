"""What every page handler needs: the console, and the signed-in person with their token."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from starlette.requests import Request

from console.errors import SignInRequiredError
from console.session import session_of
from console.state import Console, console_of
from noncoop_shared.auth.principal import Principal


@dataclass(frozen=True)
class SignedIn:
    principal: Principal
    token: str


async def signed_in(request: Request) -> SignedIn:
    # async for the reason of console_of's.
    principal = request.state.principal
    token = session_of(request).token
    if principal is None or token is None:
        raise SignInRequiredError
    assert isinstance(principal, Principal)
    return SignedIn(principal, token)


CurrentConsole = Annotated[Console, Depends(console_of)]
Person = Annotated[SignedIn, Depends(signed_in)]
