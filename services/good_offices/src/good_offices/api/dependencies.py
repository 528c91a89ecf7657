"""Dependencies of the good_offices routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from good_offices.bootstrap import Runtime
from noncoop_shared.web.runtime import runtime_of

AppRuntime = Annotated[Runtime, Depends(runtime_of(Runtime))]
