"""Which command forms the console offers to whom.

Only to hide links a person could not use: the service is the authority, and refuses (403) a
command the person may not give whatever the console shows. Each action names the service route
it sends, and a unit test checks its roles against tests/system/access_table.py's row for that
route, so the two cannot drift apart silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from noncoop_shared.auth.principal import Principal

FR = "/v1/cases/{case_id}/formal-response"


@dataclass(frozen=True)
class Action:
    slug: str
    """The form's path: ``/cases/{id}/<slug>`` on a case, ``/calendar/<slug>`` otherwise."""
    label: str
    """The msgid of its link and title."""
    roles: frozenset[str]
    route: str
    """The service route the form sends, as the access table names it."""
    on_case: bool = True


SECRETARIAT = frozenset({"secretariat"})
REPORT_WRITERS = frozenset({"secretariat", "bureau_member", "president"})
ACTIONS = (
    Action(
        "forwarding",
        "Record the forwarding to the States Parties",
        SECRETARIAT,
        "POST /v1/cases/{case_id}/forwarding",
    ),
    Action(
        "press-release",
        "Record the press release",
        frozenset({"president", "secretariat"}),
        "POST /v1/cases/{case_id}/press-release",
    ),
    Action(
        "invitation",
        "Invite the State to a Bureau meeting (P14c)",
        SECRETARIAT,
        f"POST {FR}/invitation",
    ),
    Action(
        "open-letter",
        "Send the open letter (P14b)",
        frozenset({"president"}),
        f"POST {FR}/open-letter",
    ),
    Action(
        "open-letter-reply",
        "Record the reply to the open letter",
        SECRETARIAT,
        f"POST {FR}/open-letter/reply",
    ),
    Action(
        "meetings/new",
        "Schedule a Bureau meeting",
        SECRETARIAT,
        "POST /v1/bureau-meetings",
        on_case=False,
    ),
    Action(
        "meetings/held",
        "Record a Bureau meeting held",
        SECRETARIAT,
        "POST /v1/bureau-meetings/{meeting_id}/held",
        on_case=False,
    ),
    Action("reports/draft", "Draft a report", REPORT_WRITERS, "POST /v1/reports", on_case=False),
    Action(
        "reports/submit",
        "Submit the report",
        REPORT_WRITERS,
        "POST /v1/reports/{report_id}/submission",
        on_case=False,
    ),
)


def may(principal: Principal, action: Action) -> bool:
    return principal.role.value in action.roles


def actions_for(principal: Principal, *, on_case: bool = True) -> tuple[Action, ...]:
    return tuple(a for a in ACTIONS if a.on_case == on_case and may(principal, a))


def action(slug: str) -> Action:
    for candidate in ACTIONS:
        if candidate.slug == slug:
            return candidate
    raise KeyError(slug)
