"""The Bureau report (P15, annex I 3(k)): content and rendering are pure and deterministic;
the calendar projection picks the next (or on-going) session."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from noncoop_shared.access import Classification
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import meta_of
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.common import (
    CooperationArticle,
    CourtDecision,
    CourtRequest,
    LegalBasis,
    PersonConcerned,
    RequestedState,
    StateStatus,
)
from noncoop_shared.envelope import Envelope
from reporting.reports.calendar_view import (
    Session,
    fold_sessions,
    next_or_ongoing_session,
    previous_session_end,
)
from reporting.reports.content import build_content
from reporting.reports.render import to_html, to_markdown

A = "0196a1b2-0000-7000-8000-00000000000a"
B = "0196a1b2-0000-7000-8000-00000000000b"
AT = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)
SESSION = Session("ASP-25", date(2026, 12, 1), date(2026, 12, 9), "The Hague")
PERSON = "Zed Quux-Personname"


def envelope(
    payload: EventPayload,
    at: datetime,
    subject: str,
    actor: str = "court:icc",
    classification: Classification | None = None,
) -> Envelope:
    meta = meta_of(payload)
    role, _, actor_id = actor.partition(":")
    prefix = {"referrals": "case:", "bureau": "formal-response:"}.get(meta.service, "x:")
    return Envelope(
        id=uuid.uuid4(),
        type=meta.type,
        source=f"noncoop/{meta.service}",
        subject=subject,
        time=at + timedelta(seconds=1),
        data=payload.model_dump(mode="json"),
        stream=prefix + subject,
        streamversion=1,
        occurredat=at,
        actorrole=role,
        actorid=actor_id,
        classification=classification or meta.classification,
        correlationid="c",
        schemaversion=1,
        rule=meta.rule,
        prevhash="0" * 64,
        hash="0" * 64,
    )


def opened(case_id: str, status: StateStatus, name: str, *, sc: bool = False) -> Envelope:
    return envelope(
        ref.CourtDecisionReceived(
            case_id=case_id,
            requested_state=RequestedState(name=name, code="EXA", status=status),
            court_request=CourtRequest(
                article=CooperationArticle.ARREST_AND_SURRENDER, reference="R-1"
            ),
            persons_concerned=[PersonConcerned(name=PERSON, warrant_reference="W-1")],
            decision=CourtDecision(
                reference=f"ICC-{case_id[-1]}",
                date=date(2026, 3, 30),
                chamber="PTC I",
                legal_basis=LegalBasis.STATE_PARTY,
                referred_to_assembly=True,
                referred_to_security_council=sc,
            ),
            forwarding_due_at=AT + timedelta(days=1),
            press_release_due_at=AT + timedelta(days=1),
        ),
        AT,
        case_id,
    )


def log() -> list[Envelope]:
    return [
        opened(B, StateStatus.NON_PARTY_OTHER, "Other <b>Land</b> & Co", sc=True),
        opened(A, StateStatus.STATE_PARTY, "Republic of Examplia"),
        envelope(
            ref.DecisionForwardedToStatesParties(
                case_id=A, communication_reference="SP/1", due_at=AT, late=False
            ),
            AT + timedelta(days=1),
            A,
            "secretariat:sec-1",
        ),
        # a bureau-class record: never in a report to the Assembly
        envelope(
            ref.DecisionForwardingOverdue(case_id=B, due_at=AT + timedelta(days=1)),
            AT + timedelta(days=2),
            B,
            "system:scheduler",
            Classification.BUREAU,
        ),
    ]


def content(recommendations: str = "Recommend <script>x</script> | more", envelopes=None):  # type: ignore[no-untyped-def]
    return build_content(
        log() if envelopes is None else envelopes,
        SESSION,
        AT + timedelta(days=5),
        recommendations,
    )


def test_sections_cases_sorted_and_findings_by_requested_state_status() -> None:
    c = content()
    assert [x.case_id for x in c.actions] == [A, B]
    assert [x.case_id for x in c.findings_states_parties] == [A]
    assert [x.case_id for x in c.findings_not_party] == [B]
    assert c.findings_security_council_bound == []
    assert [x.case_id for x in c.security_council] == [B]
    a = c.actions[0]
    assert (a.decision_reference, a.decision_date, a.status) == ("ICC-a", date(2026, 3, 30), "open")
    assert [(x.actor, x.rule) for x in a.actions] == [
        ("the Court", "P13"),
        ("the Secretariat", "P13-forward"),
    ]
    assert all("overdue" not in x.what for x in c.actions[1].actions)  # bureau class dropped
    markdown = to_markdown(c)
    for heading in (
        "Introduction",
        "Court findings concerning States Parties",
        "concerning States bound by a Security Council decision",
        "concerning States not party",
        "Actions by the President, the Bureau, States and others",
        "The Security Council",
        "Consultations",
        "Recommendations",
    ):
        assert heading in markdown
        assert heading in to_html(c)
    assert "As of 2026-04-05T10:00:00+00:00" in markdown


def test_no_personal_data_and_everything_escaped() -> None:
    c = content()
    markdown, html = to_markdown(c), to_html(c)
    assert PERSON not in markdown and PERSON not in html and PERSON not in c.model_dump_json()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>Land</b>" not in html and "Other &lt;b&gt;Land&lt;/b&gt; &amp; Co" in html
    assert "<script>" not in markdown
    assert "@media print" in html


def test_deterministic_and_as_of_cuts_the_log() -> None:
    assert to_markdown(content()) == to_markdown(content())
    assert to_html(content()) == to_html(content())
    shuffled = list(reversed(log()))
    assert to_markdown(content(envelopes=shuffled)) == to_markdown(content())
    earlier = build_content(log(), SESSION, AT + timedelta(hours=1), "")
    assert [x.what for x in earlier.actions[0].actions] == ["court decision received"]


def test_calendar_projection_and_next_or_ongoing_session() -> None:
    def scheduled(sid: str, start: date, end: date) -> Envelope:
        payload = bu.SessionScheduled(
            session_id=sid,
            number=25,
            kind=bu.SessionKind.REGULAR,
            starts_on=start,
            ends_on=end,
            venue="NY",
        )
        return envelope(payload, AT, "calendar")

    sessions = fold_sessions(
        [
            scheduled("ASP-24", date(2025, 12, 1), date(2025, 12, 6)),
            scheduled("ASP-25", date(2026, 12, 1), date(2026, 12, 9)),
            scheduled("ASP-25", date(2027, 1, 1), date(2027, 1, 2)),  # a second copy: ignored
            envelope(
                bu.SessionRescheduled(
                    session_id="ASP-25",
                    starts_on=date(2026, 11, 30),
                    ends_on=date(2026, 12, 8),
                    venue="TH",
                ),
                AT,
                "calendar",
            ),
        ]
    ).values()
    assert next_or_ongoing_session(sessions, date(2025, 12, 3)).session_id == "ASP-24"  # type: ignore[union-attr]
    after = next_or_ongoing_session(sessions, date(2026, 1, 1))
    assert after is not None and (after.session_id, after.starts_on) == (
        "ASP-25",
        date(2026, 11, 30),
    )
    assert next_or_ongoing_session(sessions, date(2026, 12, 8)) == after
    assert next_or_ongoing_session(sessions, date(2026, 12, 9)) is None
    assert previous_session_end(sessions, after) == date(2025, 12, 6)
