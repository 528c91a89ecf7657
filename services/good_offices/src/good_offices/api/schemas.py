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

Summary = Annotated[str, Field(min_length=1, max_length=4000)]


class OwnInitiativeActivation(CommandBody):
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
    bureau_decision_reference: str = Field(min_length=1, max_length=200)


class BureauRemainDecision(CommandBody):
    bureau_decision_reference: str = Field(
        min_length=1, max_length=200, description="P19: the Bureau's decision that they remain"
    )


class BureauNotification(CommandBody):
    means: str = Field(min_length=1, max_length=200, examples=["e-mail to all Bureau members"])


class Contact(CommandBody):
    counterpart_kind: Counterpart
    counterpart: str = Field(min_length=1, max_length=300, description="name and function")
    summary: Summary


class Summarised(CommandBody):
    summary: Summary


class Article97Reminder(CommandBody):
    summary: str = Field(default="", max_length=4000)


class AssistanceRequest(CommandBody):
    assistant: Assistant
    region: RegionalGroup | None = Field(default=None, description="for a focal point")
    bureau_member: str | None = Field(default=None, max_length=100)
    summary: str = Field(default="", max_length=4000)
    focal_point_id: str | None = Field(
        default=None, max_length=100, description="a focal point asked by name (on the roster)"
    )


class VerificationRecord(CommandBody):
    outcome: Verification
    summary: str = Field(default="", max_length=4000)


class ReportToBureau(CommandBody):
    summary: Summary
    un_secretariat_information: str = Field(default="", max_length=4000)


class Conclusion(CommandBody):
    outcome: Outcome
    summary: str = Field(default="", max_length=4000)


class TravelInformation(CommandBody):
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
    travel_from: BusinessDate
    travel_to: BusinessDate | None = None
    details: str = Field(default="", max_length=4000)


class TravelCancellation(CommandBody):
    details: str = Field(default="", max_length=4000)


class TravelSharing(CommandBody):
    channel: str = Field(min_length=1, max_length=200, examples=["secure line to the Registry"])


class Appointment(CommandBody):
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
    successor: Appointment
    replaced_on: BusinessDate


class EndOfTerm(CommandBody):
    ended_on: BusinessDate
    reason: Literal["term_expired", "resigned", "other"]


class FiveRequested(CommandBody):
    requested_on: BusinessDate


class FiveRequestWithdrawn(CommandBody):
    withdrawn_on: BusinessDate = Field(description="P17: four again from this day")


class FocalPoint(BaseModel):
    focal_point_id: str
    name: PersonalData
    state: str
    region: RegionalGroup
    term_start: dt.date
    term_ends_on: dt.date | None
    ex_officio_president: bool


class Roster(BaseModel):
    on: dt.date
    limit: int
    """Bureau appointees allowed that day: four, five at the President's request (P17); the
    President ex officio is listed but not counted."""
    focal_points: list[FocalPoint]
