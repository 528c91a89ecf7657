"""Dependencies of the Bureau routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from bureau.bootstrap import Runtime


def get_runtime(request: Request) -> Runtime:
    runtime = getattr(request.app.state, "runtime", None)
    if not isinstance(runtime, Runtime):
        raise RuntimeError("the service runtime is not started")
    return runtime


AppRuntime = Annotated[Runtime, Depends(get_runtime)]
