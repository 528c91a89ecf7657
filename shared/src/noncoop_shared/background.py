"""Background loops that stop when told: a cancel-safe idle wait, and a stop that cannot hang.

Python 3.11's ``asyncio.wait_for`` swallows a cancellation that arrives in the same loop
iteration as the awaited result (the inner wait is already done, so ``wait_for`` returns it; the
CPython issue is gh-86296, fixed by the rewrite in 3.12). A loop that idles on ``wait_for`` then
goes on for ever after its task was cancelled, and whoever awaits that task on shutdown hangs:
the relay did, when a NOTIFY arrived as its service stopped. ``asyncio.timeout`` counts
cancellations, so it tells its own timeout from the caller's cancel; the idle wait uses it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable

import structlog

log = structlog.get_logger("noncoop.background")

CANCEL_GRACE_SECONDS = 5.0
"""How long a stopping task may take after a cancel before it is cancelled again."""


async def wait_for_event(event: asyncio.Event, seconds: float) -> bool:
    """Until ``event`` is set (True) or ``seconds`` pass (False); a cancel always propagates."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await event.wait()
            return True
    return False


async def cancel_and_wait(
    tasks: Iterable[asyncio.Task[None]], *, grace_seconds: float = CANCEL_GRACE_SECONDS
) -> None:
    """Cancel ``tasks`` and wait until every one has ended. A task that swallowed the cancel
    (a library's ``wait_for``, a bare ``except``) is cancelled again after ``grace_seconds``, so
    a stop never hangs on one; each such task is logged."""
    pending = {task for task in tasks if not task.done()}
    while pending:
        for task in pending:
            task.cancel()
        _, pending = await asyncio.wait(pending, timeout=grace_seconds)
        if pending:
            log.warning(
                "background.cancel_ignored",
                tasks=sorted(task.get_name() for task in pending),
                grace_seconds=grace_seconds,
            )
