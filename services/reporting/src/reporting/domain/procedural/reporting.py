"""The fold of reporting's own events (the ``bureau-report:`` stream): the Bureau report that
covers the case, submitted to a session (P15)."""

from __future__ import annotations

from datetime import datetime

from noncoop_shared.catalogue import reporting as rp
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.envelope import Envelope
from reporting.domain.procedural.facts import CaseFacts
from reporting.domain.procedural.folding import done
from reporting.domain.procedural.wording import Note


def fold_reporting_event(
    facts: CaseFacts, envelope: Envelope, payload: EventPayload, at: datetime
) -> None:
    match payload:
        case rp.BureauReportSubmitted():
            facts.p15_reports += 1
            what = {"report": payload.report_id, "session": payload.session_id}
            done(facts.p15, envelope, payload.report_id, note=Note("p15.report", args=what))
        case _:
            pass
