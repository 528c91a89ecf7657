"""Request bodies of the good offices API. Free texts are summaries of actions, never the
merits of the Court's request (P12)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.business_time import BusinessDate
from noncoop_shared.catalogue import PersonalData
from noncoop_shared.catalogue.good_offices import (
    Assistant,
    Counterpart,
    Outcome,
    TravelStatus,
    Verification,
)
from noncoop_shared.web.commands import CommandBody
from noncoop_shared.web.examples import with_examples

Summary = Annotated[str, Field(min_length=1, max_length=4000)]


class OwnInitiativeActivation(CommandBody):
    model_config = with_examples(
        {
            "court_consulted_on": "2017-03-21",
            "opportunity_assessment": "The person is expected in Amman on 29 March 2017; the "
            "Bureau cannot meet before then.",
            "occurred_at": "2017-03-21T14:00:00Z",
        }
    )

    court_consulted_on: BusinessDate | None = Field(
        default=None, description="P18: the Court was consulted on this date"
    )
    opportunity_assessment: str | None = Field(
        default=None,
        max_length=4000,
        description="P18-own-7a: why the opportunity to arrest and surrender may pass before "
        "the Bureau could convene an emergency meeting",
    )


class BureauDecisionActivation(CommandBody):
    model_config = with_examples({"bureau_decision_reference": "ICC-ASP/16/Bureau/2018/3"})

    bureau_decision_reference: str = Field(min_length=1, max_length=200)


class BureauRemainDecision(CommandBody):
    model_config = with_examples({"bureau_decision_reference": "ICC-ASP/17/Bureau/2019/1"})

    bureau_decision_reference: str = Field(
        min_length=1, max_length=200, description="P19: the Bureau's decision that they remain"
    )


class BureauNotification(CommandBody):
    model_config = with_examples(
        {"means": "e-mail to all Bureau members", "occurred_at": "2017-03-22T08:30:00Z"}
    )

    means: str = Field(min_length=1, max_length=200, examples=["e-mail to all Bureau members"])


class Contact(CommandBody):
    model_config = with_examples(
        {
            "counterpart_kind": "requested_state_official",
            "counterpart": "Permanent Representative of Jordan to the United Nations",
            "summary": "Recalled the obligation to arrest and surrender under article 89.",
            "occurred_at": "2017-03-23T16:00:00Z",
        }
    )

    counterpart_kind: Counterpart
    counterpart: str = Field(min_length=1, max_length=300, description="name and function")
    summary: Summary


class Summarised(CommandBody):
    model_config = with_examples(
        {"summary": "Consulted the Registry on the state of the request for cooperation."}
    )

    summary: Summary


class Article97Reminder(CommandBody):
    model_config = with_examples(
        {"summary": "Reminded the State that article 97 provides for consultations with the Court."}
    )

    summary: str = Field(default="", max_length=4000)


class AssistanceRequest(CommandBody):
    model_config = with_examples(
        {
            "assistant": "focal_point",
            "region": "asia_pacific",
            "summary": "Asked the regional focal point to approach the authorities.",
        }
    )

    assistant: Assistant
    region: RegionalGroup | None = Field(default=None, description="for a focal point")
    bureau_member: str | None = Field(default=None, max_length=100)
    summary: str = Field(default="", max_length=4000)
    focal_point_id: str | None = Field(
        default=None, max_length=100, description="a focal point asked by name (on the roster)"
    )


class VerificationRecord(CommandBody):
    model_config = with_examples(
        {"outcome": "verified", "summary": "The visit was confirmed by the host's protocol."}
    )

    outcome: Verification
    summary: str = Field(default="", max_length=4000)


class ReportToBureau(CommandBody):
    model_config = with_examples(
        {
            "summary": "Contacts with the authorities since 21 March; no assurance was given.",
            "un_secretariat_information": "The Office of Legal Affairs was informed.",
        }
    )

    summary: Summary
    un_secretariat_information: str = Field(default="", max_length=4000)


class Conclusion(CommandBody):
    model_config = with_examples(
        {"outcome": "no_result", "summary": "The visit took place; the person was not arrested."}
    )

    outcome: Outcome
    summary: str = Field(default="", max_length=4000)


class TravelInformation(CommandBody):
    model_config = with_examples(
        {
            "travel_id": "tr-2017-03-amman",
            "person": "Omar Hassan Ahmad Al Bashir",
            "destination_state": "JOR",
            "travel_from": "2017-03-28",
            "travel_to": "2017-03-30",
            "status": "potential",
            "details": "Summit of the League of Arab States, Dead Sea.",
            "warrant_reference": "ICC-02/05-01/09-1",
        }
    )

    travel_id: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._-]+$")
    person: str = Field(min_length=1, max_length=300)
    destination_state: str = Field(pattern=r"^[A-Z]{3}$")
    travel_from: BusinessDate
    travel_to: BusinessDate | None = None
    status: TravelStatus
    details: str = Field(default="", max_length=4000)
    warrant_reference: str = Field(
        min_length=1,
        max_length=200,
        description="Res. 35: the arrest warrant the person is subject to",
        examples=["ICC-02/05-01/09-1"],
    )


class TravelConfirmation(CommandBody):
    model_config = with_examples(
        {
            "travel_from": "2017-03-29",
            "travel_to": "2017-03-29",
            "details": "Arrival confirmed by the host's protocol.",
        }
    )

    travel_from: BusinessDate
    travel_to: BusinessDate | None = None
    details: str = Field(default="", max_length=4000)


class TravelCancellation(CommandBody):
    model_config = with_examples({"details": "The visit was called off by the host."})

    details: str = Field(default="", max_length=4000)


class TravelSharing(CommandBody):
    model_config = with_examples({"channel": "secure line to the Registry"})

    channel: str = Field(min_length=1, max_length=200, examples=["secure line to the Registry"])


class Appointment(CommandBody):
    model_config = with_examples(
        {
            "focal_point_id": "fp-asia-pacific-2018",
            "name": "Ambassador Kim Min-jun",
            "state": "KOR",
            "region": "asia_pacific",
            "term_start": "2018-01-15",
            "term_ends_on": "2020-12-01",
            "bureau_decision_reference": "ICC-ASP/16/Bureau/2018/1",
        }
    )

    focal_point_id: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._-]+$")
    name: str = Field(min_length=1, max_length=300)
    state: str = Field(pattern=r"^[A-Z]{3}$")
    region: RegionalGroup
    term_start: BusinessDate
    term_ends_on: BusinessDate | None = Field(
        default=None, description="P17: the day the term ends, the first day not served"
    )
    bureau_decision_reference: str | None = Field(default=None, max_length=200)
    ex_officio_president: bool = False


class Replacement(CommandBody):
    model_config = with_examples(
        {
            "successor": {
                "focal_point_id": "fp-asia-pacific-2019",
                "name": "Ambassador Sato Hiroshi",
                "state": "JPN",
                "region": "asia_pacific",
                "term_start": "2019-06-01",
                "term_ends_on": "2020-12-01",
            },
            "replaced_on": "2019-06-01",
        }
    )

    successor: Appointment
    replaced_on: BusinessDate


class EndOfTerm(CommandBody):
    model_config = with_examples({"ended_on": "2020-12-01", "reason": "term_expired"})

    ended_on: BusinessDate
    reason: Literal["term_expired", "resigned", "other"]


class FiveRequested(CommandBody):
    model_config = with_examples({"requested_on": "2018-02-01"})

    requested_on: BusinessDate


class FiveRequestWithdrawn(CommandBody):
    model_config = with_examples({"withdrawn_on": "2019-01-15"})

    withdrawn_on: BusinessDate = Field(description="P17: four again from this day")


class FocalPoint(BaseModel):
    model_config = with_examples(
        {
            "focal_point_id": "fp-asia-pacific-2018",
            "name": "Ambassador Kim Min-jun",
            "state": "KOR",
            "region": "asia_pacific",
            "term_start": "2018-01-15",
            "term_ends_on": "2020-12-01",
            "ex_officio_president": False,
        }
    )

    focal_point_id: str
    name: PersonalData
    state: str
    region: RegionalGroup
    term_start: dt.date
    term_ends_on: dt.date | None
    ex_officio_president: bool


class Roster(BaseModel):
    model_config = with_examples(
        {
            "on": "2018-03-01",
            "limit": 5,
            "focal_points": [
                {
                    "focal_point_id": "fp-asia-pacific-2018",
                    "name": "Ambassador Kim Min-jun",
                    "state": "KOR",
                    "region": "asia_pacific",
                    "term_start": "2018-01-15",
                    "term_ends_on": "2020-12-01",
                    "ex_officio_president": False,
                }
            ],
        }
    )

    on: dt.date
    limit: int
    """Bureau appointees allowed that day: four, five at the President's request (P17); the
    President ex officio is listed but not counted."""
    focal_points: list[FocalPoint]
