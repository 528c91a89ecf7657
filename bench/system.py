"""The four services as real processes on one scratch topic, each on its own scratch database,
and all four on one scratch keyring database, as deployed (``NONCOOP_KEYRING_URL``: one keyring
for every service, docs/operations.md).

All four run, not only the two the lag figure talks to: the policies of good_offices and bureau
react to referrals' events (a referral opens a formal response, a 7(b) case continued as 7(a)
continues its good offices) and reporting folds their events into the same procedural state, as
it does in a deployment.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from infra import Scratch, ServiceProcess, Stack, scratch_database, spawned_service, wait_ready

SERVICES = ("referrals", "good_offices", "bureau", "reporting")


@dataclass(frozen=True)
class RunningSystem:
    services: dict[str, ServiceProcess]
    keyring_url: str

    def databases(self) -> dict[str, str]:
        """Every database the system writes, by who owns it: the services' and the keyring."""
        return {name: s.database_url for name, s in self.services.items()} | {
            "keyring": self.keyring_url
        }


@asynccontextmanager
async def running_system(
    stack: Stack, where: Scratch, *, jwt_secret: str, log_dir: Path
) -> AsyncIterator[RunningSystem]:
    """Every service started side by side, yielded once all are ready; stopped and their
    databases dropped on the way out. Logs: ``log_dir/<service>.log``."""
    async with AsyncExitStack() as exits:
        keyring_url = await exits.enter_async_context(
            scratch_database(stack, prefix="bench_keyring")
        )
        started = {}
        for name in SERVICES:
            database_url = await exits.enter_async_context(
                scratch_database(stack, prefix=f"bench_{name}")
            )
            started[name] = await exits.enter_async_context(
                spawned_service(
                    stack,
                    where,
                    name,
                    database_url=database_url,
                    jwt_secret=jwt_secret,
                    log_path=log_dir / f"{name}.log",
                    keyring_url=keyring_url,
                )
            )
        await asyncio.gather(*(wait_ready(service) for service in started.values()))
        yield RunningSystem(started, keyring_url)
