"""The cases: referrals' register, filtered by scenario, status and State, sorted, counted."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from console.backends import answer
from console.deadlines import DEADLINES, Deadline, read_states
from console.i18n import service_language
from console.pages.common import CurrentConsole, Person
from console.state import Console
from noncoop_client.referrals.api.cases import list_cases
from noncoop_client.referrals.models.case_list import CaseList
from noncoop_client.referrals.models.case_summary import CaseSummary
from noncoop_client.referrals.models.list_cases_scenario_type_0 import ListCasesScenarioType0
from noncoop_client.referrals.models.list_cases_status_type_0 import ListCasesStatusType0
from noncoop_client.referrals.types import UNSET
from noncoop_client.reporting.models.rule_state import RuleState

router = APIRouter()

SCENARIOS = tuple(s.value for s in ListCasesScenarioType0)
STATUSES = tuple(s.value for s in ListCasesStatusType0)
SORTS = ("opened", "state", "status")
#: The list reads every page of the register up to this many cases (counts are over them; the
#: page says when there were more).
MAX_CASES = 1000
_PAGE = 100
_STATE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Filters:
    scenario: str = ""
    status: str = ""
    state: str = ""
    sort: str = "opened"
    deadline: Deadline = field(default_factory=Deadline)

    @classmethod
    def of(
        cls, scenario: str, status: str, state: str, sort: str, deadline: Deadline | None = None
    ) -> Filters:
        # A value the register does not know is dropped (the form only offers known ones).
        state = state.strip().upper()
        return cls(
            scenario=scenario if scenario in SCENARIOS else "",
            status=status if status in STATUSES else "",
            state=state if _STATE.match(state) else "",
            sort=sort if sort in SORTS else "opened",
            deadline=deadline or Deadline(),
        )


async def read_register(
    console: Console, token: str, filters: Filters
) -> tuple[list[CaseSummary], bool]:
    """Every case the person may see that matches, up to :data:`MAX_CASES`; True when cut."""
    found: list[CaseSummary] = []
    cursor: str | None = None
    async with console.backends.referrals(token) as client:
        while True:
            response = await answer(
                "referrals",
                list_cases.asyncio_detailed(
                    client=client,
                    scenario=ListCasesScenarioType0(filters.scenario)
                    if filters.scenario
                    else UNSET,
                    status=ListCasesStatusType0(filters.status) if filters.status else UNSET,
                    state=filters.state or UNSET,
                    cursor=cursor or UNSET,
                    limit=_PAGE,
                ),
            )
            page = response.parsed
            assert isinstance(page, CaseList)
            found.extend(page.items)
            cursor = page.next_cursor
            if cursor is None:
                return found, False
            if len(found) >= MAX_CASES:
                return found[:MAX_CASES], True


def sort_cases(cases: list[CaseSummary], sort: str) -> list[CaseSummary]:
    if sort == "state":
        return sorted(cases, key=lambda c: (c.requested_state_name or "", c.case_id))
    if sort == "status":
        return sorted(cases, key=lambda c: (c.status or "", c.case_id))
    # Newest first: the cases being worked on are the recent ones.
    return sorted(cases, key=lambda c: c.opened_on.isoformat() if c.opened_on else "", reverse=True)


@router.get("/cases")
async def cases_page(
    request: Request,
    console: CurrentConsole,
    person: Person,
    scenario: str = "",
    status: str = "",
    state: str = "",
    sort: str = "opened",
    deadline: str = "",
    within: str = "14",
) -> Response:
    filters = Filters.of(scenario, status, state, sort, Deadline.of(deadline, within))
    cases, cut = await read_register(console, person.token, filters)
    due: dict[str, list[RuleState]] = {}
    if filters.deadline.kind:
        # Only with a deadline filter: it costs a read of reporting per case (console.deadlines).
        ids = [c.case_id for c in cases]
        states = await read_states(console, person.token, ids, lang=service_language(request))
        now = datetime.now(UTC)
        due = {c.case_id: filters.deadline.rules(states[c.case_id], now) for c in cases}
        cases = [c for c in cases if due[c.case_id]]
    return console.pages.render(
        request,
        "cases.html",
        cases=sort_cases(cases, filters.sort),
        cut=cut,
        max_cases=MAX_CASES,
        filters=filters,
        scenarios=SCENARIOS,
        statuses=STATUSES,
        sorts=SORTS,
        deadlines=DEADLINES,
        due=due,
        by_status=sorted(Counter(c.status or "" for c in cases).items()),
        by_scenario=sorted(Counter(c.scenario or "" for c in cases).items()),
    )
