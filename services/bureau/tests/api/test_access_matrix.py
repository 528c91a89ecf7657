"""Who may issue each Bureau command, and who reads which records (docs/architecture.md §8): every
command x every role, and the formal response as each role sees it.

The case, the sessions and the meetings are set up so that the one allowed call of every
command succeeds: a refusal in the matrix is about the role, never about the state of the case.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from noncoop_shared.testing import ROLE_CLAIMS, TODAY, dated, utc_today

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

ROLES = ROLE_CLAIMS
LATER = (utc_today() + timedelta(days=10)).isoformat()
IN_ASP25 = (utc_today() - timedelta(days=28)).isoformat()
"""A day of ASP-25, the session after the Court decision (30 March 2026), over by today."""
FR = "/v1/cases/{case}/formal-response"
# In order: each command's allowed call finds the case ready for it.
COMMANDS: dict[str, tuple[set[str], dict[str, Any]]] = {
    "/v1/sessions": (
        {"secretariat"},
        {
            "session_id": "ASP-M",
            "number": 40,
            "kind": "special",
            "starts_on": "2031-01-10",
            "ends_on": "2031-01-12",
            "venue": "New York",
        },
    ),
    "/v1/sessions/ASP-M/dates": (
        {"secretariat"},
        {"starts_on": "2031-02-10", "ends_on": "2031-02-12", "venue": "The Hague"},
    ),
    "/v1/sessions/ASP-M/non-cooperation-mark": ({"secretariat"}, {"reason": "Bureau decision"}),
    "/v1/bureau-meetings": ({"secretariat"}, {"meeting_id": "B-M", "meets_on": LATER}),
    "/v1/bureau-meetings/B-0/held": (
        {"secretariat"},
        {"held_on": TODAY, "decisions": ["d"]},
    ),
    f"{FR}/emergency-meeting": ({"secretariat"}, {"meeting_id": "B-EM"}),
    f"{FR}/emergency-meeting/held": (
        {"secretariat"},
        {"held_on": TODAY, "decisions": ["Open letter"]},
    ),
    f"{FR}/emergency-meeting/announcements": ({"secretariat"}, {"announcement": "convening"}),
    f"{FR}/open-letter": (
        {"president"},
        {"letter_reference": "L-1", "reply_due_on": "2099-01-01"},
    ),
    f"{FR}/open-letter/reply": (
        {"secretariat"},
        {"received_on": TODAY, "summary": "views"},
    ),
    f"{FR}/invitation": ({"secretariat"}, {"meeting_id": "B-0"}),
    f"{FR}/attendance": ({"secretariat"}, {"attended": True}),
    f"{FR}/nywg-request": ({"secretariat"}, {}),
    f"{FR}/omnibus-noting": ({"secretariat"}, {}),
    f"{FR}/plenary": ({"secretariat"}, {"held_on": IN_ASP25}),
    f"{FR}/facilitator": ({"secretariat"}, {"facilitator": "Ambassador F."}),
    f"{FR}/security-council-letter": ({"president"}, {"letter_reference": "SC-1"}),
}


async def set_up(system: Any, *, invited: bool = False) -> str:
    """A referred case (the Court seized the Security Council), the session after its decision
    (over by today) and one starting in more than three months, an ordinary meeting today (held
    today in the matrix), an emergency meeting today and a meeting in ten days."""
    case_id = str(await system.referred(referred_to_security_council=True))
    for session_id, number, starts, ends in [
        ("ASP-25", 25, utc_today() - timedelta(days=30), utc_today() - timedelta(days=25)),
        ("ASP-26", 26, utc_today() + timedelta(days=400), utc_today() + timedelta(days=405)),
    ]:
        response = await system.post(
            "/v1/sessions",
            {
                "session_id": session_id,
                "number": number,
                "kind": "regular",
                "starts_on": starts.isoformat(),
                "ends_on": ends.isoformat(),
                "venue": "The Hague",
            },
        )
        assert response.status_code == 201, response.text
    for meeting_id, on, emergency in [
        ("B-0", utc_today().isoformat(), False),
        ("B-EM", utc_today().isoformat(), True),
        ("B-7", LATER, False),
    ]:
        response = await system.post(
            "/v1/bureau-meetings",
            {"meeting_id": meeting_id, "meets_on": on, "emergency": emergency},
        )
        assert response.status_code == 201, response.text
    return case_id


async def test_every_command_refuses_every_role_it_does_not_name_and_anonymous_callers(
    system: Any, auth: Auth
) -> None:
    case_id = await set_up(system)
    checked = 0
    for template, (allowed, body) in COMMANDS.items():
        url = template.replace("{case}", case_id)
        anonymous = await system.bureau.post(url, json=dated(body))
        assert anonymous.status_code == 401, (url, anonymous.text)
        for role, claims in ROLES.items():
            response = await system.bureau.post(url, json=dated(body), headers=auth(role, **claims))
            # The set-up makes the one allowed call succeed; every other role is refused.
            expected = "2xx" if role in allowed else "403"
            got = "2xx" if 200 <= response.status_code < 300 else str(response.status_code)
            assert got == expected, (url, role, response.text)
            checked += 1
    print(
        f"access matrix: {len(COMMANDS)} commands x {len(ROLES)} roles + anonymous = "
        f"{checked + len(COMMANDS)} checks"
    )
    assert checked == len(COMMANDS) * len(ROLES)
    # Every allowed call did its work: the formal response went through every step.
    view = await system.formal_response(case_id)
    assert len(view["steps"]) == len([t for t in COMMANDS if t.startswith(FR)])


BUREAU_READERS = {"bureau_member", "president", "secretariat"}
EVERYTHING = {"public", "states_parties", "bureau"}


async def test_each_role_reads_exactly_the_classifications_it_may_read(
    system: Any, auth: Auth
) -> None:
    case_id = await set_up(system)
    fr = FR.replace("{case}", case_id)
    held = await system.post("/v1/bureau-meetings/B-0/held", {"held_on": utc_today().isoformat()})
    assert held.status_code == 201, held.text
    for step, body in [
        ("emergency-meeting", {"meeting_id": "B-EM"}),  # bureau
        (
            "emergency-meeting/held",
            {"held_on": utc_today().isoformat(), "decisions": ["d"]},
        ),  # bureau
        ("emergency-meeting/announcements", {"announcement": "decisions"}),  # states_parties
        ("invitation", {"meeting_id": "B-0"}),  # states_parties
        ("attendance", {"attended": False}),  # bureau
        ("nywg-request", {}),  # public
    ]:
        response = await system.post(f"{fr}/{step}", body)
        assert response.status_code == 200, (step, response.text)
    assert (await system.bureau.get(fr)).status_code == 401
    seen: dict[str, set[str]] = {}
    for role, claims in ROLES.items():
        response = await system.bureau.get(fr, headers=auth(role, **claims))
        assert response.status_code == 200, (role, response.text)
        seen[role] = {entry["classification"] for entry in response.json()["timeline"]}
    expected = {
        role: EVERYTHING if role in BUREAU_READERS else EVERYTHING - {"bureau"} for role in ROLES
    }
    assert seen == expected
