"""The commands of the lag figure: a seeded mix of new cases and follow-ups on earlier ones.

Each command knows when its effect is *visible in the procedural state*, from the row reporting
keeps for the case and the audience ``restricted`` (which reads everything):

- a Court referral (7(a)): the row exists with scenario ``7a``;
- an urgent incident (7(b)): the row exists with scenario ``7b`` (or already
  ``7b_continued_as_7a``: the follow-up may land before the poll sees the first);
- the Court's referral of a 7(b) case (S7b-to-7a): scenario ``7b_continued_as_7a``;
- forwarding / press release (P13): rule ``P13-forward`` / ``P13-press`` is ``done``.

Policy events of good_offices and bureau also land in the same row (a formal response opens on
a referral), so the row's event count alone would not tell which command it reflects; these
checks look at what the command itself changes.
"""

from __future__ import annotations

import random
import time
from collections import deque
from dataclasses import dataclass
from enum import StrEnum

from noncoop_shared.testing import court_decision_body, urgent_incident_body

# A case gets its follow-ups one at a time, each at least this long after the case's previous
# command was accepted: people act on a case later, and two commands racing on one stream would
# measure referrals' version conflicts (409), not the lag.
FOLLOW_UP_MIN_AGE_S = 0.5


class Kind(StrEnum):
    COURT_REFERRAL = "court_referral"
    URGENT_INCIDENT = "urgent_incident"
    CONTINUED_AS_7A = "continued_as_7a"
    FORWARDING = "forwarding"
    PRESS_RELEASE = "press_release"


# Share of each kind in the mix. A follow-up without an eligible case (at the start) is sent as
# a new Court referral instead, so the achieved mix is in the results.
MIX: dict[Kind, float] = {
    Kind.COURT_REFERRAL: 0.38,
    Kind.URGENT_INCIDENT: 0.10,
    Kind.CONTINUED_AS_7A: 0.05,
    Kind.FORWARDING: 0.25,
    Kind.PRESS_RELEASE: 0.22,
}
# What a case may get once a command of a kind is accepted on it (forwarding, then press).
NEXT_STEP = {
    Kind.COURT_REFERRAL: Kind.FORWARDING,
    Kind.CONTINUED_AS_7A: Kind.FORWARDING,
    Kind.URGENT_INCIDENT: Kind.CONTINUED_AS_7A,
    Kind.FORWARDING: Kind.PRESS_RELEASE,
}

ROLE = {
    Kind.COURT_REFERRAL: "court",
    Kind.URGENT_INCIDENT: "secretariat",
    Kind.CONTINUED_AS_7A: "court",
    Kind.FORWARDING: "secretariat",
    Kind.PRESS_RELEASE: "president",
}

# One row of the poll (see lagbench.VISIBILITY_QUERY): the case's scenario and two rule states.
VisibleRow = tuple[str | None, bool, bool]  # scenario, P13-forward done, P13-press done


def is_visible(kind: Kind, row: VisibleRow | None) -> bool:
    if row is None:
        return False
    scenario, forwarded, press_released = row
    match kind:
        case Kind.COURT_REFERRAL:
            return scenario == "7a"
        case Kind.URGENT_INCIDENT:
            return scenario in ("7b", "7b_continued_as_7a")
        case Kind.CONTINUED_AS_7A:
            return scenario == "7b_continued_as_7a"
        case Kind.FORWARDING:
            return forwarded
        case Kind.PRESS_RELEASE:
            return press_released


@dataclass(frozen=True)
class Command:
    """One HTTP command: its kind, who sends it, where, and on which case (``None``: new)."""

    number: int
    kind: Kind
    path: str
    body: dict[str, object]
    case_id: str | None

    @property
    def role(self) -> str:
        return ROLE[self.kind]


class CommandMix:
    """Draws the next command; learns from accepted commands which cases can be followed up."""

    def __init__(self, label: str, seed: int) -> None:
        self._label = label
        self._random = random.Random(seed)  # noqa: S311 (a reproducible mix, not a secret)
        self._number = 0
        # Per follow-up, the cases ready for it: (previous command accepted at, case id).
        self._waiting: dict[Kind, deque[tuple[float, str]]] = {
            kind: deque() for kind in set(NEXT_STEP.values())
        }

    def next(self) -> Command:
        self._number += 1
        kinds, weights = zip(*MIX.items(), strict=True)
        kind = self._random.choices(kinds, weights)[0]
        case_id = self._take_case(kind) if kind in self._waiting else None
        if kind in self._waiting and case_id is None:
            kind = Kind.COURT_REFERRAL
        return Command(self._number, kind, *self._request(kind, case_id), case_id)

    def accepted(self, kind: Kind, case_id: str, at: float) -> None:
        """The case's next follow-up becomes possible (a refused one leaves the case alone)."""
        if kind in NEXT_STEP:
            self._waiting[NEXT_STEP[kind]].append((at, case_id))

    def _take_case(self, kind: Kind) -> str | None:
        waiting = self._waiting[kind]
        if waiting and waiting[0][0] <= time.perf_counter() - FOLLOW_UP_MIN_AGE_S:
            return waiting.popleft()[1]
        return None

    def _request(self, kind: Kind, case_id: str | None) -> tuple[str, dict[str, object]]:
        ref = f"BENCH/LAG/{self._label}/{self._number:06d}"
        match kind:
            case Kind.COURT_REFERRAL:
                return "/v1/court-referrals", court_decision_body(reference=ref)
            case Kind.URGENT_INCIDENT:
                return "/v1/urgent-incidents", urgent_incident_body()
            case Kind.CONTINUED_AS_7A:
                decision = court_decision_body(reference=ref)["decision"]
                body = {"decision": decision, "requested_state_code": "EXA"}
                return f"/v1/cases/{case_id}/court-referral", body
            case Kind.FORWARDING:
                return f"/v1/cases/{case_id}/forwarding", {"communication_reference": ref}
            case Kind.PRESS_RELEASE:
                body = {"reference": ref, "title": "President of the Assembly on a referral"}
                return f"/v1/cases/{case_id}/press-release", body
