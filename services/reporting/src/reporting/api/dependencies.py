"""Dependencies of the reporting routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from noncoop_shared.web.runtime import runtime_of
from reporting.bootstrap import Runtime

AppRuntime = Annotated[Runtime, Depends(runtime_of(Runtime))]
