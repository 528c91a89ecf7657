"""The four services and the console on real loopback ports (a browser needs them), and Debian's
Chromium driven headless by Selenium through Debian's chromedriver (never a downloaded build).

The four services are tests/system's (started in process, each with its own fresh database, on
a fresh topic); uvicorn serves each on a free port of 127.0.0.1 in the test's event loop. The
browser's calls block, so the tests run them in a thread (``asyncio.to_thread``) while the loop
serves the pages.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from tests.system.conftest import SECRET, FourServices, start_four_services

from console.main import build_app
from console.settings import ConsoleSettings
from noncoop_shared.kafka import KafkaAccess

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@dataclass
class Served:
    system: FourServices
    console_url: str


async def serve_on_free_port(stack: AsyncExitStack, app: FastAPI, *, lifespan: str) -> str:
    """``app`` served by uvicorn on a free loopback port until ``stack`` closes; its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan=lifespan, log_level="warning")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())

    async def stop() -> None:
        server.should_exit = True
        await task

    stack.push_async_callback(stop)
    while not server.started:
        if task.done():
            task.result()  # raises what stopped it
        await asyncio.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
async def served(
    database_factory: Any, fresh_topic: str, kafka_access: KafkaAccess
) -> AsyncIterator[Served]:
    async with AsyncExitStack() as stack:
        system = await start_four_services(stack, database_factory, fresh_topic, kafka_access)
        urls = {}
        for name, app in system.apps.items():
            # Their lifespan already ran (start_four_services): uvicorn only serves them.
            urls[name] = await serve_on_free_port(stack, app, lifespan="off")
        settings = ConsoleSettings(
            jwt_secret=SECRET,
            referrals_url=urls["referrals"],
            good_offices_url=urls["good_offices"],
            bureau_url=urls["bureau"],
            reporting_url=urls["reporting"],
        )
        console_url = await serve_on_free_port(stack, build_app(settings), lifespan="on")
        yield Served(system, console_url)


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    for program in (CHROMIUM, CHROMEDRIVER):
        if shutil.which(program) is None:
            raise AssertionError(f"{program} is missing: `make install` installs Debian's chromium")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        # Root in a container: Chromium's sandbox needs user namespaces it may not have.
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--lang=en",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()
