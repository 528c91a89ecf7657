"""The console in Debian's Chromium: sign in as each role, the list, a case, a command whose
event then shows in the timeline, French (the rules' "why" too), a Bureau member refused a
restricted case, and a report drafted, found in the reports' list and submitted. Every
page is checked with axe-core (no serious or critical violation) and photographed: into
``.run/console-screenshots/`` in every run, into ``docs/console/`` (for docs/console.md) when
``make console-screenshots`` sets ``NONCOOP_CONSOLE_SCREENSHOTS`` (a run must not rewrite tracked
files: the pictures differ by their ids and times every run)."""

from __future__ import annotations

import asyncio
import html
import os
import time
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from selenium_axe_python import Axe
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from tests.system.conftest import SECRET, FourServices

from noncoop_shared.auth.tokens import mint_token
from noncoop_shared.testing import eventually

from .conftest import Served, serve_on_free_port

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


async def _seed(system: FourServices) -> tuple[str, str, str]:
    """A 7(a) case (public), a 7(b) one (restricted), and a 7(b) case whose good offices the
    President activated before the Court referred it (S7b-to-7a: the case becomes visible to
    the Bureau, its 7(b) good offices stay restricted), all read by reporting; a session on the
    calendar and the formal response's emergency meeting held on the 7(a) case."""
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
        ("/v1/urgent-incidents", urgent, "president"),
    ]:
        response = await system.clients["referrals"].post(
            path, json=body, headers=system.headers(role, **ROLES[role])
        )
        assert response.status_code == 201, response.text
        ids.append(response.json()["case_id"])
    formal, informal, continued = ids
    today = datetime.now(UTC).date()
    # Good offices and bureau learn the cases from the log: sent until they accept.
    await _accepted(
        system,
        "good_offices",
        f"/v1/cases/{continued}/good-offices/own-initiative-activation",
        {"court_consulted_on": today.isoformat()},
        "president",
    )
    decision = referral["decision"] | {"reference": "ICC-01/99-01/26-9"}
    await _accepted(
        system,
        "referrals",
        f"/v1/cases/{continued}/court-referral",
        {"decision": decision, "requested_state_code": "EXA"},
        "court",
    )
    session = {
        "session_id": "ASP-25",
        "number": 25,
        "kind": "regular",
        "starts_on": (today - timedelta(days=1)).isoformat(),
        "ends_on": (today + timedelta(days=10)).isoformat(),
        "venue": "The Hague",
    }
    await _accepted(system, "bureau", "/v1/sessions", session, "secretariat")
    focal_point = {
        "focal_point_id": "fp-af",
        "name": "Amina Diallo",
        "state": "SEN",
        "region": "african",
        "term_start": today.isoformat(),
        "bureau_decision_reference": "B/2026/3",
    }
    await _accepted(system, "good_offices", "/v1/focal-points", focal_point, "secretariat")
    # Bureau opens the formal response once it has read the referral: the forms need it.
    await eventually(
        lambda: system.clients["bureau"].get(
            f"/v1/cases/{formal}/formal-response", headers=system.headers("secretariat")
        )
    )
    for case_id in ids:
        await eventually(
            lambda case_id=case_id: system.clients["reporting"].get(
                f"/v1/cases/{case_id}/procedural-state", headers=system.headers("secretariat")
            )
        )
    return formal, informal, continued


async def _accepted(
    system: FourServices, service: str, path: str, body: dict[str, Any], role: str
) -> None:
    last = ""
    for _ in range(100):
        response = await system.clients[service].post(
            path, json=body, headers=system.headers(role, **ROLES[role])
        )
        if response.status_code in (200, 201, 202):
            return
        last = f"{response.status_code} {response.text}"
        await asyncio.sleep(0.1)
    raise AssertionError(f"{service} {path} never accepted: {last}")


def _another_document(driver: webdriver.Chrome) -> bool:
    """Whether the window holds a document loaded after :meth:`Browser.follow` marked the old
    one (a script run mid-navigation may fail: the wait takes that as "not yet")."""
    return bool(
        driver.execute_script(
            "return !window.__noncoopLeaving && document.readyState !== 'loading'"
        )
    )


def _token(role: str) -> str:
    return mint_token(SECRET, role=role, sub=f"{role}-console", **ROLES[role])


class Browser:
    def __init__(self, driver: webdriver.Chrome, base: str) -> None:
        self.driver = driver
        self.base = base
        # A page that refreshes itself (after signing in or out) replaces the document under a
        # wait's reader: an element read a moment before is gone, which only means "not yet".
        # Chromium says so as a stale element, or (mid-navigation) as an "unknown error: Node
        # with given id does not belong to the document": a wait takes either as "not yet", and
        # still fails at its timeout if the page never comes.
        self.wait = WebDriverWait(driver, 15, ignored_exceptions=(WebDriverException,))

    def open(self, path: str) -> None:
        self.driver.get(self.base + path)

    def follow(self, by: str, what: str) -> None:
        """Click what navigates, and wait until the page it was on is gone: read at once, the
        old page's elements go stale under the reader (seen in CI). The old page is marked in
        its own script globals, which a new document does not have; an element of the old page
        would not do (Chromium may answer for it with an error that is not "stale")."""
        self.driver.execute_script("window.__noncoopLeaving = true")
        self.driver.find_element(by, what).click()
        self.wait.until(_another_document)

    def h1(self) -> str:
        return self.read(By.TAG_NAME, "h1")

    def text(self) -> str:
        return self.read(By.TAG_NAME, "main")

    def read(self, by: str, what: str) -> str:
        """An element's text, found again if the page was replaced between the find and the read
        (seen in CI: "Node with given id does not belong to the document")."""
        for _ in range(5):
            try:
                return str(self.driver.find_element(by, what).text)
            except StaleElementReferenceException:
                time.sleep(0.2)
            except WebDriverException as error:
                if "does not belong to the document" not in str(error):
                    raise
                time.sleep(0.2)
        return str(self.driver.find_element(by, what).text)

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

    def fill(self, field: str, value: str) -> None:
        """A field's value; set by script for a date input, whose typed format is the browser
        locale's (not what this test is about)."""
        element = self.driver.find_element(By.ID, field)
        if element.get_attribute("type") == "date":
            self.driver.execute_script("arguments[0].value = arguments[1]", element, value)
        else:
            element.clear()
            element.send_keys(value)

    def submit(self) -> None:
        self.follow(By.CSS_SELECTOR, "main form[method=post] button[type=submit]")

    def until_text(self, text: str) -> None:
        """Reloads until ``text`` shows (the services read the log a moment after it is written)."""
        for _ in range(30):
            if text in self.text():
                return
            self.driver.refresh()
        assert text in self.text()

    def fetch(self, path: str) -> bytes:
        """``path`` with the browser's session cookie, as a download link fetches it."""
        cookie = self.driver.get_cookie("console_session")
        assert cookie is not None
        response = httpx.get(
            self.base + path, cookies={"console_session": cookie["value"]}, timeout=30
        )
        assert response.status_code == 200, (path, response.status_code)
        return response.content

    def screenshot(self, name: str, at: str | None = None) -> None:
        """The window, scrolled to the element with id ``at`` when given."""
        if at is not None:
            element = self.driver.find_element(By.ID, at)
            self.driver.execute_script("arguments[0].scrollIntoView()", element)
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
    assert b.read(By.ID, "case-count") == "3"
    b.accessible()
    b.screenshot("cases")

    b.open("/cases?scenario=7a")
    assert b.read(By.ID, "case-count") == "1"
    assert formal in b.text() and informal not in b.text()

    b.follow(By.LINK_TEXT, formal)
    assert b.h1() == f"Case {formal}"
    rules = b.driver.find_element(By.ID, "rules").find_element(By.XPATH, "..").text
    assert "P13-forward" in rules and "pending" in rules
    # P14g on a case the Court did not refer to the Security Council, in reporting's words
    # (services/reporting's procedural/wording.py, why.no_security_council).
    assert "the Court did not refer the matter to the Security Council" in rules
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
    # The rules' "why" in French: the console asked reporting with lang=fr.
    rules = b.driver.find_element(By.ID, "rules").find_element(By.XPATH, "..").text
    assert "la Cour n'a pas renvoyé la question au Conseil de sécurité" in rules, rules
    assert "the Court did not refer the matter" not in rules
    assert b.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    b.accessible()
    b.screenshot("case-fr")
    b.follow(By.CSS_SELECTOR, "a[hreflang=en]")
    b.sign_out()

    # Every role signs in and sees the cases it may see.
    for role in ROLES:
        b.sign_in(_token(role))
        b.wait.until(expected_conditions.presence_of_element_located((By.ID, "case-count")))
        assert f"{role}-console" in b.read(By.CSS_SELECTOR, "form.who")
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


def _good_offices_and_letters(b: Browser, formal: str, continued: str) -> None:
    today = datetime.now(UTC).date()
    # The President reads the good offices activated under 7(b); a Bureau member sees the case
    # (referred since) but not them: no section, no error, no hint.
    b.sign_in(_token("president"))
    b.wait.until(expected_conditions.presence_of_element_located((By.ID, "case-count")))
    b.open(f"/cases/{continued}")
    assert b.driver.find_elements(By.ID, "good-offices"), b.text()
    b.accessible()
    b.screenshot("case-good-offices", at="good-offices")
    # The open letter (P14b), the President's.
    b.open(f"/cases/{formal}")
    b.follow(By.LINK_TEXT, "Send the open letter (P14b)")
    b.fill("letter_reference", "L/2026/1")
    b.fill("reply_due_on", (today + timedelta(days=20)).isoformat())
    b.submit()
    b.wait.until(expected_conditions.presence_of_element_located((By.ID, "timeline")))
    assert "Recorded." in b.text()
    b.sign_out()

    b.sign_in(_token("bureau_member"))
    b.wait.until(expected_conditions.presence_of_element_located((By.ID, "case-count")))
    b.open(f"/cases/{continued}")
    assert b.h1() == f"Case {continued}"
    assert not b.driver.find_elements(By.ID, "good-offices")
    assert "Good offices" not in b.text()
    b.accessible()
    b.sign_out()


def another_site() -> Starlette:
    """A page of another site with a link to the console (``?to=`` the link's address): a mail
    or an intranet page, say."""

    async def page(request: Request) -> HTMLResponse:
        to = html.escape(request.query_params["to"])
        return HTMLResponse(
            f'<!doctype html><title>Elsewhere</title><p><a id="to-console" href="{to}">A case</a>'
        )

    return Starlette(routes=[Route("/", page)])


def _followed_from_another_site(b: Browser, elsewhere: str, formal: str) -> None:
    """A link from another site opens the console signed in: the SameSite=Strict cookie stays
    behind on that navigation, and the console must not replace it (console/cross_site.py).
    Chromium takes localhost and 127.0.0.1 for two sites."""
    before = b.driver.get_cookie("console_session")
    assert before is not None
    target = f"{b.base}/cases/{formal}?from=elsewhere"
    b.driver.get(f"{elsewhere}/?{httpx.QueryParams({'to': target})}")
    b.follow(By.ID, "to-console")
    # Through the console's reopening page, whose refresh replaces it at once.
    WebDriverWait(b.driver, 15, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda driver: b.h1() == f"Case {formal}"
    )
    assert b.driver.current_url == target
    assert "secretariat-console" in b.read(By.CSS_SELECTOR, "form.who")
    after = b.driver.get_cookie("console_session")
    assert after is not None and after["value"] == before["value"]


def _secretariat_pages(b: Browser, formal: str, elsewhere: str) -> None:
    today = datetime.now(UTC).date().isoformat()
    b.sign_in(_token("secretariat"))
    b.wait.until(expected_conditions.presence_of_element_located((By.ID, "case-count")))
    _followed_from_another_site(b, elsewhere, formal)
    # The open letter's reply is due in 20 days: the case is "due within" a month.
    b.open("/cases?deadline=due&within=30")
    assert formal in b.text() and "P14b" in b.text()
    b.accessible()
    b.screenshot("cases-due")

    # The calendar: a Bureau meeting scheduled, then held, through the console's forms.
    b.open("/calendar")
    assert "The Hague" in b.text()
    b.follow(By.LINK_TEXT, "Schedule a Bureau meeting")
    b.fill("meeting_id", "B-CONSOLE")
    b.fill("meets_on", today)
    b.submit()
    b.until_text("B-CONSOLE")
    b.follow(By.CSS_SELECTOR, "a[href='/calendar/meetings/B-CONSOLE/held']")
    b.fill("held_on", today)
    b.fill("decisions", "Invite the State")
    b.submit()
    b.until_text("Invite the State")
    b.accessible()
    b.screenshot("calendar")

    # P14c: the State invited to that meeting; then the reply to the open letter.
    b.open(f"/cases/{formal}")
    b.follow(By.LINK_TEXT, "Invite the State to a Bureau meeting (P14c)")
    b.fill("meeting_id", "B-CONSOLE")
    b.submit()
    b.wait.until(expected_conditions.presence_of_element_located((By.ID, "timeline")))
    assert "Recorded." in b.text(), b.text()
    b.follow(By.LINK_TEXT, "Record the reply to the open letter")
    b.fill("received_on", today)
    b.fill("summary", "The State will answer the Court")
    b.submit()
    b.wait.until(expected_conditions.presence_of_element_located((By.ID, "timeline")))
    assert "Recorded." in b.text(), b.text()

    b.open("/roster")
    assert b.h1() == "Focal points"
    assert "Amina Diallo" in b.text() and "African States" in b.text()
    b.accessible()
    b.screenshot("roster")

    # A report: drafted, previewed, downloaded as PDF, submitted.
    b.open("/reports")
    b.fill("recommendations", "The Bureau recommends that the Assembly take note.")
    b.submit()
    b.wait.until(expected_conditions.presence_of_element_located((By.ID, "report-id")))
    report_id = b.driver.find_element(By.ID, "report-id").text
    assert b.driver.find_element(By.ID, "report-status").text == "draft"
    b.accessible()
    b.screenshot("report")
    # The list shows the draft, linked; the report is opened from it.
    b.open("/reports")
    row = b.driver.find_element(By.CSS_SELECTOR, f"#reports a[href='/reports/{report_id}']")
    assert row.text == "ASP-25"
    assert "draft" in row.find_element(By.XPATH, "ancestor::tr").text
    b.accessible()
    b.screenshot("reports")
    b.follow(By.CSS_SELECTOR, f"#reports a[href='/reports/{report_id}']")
    b.wait.until(expected_conditions.presence_of_element_located((By.ID, "report-id")))
    document = b.fetch(f"/reports/{report_id}.pdf")
    assert document.startswith(b"%PDF-"), document[:20]
    assert b.fetch(f"/reports/{report_id}.md").startswith(b"# Report of the Bureau")
    b.follow(By.ID, "submit-report")
    b.wait.until(expected_conditions.presence_of_element_located((By.ID, "report-status")))
    assert b.driver.find_element(By.ID, "report-status").text == "submitted", b.text()
    # Submitted, it is frozen: its PDF is the same bytes at every download.
    assert b.fetch(f"/reports/{report_id}.pdf") == b.fetch(f"/reports/{report_id}.pdf")
    b.open("/reports?status=submitted")
    row = b.driver.find_element(By.CSS_SELECTOR, f"#reports a[href='/reports/{report_id}']")
    assert "submitted" in row.find_element(By.XPATH, "ancestor::tr").text

    b.open("/calendar")
    b.follow(By.CSS_SELECTOR, "a[hreflang=fr]")
    assert b.h1() == "Calendrier" and "ordinaire" in b.text()
    b.accessible()
    b.screenshot("calendar-fr")
    b.follow(By.CSS_SELECTOR, "a[hreflang=en]")
    b.sign_out()


async def test_the_console_in_a_browser(served: Served, browser: webdriver.Chrome) -> None:
    formal, informal, continued = await _seed(served.system)
    b = Browser(browser, served.console_url)
    await asyncio.to_thread(_walk, b, formal, informal)
    await asyncio.to_thread(_good_offices_and_letters, b, formal, continued)
    async with AsyncExitStack() as stack:
        served_elsewhere = await serve_on_free_port(stack, another_site(), lifespan="off")
        elsewhere = served_elsewhere.replace("127.0.0.1", "localhost")
        await asyncio.to_thread(_secretariat_pages, b, formal, elsewhere)
