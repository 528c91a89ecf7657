"""The sessions projection of reporting: the calendar as the Bureau's events record it, asked
"the next (or on-going) session" through the one shared function (resumed parts count as their
session on-going; a special session only where the Bureau marked it)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from noncoop_shared.calendar import SessionKind
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import meta_of
from noncoop_shared.envelope import Envelope
from reporting.domain.calendar import (
    Session,
    calendar,
    fold_sessions,
    next_or_ongoing_session,
)

AT = datetime(2025, 1, 10, tzinfo=UTC)


def scheduled(
    session_id: str,
    starts_on: date,
    ends_on: date,
    *,
    number: int,
    kind: SessionKind = SessionKind.REGULAR,
    marked: bool = False,
) -> Envelope:
    payload = bu.SessionScheduled(
        session_id=session_id,
        number=number,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        venue="The Hague",
        takes_up_non_cooperation=marked,
    )
    meta = meta_of(payload)
    return Envelope(
        id=uuid.uuid4(),
        type=meta.type,
        source="noncoop/bureau",
        subject=bu.CALENDAR_STREAM,
        time=AT,
        data=payload.model_dump(mode="json"),
        stream=bu.CALENDAR_STREAM,
        streamversion=1,
        occurredat=AT,
        actorrole="secretariat",
        actorid="sec-1",
        classification=meta.classification,
        correlationid="corr-1",
        schemaversion=1,
        rule=None,
        prevhash="0" * 64,
        hash="0" * 64,
    )


SESSIONS = list(
    fold_sessions(
        [
            scheduled("ASP-24", date(2025, 12, 1), date(2025, 12, 6), number=24),
            scheduled(
                "SS-1", date(2026, 2, 10), date(2026, 2, 11), number=24, kind=SessionKind.SPECIAL
            ),
            scheduled(
                "SS-2",
                date(2026, 3, 10),
                date(2026, 3, 11),
                number=24,
                kind=SessionKind.SPECIAL,
                marked=True,
            ),
            scheduled(
                "ASP-24-R", date(2026, 7, 7), date(2026, 7, 8), number=24, kind=SessionKind.RESUMED
            ),
            scheduled("ASP-25", date(2026, 12, 1), date(2026, 12, 9), number=25),
        ]
    ).values()
)


def test_the_projection_keeps_the_bureaus_mark_on_a_special_session():
    by_id = {s.session_id: s for s in SESSIONS}
    assert (by_id["SS-1"].takes_up_non_cooperation, by_id["SS-2"].takes_up_non_cooperation) == (
        False,
        True,
    )
    shared = {s.session_id: s for s in calendar(SESSIONS)}
    assert shared["SS-2"].kind is SessionKind.SPECIAL and shared["SS-2"].takes_up_non_cooperation
    assert shared["ASP-24-R"].number == 24


def test_a_row_from_before_kinds_were_recorded_reads_as_a_regular_session():
    old = Session("ASP-9", date(2010, 12, 1), date(2010, 12, 9))
    assert (old.as_calendar().kind, old.as_calendar().number) == (SessionKind.REGULAR, 0)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2025, 12, 6), "ASP-24"),  # the closing day: on-going
        (date(2025, 12, 7), "SS-2"),  # the unmarked special SS-1 does not count
        (date(2026, 2, 10), "SS-2"),
        (date(2026, 3, 11), "SS-2"),  # the marked special, on its closing day
        (date(2026, 3, 12), "ASP-25"),  # between ASP-24's parts it is not on-going
        (date(2026, 7, 7), "ASP-24"),  # its resumed part: ASP-24 on-going again
        (date(2026, 7, 9), "ASP-25"),
        (date(2026, 12, 10), None),
    ],
)
def test_next_or_ongoing_session_is_the_shared_calendars_answer(on: date, expected: str | None):
    found = next_or_ongoing_session(SESSIONS, on)
    assert (found.session_id if found else None) == expected


def test_the_bureau_can_mark_a_scheduled_special_session_later():
    marked = scheduled("SS-1", date(2026, 2, 10), date(2026, 2, 11), number=24)
    payload = bu.SessionMarkedForNonCooperation(session_id="SS-1")
    mark = marked.model_copy(
        update={
            "id": uuid.uuid4(),
            "type": meta_of(payload).type,
            "data": payload.model_dump(mode="json"),
        }
    )
    special = scheduled(
        "SS-1", date(2026, 2, 10), date(2026, 2, 11), number=24, kind=SessionKind.SPECIAL
    )
    sessions = fold_sessions([special, mark]).values()
    assert [s.takes_up_non_cooperation for s in sessions] == [True]
    assert fold_sessions([special]).popitem()[1].takes_up_non_cooperation is False
