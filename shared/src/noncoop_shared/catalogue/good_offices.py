"""Events of the good offices service: the President's informal response and the regional focal
points (annex II paras 16-23, Res. paras 31 and 35, annex I 3(j); docs/procedures.md P17-P23).

Streams: ``good-offices:<case id>`` per case (Kafka key: the case id) and the registry stream
``focal-point-roster`` (key: ``focal-point-roster``). The informal dimension is "entirely
informal" (para 11): everything is ``restricted`` unless a rule says otherwise; the President's
report to the Bureau and the Bureau's notification are ``bureau``; the roster, an act of the
Bureau that States Parties are told of, is ``states_parties``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from noncoop_shared.access import Classification
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.base import EventPayload, PersonalData, event

SERVICE = "good_offices"
GOOD_OFFICES_STREAM_PREFIX = "good-offices:"
ROSTER_STREAM = "focal-point-roster"

Text = Annotated[str, Field(min_length=1, max_length=4000)]
"""A required free text (a summary): never the merits of the Court's request (P12)."""


def good_offices_stream(case_id: str) -> str:
    return f"{GOOD_OFFICES_STREAM_PREFIX}{case_id}"


# --- The roster (P17, Res. 31) -------------------------------------------------------------


@event(
    service=SERVICE,
    name="five_focal_points_requested",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule="P17",
)
class FiveFocalPointsRequested(EventPayload):
    """The President asked the Bureau for five focal points instead of four (P17)."""

    requested_on: dt.date


@event(
    service=SERVICE,
    name="focal_point_appointed",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule="P17",
)
class FocalPointAppointed(EventPayload):
    """The Bureau appointed a focal point for a regional group (P17), or the President serves ex
    officio for the President's own region (Res. 31)."""

    focal_point_id: str = Field(min_length=1, max_length=100)
    name: PersonalData = Field(min_length=1, max_length=300)
    state: str = Field(pattern=r"^[A-Z]{3}$", description="the State the focal point represents")
    region: RegionalGroup
    term_start: dt.date
    term_end: dt.date | None = None
    ex_officio_president: bool = False
    bureau_decision_reference: str | None = Field(default=None, max_length=200)
    replaces: str | None = Field(default=None, description="focal_point_id of the predecessor")


@event(
    service=SERVICE,
    name="focal_point_term_ended",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule="P17",
)
class FocalPointTermEnded(EventPayload):
    focal_point_id: str
    ended_on: dt.date
    reason: Literal["replaced", "term_expired", "resigned", "other"]


# --- Activation (P18, P19) -------------------------------------------------------------------


class ActivationBasis(StrEnum):
    OWN_INITIATIVE_7B = "own_initiative_7b"
    OWN_INITIATIVE_7A = "own_initiative_7a"
    BUREAU_DECISION = "bureau_decision"


@event(
    service=SERVICE,
    name="good_offices_activated",
    version=1,
    classification=Classification.RESTRICTED,
    rule="P18-own-7b",
)
class GoodOfficesActivated(EventPayload):
    """The President became active (P18 own initiative, or P19 Bureau decision). The envelope's
    ``rule`` says which: P18-own-7b, P18-own-7a or P19."""

    case_id: str
    basis: ActivationBasis
    capacity: Literal["good_offices_of_the_presidency"] = "good_offices_of_the_presidency"
    court_consulted_on: dt.date | None = None
    opportunity_assessment: str | None = Field(
        default=None,
        max_length=4000,
        description="P18-own-7a: why the opportunity may pass before the Bureau could meet",
    )
    bureau_decision_reference: str | None = Field(default=None, max_length=200)
    bureau_notification_due_at: dt.datetime | None = Field(
        default=None,
        description="P18-notify service level, for an activation on the President's own "
        "initiative; none when the Bureau itself decided the activation (P19)",
    )


@event(
    service=SERVICE,
    name="bureau_notified_of_activation",
    version=1,
    classification=Classification.BUREAU,
    rule="P18-notify",
)
class BureauNotifiedOfActivation(EventPayload):
    case_id: str
    means: str = Field(min_length=1, max_length=200)
    due_at: dt.datetime
    late: bool


@event(
    service=SERVICE,
    name="bureau_notification_overdue",
    version=1,
    classification=Classification.BUREAU,
    rule="P18-notify",
)
class BureauNotificationOverdue(EventPayload):
    case_id: str
    due_at: dt.datetime


# --- The engagement (P20-P23) ------------------------------------------------------------------


class Counterpart(StrEnum):
    REQUESTED_STATE_OFFICIAL = "requested_state_official"
    OTHER_STAKEHOLDER = "other_stakeholder"


@event(
    service=SERVICE,
    name="contact_recorded",
    version=1,
    classification=Classification.RESTRICTED,
    rule="P20",
)
class ContactRecorded(EventPayload):
    case_id: str
    counterpart_kind: Counterpart
    counterpart: PersonalData = Field(
        min_length=1, max_length=300, description="name and function of the official"
    )
    summary: Text


@event(
    service=SERVICE,
    name="court_consulted",
    version=1,
    classification=Classification.RESTRICTED,
    rule="P20",
)
class CourtConsulted(EventPayload):
    case_id: str
    summary: Text


@event(
    service=SERVICE,
    name="article_97_reminder_given",
    version=1,
    classification=Classification.RESTRICTED,
    rule="P20",
)
class Article97ReminderGiven(EventPayload):
    case_id: str
    summary: str = Field(default="", max_length=4000)


class Assistant(StrEnum):
    FOCAL_POINT = "focal_point"
    BUREAU_MEMBER = "bureau_member"


@event(
    service=SERVICE,
    name="assistance_requested",
    version=1,
    classification=Classification.RESTRICTED,
    rule="P20",
)
class AssistanceRequested(EventPayload):
    """A focal point (by region: one per regional group) or a Bureau member is asked to assist.
    A focal point asked to assist is assigned to the case: it reads the case's restricted
    records from then on."""

    case_id: str
    assistant: Assistant
    region: RegionalGroup | None = None
    bureau_member: str | None = Field(default=None, max_length=100)
    summary: str = Field(default="", max_length=4000)


@event(
    service=SERVICE,
    name="assistance_engagement_recorded",
    version=1,
    classification=Classification.RESTRICTED,
    rule="P22",
)
class AssistanceEngagementRecorded(EventPayload):
    case_id: str
    region: RegionalGroup | None = None
    summary: Text


class Verification(StrEnum):
    VERIFIED = "verified"
    NOT_CONFIRMED = "not_confirmed"


@event(
    service=SERVICE,
    name="trigger_information_verified",
    version=1,
    classification=Classification.RESTRICTED,
    rule="P20",
)
class TriggerInformationVerified(EventPayload):
    """In 7(b): whether the information that triggered the good offices was confirmed."""

    case_id: str
    outcome: Verification
    summary: str = Field(default="", max_length=4000)


@event(
    service=SERVICE,
    name="secretariat_assistance_recorded",
    version=1,
    classification=Classification.RESTRICTED,
    rule="P23",
)
class SecretariatAssistanceRecorded(EventPayload):
    case_id: str
    summary: Text


@event(
    service=SERVICE,
    name="report_to_bureau_submitted",
    version=1,
    classification=Classification.BUREAU,
    rule="P21",
)
class ReportToBureauSubmitted(EventPayload):
    case_id: str
    summary: Text
    un_secretariat_information: str = Field(
        default="",
        max_length=4000,
        description="information received from the UN Secretariat (Guidance on contacts)",
    )


class Outcome(StrEnum):
    COOPERATION_OBTAINED = "cooperation_obtained"
    NO_RESULT = "no_result"
    INFORMATION_NOT_CONFIRMED = "information_not_confirmed"
    CASE_CLOSED = "case_closed"
    OTHER = "other"


@event(
    service=SERVICE,
    name="good_offices_concluded",
    version=1,
    classification=Classification.RESTRICTED,
    rule="P20",
)
class GoodOfficesConcluded(EventPayload):
    case_id: str
    outcome: Outcome
    summary: str = Field(default="", max_length=4000)


@event(
    service=SERVICE,
    name="good_offices_continued_under_7a",
    version=1,
    classification=Classification.RESTRICTED,
    rule="S7b-to-7a",
)
class GoodOfficesContinuedUnder7a(EventPayload):
    """Referrals continued the 7(b) case as 7(a): the good offices go on, on the same case."""

    case_id: str


# --- Travel information (Res. 35, annex I 3(j)) ------------------------------------------------


class TravelStatus(StrEnum):
    POTENTIAL = "potential"
    CONFIRMED = "confirmed"


@event(
    service=SERVICE,
    name="travel_information_recorded",
    version=1,
    classification=Classification.RESTRICTED,
    rule="Res35",
)
class TravelInformationRecorded(EventPayload):
    case_id: str
    travel_id: str = Field(min_length=1, max_length=100)
    person: PersonalData = Field(min_length=1, max_length=300)
    destination_state: str = Field(pattern=r"^[A-Z]{3}$")
    travel_from: dt.date
    travel_to: dt.date | None = None
    status: TravelStatus
    details: str = Field(default="", max_length=4000)
    share_due_at: dt.datetime = Field(description="Res. 35: share with the Court promptly")


@event(
    service=SERVICE,
    name="travel_information_shared_with_court",
    version=1,
    classification=Classification.RESTRICTED,
    rule="Res35",
)
class TravelInformationSharedWithCourt(EventPayload):
    """Shared with the Court; the Court reads the travel record from then on."""

    case_id: str
    travel_id: str
    channel: str = Field(min_length=1, max_length=200)
    due_at: dt.datetime
    late: bool


@event(
    service=SERVICE,
    name="travel_information_sharing_overdue",
    version=1,
    classification=Classification.RESTRICTED,
    rule="Res35",
)
class TravelInformationSharingOverdue(EventPayload):
    case_id: str
    travel_id: str
    due_at: dt.datetime
