"""The console in Debian's Chromium: sign in as each role, the list, a case, a command whose
event then shows in the timeline, French, and a Bureau member refused a restricted case. Every
page is checked with axe-core (no serious or critical violation) and photographed: into
``.run/console-screenshots/`` in every run, into ``docs/console/`` (for docs/console.md) when
``make console-screenshots`` sets ``NONCOOP_CONSOLE_SCREENSHOTS`` (a run must not rewrite tracked
files: the pictures differ by their ids and times every run)."""

from __future__ import annotations

import asyncio
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from selenium_axe_python import Axe
from tests.system.conftest import SECRET, FourServices

from noncoop_shared.auth.tokens import mint_token
from noncoop_shared.testing import eventually

from .conftest import Served

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

REPO = Path(__file__).resolve().parents[4]
SCREENSHOTS = Path(
    os.environ.get("NONCOOP_CONSOLE_SCREENSHOTS") or REPO / ".run" / "console-screenshots"
)
STATE = {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"}
ROLES = {
    "secretariat": {},
    "president": {"region": "western_european_other"},
    "court": {},
    "bureau_member": {},
    "focal_point": {"region": "african"},
    "state_party": {"state": "EXA"},
}


async def _seed(system: FourServices) -> tuple[str, str]:
    """A 7(a) case (public) and a 7(b) one (restricted), both read by reporting."""
    referral = {
        "decision": {
            "reference": "ICC-01/99-01/26-7",
            "date": "2026-11-30",
            "chamber": "Pre-Trial Chamber II",
            "legal_basis": "87(7)",
            "referred_to_assembly": True,
            "referred_to_security_council": False,
        },
        "requested_state": STATE,
        "court_request": {"article": "89", "reference": "ICC-01/99-01/26-7-Req"},
    }
    urgent = {
        "requested_state": STATE,
        "court_request": {"article": "89", "reference": "ICC-01/99-01/26-8-Req"},
        "urgency": "imminent",
        "urgency_reason": "A visit announced for next week",
    }
    ids = []
    for path, body, role in [
        ("/v1/court-referrals", referral, "court"),
        ("/v1/urgent-incidents", urgent, "president"),
    ]:
        response = await system.clients["referrals"].post(
            path, json=body, headers=system.headers(role, **ROLES[role])
        )
        assert response.status_code == 201, response.text
        ids.append(response.json()["case_id"])
    for case_id in ids:
        await eventually(
            lambda case_id=case_id: system.clients["reporting"].get(
                f"/v1/cases/{case_id}/procedural-state", headers=system.headers("secretariat")
            )
        )
    return ids[0], ids[1]


def _token(role: str) -> str:
    return mint_token(SECRET, role=role, sub=f"{role}-console", **ROLES[role])


class Browser:
    def __init__(self, driver: webdriver.Chrome, base: str) -> None:
        self.driver = driver
        self.base = base
        self.wait = WebDriverWait(driver, 15)

    def open(self, path: str) -> None:
        self.driver.get(self.base + path)

    def h1(self) -> str:
        return str(self.driver.find_element(By.TAG_NAME, "h1").text)

    def text(self) -> str:
        return str(self.driver.find_element(By.TAG_NAME, "main").text)

    def follow(self, by: str, what: str) -> None:
        """Click what navigates, and wait until the page it was on is gone: read at once, the
        old page's elements go stale under the reader (seen in CI)."""
        element = self.driver.find_element(by, what)
        element.click()
        self.wait.until(expected_conditions.staleness_of(element))

    def sign_in(self, token: str) -> None:
        self.open("/sign-in")
        self.driver.find_element(By.ID, "token").send_keys(token)
        self.follow(By.CSS_SELECTOR, "main button[type=submit]")

    def sign_out(self) -> None:
        self.follow(By.CSS_SELECTOR, "form.who button")
        self.wait.until(expected_conditions.presence_of_element_located((By.ID, "token")))

    def accessible(self) -> None:
        axe = Axe(self.driver)
        axe.inject()
        results: dict[str, Any] = axe.run()
        serious = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
            for v in results["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{self.driver.current_url}: {serious}"

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def _walk(browser: Browser, formal: str, informal: str) -> None:
    b = browser
    # A token the services would refuse: the form again, one message, no reason given.
    b.sign_in(mint_token(SECRET, role="secretariat", sub="x", ttl=-timedelta(minutes=5)))
    assert "not accepted" in b.text()
    b.accessible()
    b.screenshot("sign-in-refused")

    b.sign_in(_token("secretariat"))
    b.wait.until(expected_conditions.presence_of_element_located((By.ID, "case-count")))
    assert b.h1() == "Cases"
    assert b.driver.find_element(By.ID, "case-count").text == "2"
    b.accessible()
    b.screenshot("cases")

    b.open("/cases?scenario=7a")
    assert b.driver.find_element(By.ID, "case-count").text == "1"
    assert formal in b.text() and informal not in b.text()

    b.follow(By.LINK_TEXT, formal)
    assert b.h1() == f"Case {formal}"
    rules = b.driver.find_element(By.ID, "rules").find_element(By.XPATH, "..").text
    assert "P13-forward" in rules and "pending" in rules
    b.accessible()
    b.screenshot("case")

    b.follow(By.LINK_TEXT, "Record the forwarding to the States Parties")
    b.follow(By.CSS_SELECTOR, "main button[type=submit]")
    assert "This field is required." in b.text()
    b.accessible()
    b.screenshot("forwarding-form")
    b.driver.find_element(By.ID, "communication_reference").send_keys("SP/2026/77")
    b.follow(By.CSS_SELECTOR, "main button[type=submit]")
    b.wait.until(expected_conditions.presence_of_element_located((By.ID, "timeline")))
    for _ in range(20):  # the console waited for it; a reload or two if reporting was slow
        if "decision_forwarded_to_states_parties" in b.text():
            break
        b.driver.refresh()
    assert "decision_forwarded_to_states_parties" in b.text()
    assert "Recorded." in b.text()
    b.screenshot("case-after-forwarding")

    b.follow(By.CSS_SELECTOR, "a[hreflang=fr]")
    assert b.h1() == f"Affaire {formal}"
    assert "Chronologie" in b.text() and "Règles" in b.text()
    assert b.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    b.accessible()
    b.screenshot("case-fr")
    b.follow(By.CSS_SELECTOR, "a[hreflang=en]")
    b.sign_out()

    # Every role signs in and sees the cases it may see.
    for role in ROLES:
        b.sign_in(_token(role))
        b.wait.until(expected_conditions.presence_of_element_located((By.ID, "case-count")))
        assert f"{role}-console" in b.driver.find_element(By.CSS_SELECTOR, "form.who").text
        if role == "bureau_member":
            # The 7(b) case's records are restricted: not in the list, and its page is 404.
            assert informal not in b.text()
            b.open(f"/cases/{informal}")
            assert b.h1() == "Not found"
            b.accessible()
            b.screenshot("not-found")
        b.sign_out()
    b.accessible()
    b.screenshot("sign-in")


async def test_the_console_in_a_browser(served: Served, browser: webdriver.Chrome) -> None:
    formal, informal = await _seed(served.system)
    await asyncio.to_thread(_walk, Browser(browser, served.console_url), formal, informal)
