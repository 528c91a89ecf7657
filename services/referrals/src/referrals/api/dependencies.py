"""Dependencies of the referrals routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from noncoop_shared.web.runtime import runtime_of
from referrals.bootstrap import Runtime

AppRuntime = Annotated[Runtime, Depends(runtime_of(Runtime))]
