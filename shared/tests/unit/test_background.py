"""Background loops stop when their service stops (``noncoop_shared.background``).

The relay once idled on ``asyncio.wait_for(wake.wait(), ...)``: a NOTIFY that arrived as its
service stopped swallowed the cancel (Python 3.11), the relay ran on, and the service's shutdown
hung for ever (seen in CI, a test's teardown waiting on it). These tests try every interleaving
of "the event is set" and "the task is cancelled" within a few loop iterations.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import pytest

from noncoop_shared.background import cancel_and_wait, wait_for_event

Idle = Callable[[asyncio.Event, float], Awaitable[object]]


async def wait_for_3_11(event: asyncio.Event, seconds: float) -> None:
    """The relay's old idle wait, kept here to show the race the tests detect."""
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(event.wait(), seconds)


async def idle_loop(idle: Idle, event: asyncio.Event) -> None:
    """A relay's shape: idle until woken, go round again, until cancelled."""
    while True:
        event.clear()
        await idle(event, 10.0)


async def stops_on_cancel(idle: Idle, spins_between: int) -> bool:
    """Whether a loop idling on ``idle`` ends when cancelled right after it was woken."""
    event = asyncio.Event()
    task = asyncio.create_task(idle_loop(idle, event))
    for _ in range(3):
        await asyncio.sleep(0)
    event.set()
    for _ in range(spins_between):
        await asyncio.sleep(0)
    task.cancel()
    done, _ = await asyncio.wait([task], timeout=1.0)
    if not done:
        task.cancel()  # a second cancel ends it, so the test leaves nothing running
        await asyncio.wait([task], timeout=1.0)
    return bool(done)


@pytest.mark.parametrize("spins_between", range(5))
async def test_an_idle_wait_woken_as_it_is_cancelled_still_stops(spins_between: int) -> None:
    assert await stops_on_cancel(wait_for_event, spins_between)


async def test_the_race_is_real_with_wait_for_on_python_3_11() -> None:
    """The control: the old wait loses the cancel in at least one interleaving, so the test
    above can fail. (On 3.12+, where ``wait_for`` was rewritten, this fails: drop it then.)"""
    outcomes = [await stops_on_cancel(wait_for_3_11, spins) for spins in range(5)]
    assert not all(outcomes), outcomes


async def test_wait_for_event_says_whether_it_was_woken() -> None:
    event = asyncio.Event()
    assert await wait_for_event(event, 0.01) is False
    event.set()
    assert await wait_for_event(event, 10.0) is True


async def test_a_stop_cancels_again_a_task_that_swallowed_the_cancel() -> None:
    swallowed = 0

    async def stubborn() -> None:
        nonlocal swallowed
        while True:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                swallowed += 1
                if swallowed > 1:
                    raise

    async def obedient() -> None:
        await asyncio.sleep(10)

    tasks = [asyncio.create_task(stubborn()), asyncio.create_task(obedient())]
    await asyncio.sleep(0)
    await asyncio.wait_for(cancel_and_wait(tasks, grace_seconds=0.05), 5.0)
    assert all(task.done() for task in tasks)
    assert swallowed == 2
