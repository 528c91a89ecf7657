"""P14e: the Court's decision is noted in the omnibus resolution of the next (or on-going)
session. P14f: the Bureau report is discussed in plenary at that session, and a facilitator may
be appointed to consult on a draft resolution."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bureau.domain.commands import (
    AppointFacilitator,
    RecordOmnibusNoting,
    RecordPlenaryDiscussion,
)
from noncoop_shared.access import Classification
from noncoop_shared.catalogue.bureau import (
    FacilitatorAppointed,
    OmnibusNotingRecorded,
    PlenaryDiscussionRecorded,
)
from noncoop_shared.errors import InvalidTransitionError

STARTS_ON = date(2026, 12, 1)
DURING = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)


def test_P14e_the_decision_is_noted_in_the_omnibus_resolution_of_the_session(opened, session_on):
    decision = opened.run(RecordOmnibusNoting(session_on(STARTS_ON)), DURING)

    (recorded,) = decision.events
    assert recorded.payload == OmnibusNotingRecorded(case_id="NC-2026-007", session_id="ASP-25")
    assert recorded.effective_classification() is Classification.PUBLIC
    assert "P14e" not in opened.state.remaining_steps()


def test_P14e_no_noting_without_a_next_or_ongoing_session(opened):
    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(RecordOmnibusNoting(None), DURING)

    assert "No Assembly session is on-going or scheduled" in refused.value.detail


def test_P14e_the_decision_is_noted_once(opened, session_on):
    opened.run(RecordOmnibusNoting(session_on(STARTS_ON)), DURING)

    with pytest.raises(InvalidTransitionError, match=r"already noted .* session ASP-25"):
        opened.run(RecordOmnibusNoting(session_on(date(2027, 12, 1), "ASP-26")), DURING)


def test_P14f_the_plenary_discussion_is_recorded_on_a_day_of_the_session(opened, session_on):
    decision = opened.run(RecordPlenaryDiscussion(session_on(STARTS_ON), date(2026, 12, 4)), DURING)

    assert [p.payload for p in decision.events] == [
        PlenaryDiscussionRecorded(
            case_id="NC-2026-007", session_id="ASP-25", held_on=date(2026, 12, 4)
        )
    ]
    assert "P14f" not in opened.state.remaining_steps()


def test_P14f_a_plenary_discussion_outside_the_session_is_refused(opened, session_on):
    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(RecordPlenaryDiscussion(session_on(STARTS_ON), date(2026, 11, 30)), DURING)

    assert "runs from 2026-12-01 to 2026-12-10" in refused.value.detail


def test_P14f_the_plenary_discussion_is_recorded_once(opened, session_on):
    opened.run(RecordPlenaryDiscussion(session_on(STARTS_ON), date(2026, 12, 4)), DURING)

    with pytest.raises(InvalidTransitionError, match="already recorded"):
        opened.run(RecordPlenaryDiscussion(session_on(STARTS_ON), date(2026, 12, 4)), DURING)


def test_P14f_a_facilitator_is_appointed_for_the_session(opened, session_on):
    decision = opened.run(AppointFacilitator(session_on(STARTS_ON), "H.E. A. Example"), DURING)

    (recorded,) = decision.events
    assert recorded.payload == FacilitatorAppointed(
        case_id="NC-2026-007", session_id="ASP-25", facilitator="H.E. A. Example"
    )
    assert opened.state.facilitator is not None


def test_P14f_a_facilitator_is_appointed_once(opened, session_on):
    opened.run(AppointFacilitator(session_on(STARTS_ON), "H.E. A. Example"), DURING)

    with pytest.raises(InvalidTransitionError, match="already appointed"):
        opened.run(AppointFacilitator(session_on(STARTS_ON), "H.E. B. Example"), DURING)
