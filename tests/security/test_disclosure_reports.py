"""The Bureau report: hostile text cannot turn it into a weapon, and reading it is cheap.

Finding "report Markdown keeps javascript: links and image beacons": every free text that reaches
the report (the Court's references and chamber, the State's name, the session's venue, the press
release, the recommendations) is written by a caller; rendered, the Markdown and the HTML must
hold no link, no image, no script and no raw HTML of theirs.
"""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from typing import Any

import httpx
import pytest
from markdown_it import MarkdownIt
from tests.system.conftest import FourServices, headers_for

from noncoop_shared.testing import utc_today

pytestmark = pytest.mark.integration

HOSTILE = (
    "[x](javascript:alert(1)) ![b](https://evil.example/b.png) <img src=//evil.example/i.png>"
    " <script>alert(1)</script> [y]: data:text/html,z [y] <http://evil.example/a>"
)
#: What no rendering of a report may hold: a link, an image, a script, an event handler.
WEAPONS = re.compile(r"<(a|img|script|iframe)\b|<[^>]*\b(href|src|on\w+)=", re.IGNORECASE)


async def ok(client: httpx.AsyncClient, path: str, body: Any, role: str) -> Any:
    response = await client.post(path, json=body, headers=headers_for(role))
    assert response.status_code in (200, 201), (path, response.text)
    return response.json()


async def hostile_case_and_session(system: FourServices) -> None:
    referrals, bureau = system.clients["referrals"], system.clients["bureau"]
    await ok(
        bureau,
        "/v1/sessions",
        {
            "session_id": "ASP-H",
            "number": 30,
            "kind": "regular",
            "starts_on": (utc_today() + timedelta(days=20)).isoformat(),
            "ends_on": (utc_today() + timedelta(days=25)).isoformat(),
            "venue": HOSTILE[:200],
        },
        "secretariat",
    )
    referral = {
        "decision": {
            "reference": HOSTILE[:200],
            "date": utc_today().isoformat(),
            "chamber": HOSTILE[-200:],
            "legal_basis": "87(7)",
            "referred_to_assembly": True,
            "referred_to_security_council": True,
        },
        "requested_state": {"name": HOSTILE[:120], "code": "EXA", "status": "state_party"},
        "court_request": {"article": "89", "reference": HOSTILE[:200]},
    }
    case_id = (await ok(referrals, "/v1/court-referrals", referral, "court"))["case_id"]
    await ok(
        referrals,
        f"/v1/cases/{case_id}/forwarding",
        {"communication_reference": HOSTILE[:200]},
        "secretariat",
    )
    await ok(
        referrals,
        f"/v1/cases/{case_id}/press-release",
        {"reference": HOSTILE[:200], "title": HOSTILE},
        "president",
    )


async def draft(reporting: httpx.AsyncClient, body: dict[str, str]) -> Any:
    """A draft, once reporting has read the session's scheduling from the log (bureau's event;
    until then the session is rightly "not on the calendar")."""
    for _ in range(200):
        response = await reporting.post(
            "/v1/reports", json=body, headers=headers_for("secretariat")
        )
        if response.status_code != 422 or "is not on the calendar" not in response.text:
            break
        await asyncio.sleep(0.05)
    assert response.status_code == 201, response.text
    return response.json()


async def drafted(system: FourServices) -> tuple[str, str]:
    """A draft to the hostile session once reporting has read the case: (Markdown, HTML)."""
    reporting = system.clients["reporting"]
    secretariat = headers_for("secretariat")
    for _ in range(200):
        report = await draft(
            reporting,
            {"session_id": "ASP-H", "recommendations": f"# Heading\n{HOSTILE}\n> {HOSTILE}"},
        )
        markdown = (
            await reporting.get(f"/v1/reports/{report['report_id']}.md", headers=secretariat)
        ).text
        if "Republic" in markdown or "evil" in markdown.split("II.", 1)[-1].split("III.", 1)[0]:
            html = (
                await reporting.get(f"/v1/reports/{report['report_id']}.html", headers=secretariat)
            ).text
            return markdown, html
        await asyncio.sleep(0.1)
    raise AssertionError("reporting never drew the hostile case")


async def test_hostile_text_makes_no_link_image_or_script_in_the_report(
    four_services: FourServices,
) -> None:
    await hostile_case_and_session(four_services)
    markdown, html = await drafted(four_services)
    assert "evil.example" in markdown  # the text is there, as text
    rendered = MarkdownIt("commonmark").render(markdown)
    assert not WEAPONS.findall(rendered), [
        line for line in rendered.splitlines() if WEAPONS.search(line)
    ]
    assert not WEAPONS.findall(html), [line for line in html.splitlines() if WEAPONS.search(line)]
    assert not re.search(r"^#+ Heading", markdown, re.MULTILINE)  # no heading smuggled in


def undated(markdown: str) -> str:
    """The draft without the moment it was drawn (a draft drawn again says a new one)."""
    return re.sub(r"As of \S+ \(record time\)", "", markdown)


async def test_reading_a_report_again_renders_nothing_until_the_log_moves(
    four_services: FourServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding "reports are re-rendered from the whole log on every read": N reads of a draft
    draw it at most once; a new event on the log draws it again; a submitted report is drawn
    once and never again (ADR 0012: frozen)."""
    from reporting.application import report_submission as submission

    drawings: list[int] = []
    build = submission.build_content

    def counted(*args: Any, **kwargs: Any) -> Any:
        drawings.append(1)
        return build(*args, **kwargs)

    monkeypatch.setattr(submission, "build_content", counted)
    system = four_services
    await hostile_case_and_session(system)
    reporting, secretariat = system.clients["reporting"], headers_for("secretariat")
    report = await draft(reporting, {"session_id": "ASP-H"})
    path = f"/v1/reports/{report['report_id']}"

    async def settled_markdown() -> str:
        """The draft once two reads in a row agree (policies have stopped writing)."""
        last = ""
        for _ in range(100):
            text = undated((await reporting.get(f"{path}.md", headers=secretariat)).text)
            if text == last and "P13-press" in text:
                return text
            last = text
            await asyncio.sleep(0.2)
        raise AssertionError("the log never settled")

    before = await settled_markdown()
    drawn = len(drawings)
    for _ in range(10):
        assert undated((await reporting.get(f"{path}.md", headers=secretariat)).text) == before
        assert (await reporting.get(f"{path}.html", headers=secretariat)).status_code == 200
    assert len(drawings) == drawn, "a read that changes nothing drew the report again"

    # A new event moves the log: the next read draws the draft again and shows it.
    referrals = system.clients["referrals"]
    case_id = (await referrals.get("/v1/cases", headers=secretariat)).json()["items"][0]["case_id"]
    await ok(referrals, f"/v1/cases/{case_id}/closure", {"reason": "other"}, "secretariat")
    for _ in range(100):
        after = undated((await reporting.get(f"{path}.md", headers=secretariat)).text)
        if after != before:
            break
        await asyncio.sleep(0.1)
    assert after != before and len(drawings) > drawn

    submitted = await reporting.post(f"{path}/submission", headers=secretariat)
    assert submitted.status_code == 200, submitted.text
    drawn = len(drawings)
    frozen = {(await reporting.get(f"{path}.md", headers=secretariat)).text for _ in range(10)}
    frozen |= {(await reporting.get(f"{path}.html", headers=secretariat)).text for _ in range(5)}
    assert len(frozen) == 2 and len(drawings) == drawn, "a submitted report was drawn again"
