"""Events of the good offices service: the President's informal response and the regional focal
points (annex II paras 16-23, Res. paras 31 and 35, annex I 3(j); rules P17-P23 in
docs/procedures.md).

Streams: ``good-offices:<case id>`` per case (Kafka key: the case id) and the registry stream
``focal-point-roster`` (key: ``focal-point-roster``). The informal dimension is "entirely
informal" (para 11): everything is ``restricted`` unless a rule says otherwise; the President's
report to the Bureau and the Bureau's notification are ``bureau``; the roster, an act of the
Bureau that States Parties are told of, is ``states_parties``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field

from noncoop_shared.access import Classification
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.base import EventPayload, PersonalData, event, upcaster
from noncoop_shared.rules import Rule

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
    rule=Rule.P17,
)
class FiveFocalPointsRequested(EventPayload):
    """The President asked the Bureau for five focal points instead of four (P17)."""

    requested_on: dt.date


@event(
    service=SERVICE,
    name="five_focal_points_request_withdrawn",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P17,
)
class FiveFocalPointsRequestWithdrawn(EventPayload):
    """The President withdrew the request for five focal points (P17): from ``withdrawn_on``
    the Bureau appoints four again."""

    withdrawn_on: dt.date


@event(
    service=SERVICE,
    name="focal_point_appointed",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P17,
)
class FocalPointAppointedV1(EventPayload):
    """v1: ``term_end`` was the last day served (inclusive). Read as v2 through the upcaster."""

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
    name="focal_point_appointed",
    version=2,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P17,
)
class FocalPointAppointed(EventPayload):
    """The Bureau appointed a focal point for a regional group (P17), or the President serves ex
    officio for the President's own region (Res. 31; not counted among the four or five).

    v2: the term ends on ``term_ends_on``, the first day not served (v1's ``term_end`` was the
    last day served)."""

    focal_point_id: str = Field(min_length=1, max_length=100)
    name: PersonalData = Field(min_length=1, max_length=300)
    state: str = Field(pattern=r"^[A-Z]{3}$", description="the State the focal point represents")
    region: RegionalGroup
    term_start: dt.date
    term_ends_on: dt.date | None = Field(
        default=None, description="the first day not served; none for an open term"
    )
    ex_officio_president: bool = False
    bureau_decision_reference: str | None = Field(default=None, max_length=200)
    replaces: str | None = Field(default=None, description="focal_point_id of the predecessor")


@upcaster("noncoop.good_offices.focal_point_appointed", from_version=1)
def _appointed_v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v1's last day served becomes v2's first day not served."""
    data = dict(data)
    term_end = data.pop("term_end", None)
    last_day = None if term_end is None else dt.date.fromisoformat(str(term_end))
    data["term_ends_on"] = (
        None if last_day is None or last_day == dt.date.max else last_day + dt.timedelta(days=1)
    )
    return data


@event(
    service=SERVICE,
    name="focal_point_term_ended",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P17,
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
    rule=Rule.P18_OWN_7B,
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


class BureauGoodOfficesDecision(StrEnum):
    ACTIVATE = "activate"
    REMAIN_ACTIVE = "remain_active"


@event(
    service=SERVICE,
    name="bureau_decided_on_good_offices",
    version=1,
    classification=Classification.BUREAU,
    rule=Rule.P19,
)
class BureauDecidedOnGoodOffices(EventPayload):
    """P19: the Bureau decided that the President becomes active (recorded with the activation
    it leads to) or that the good offices remain active (after an own-initiative start, or when
    a 7(b) case continues as 7(a)). A ``bureau`` record: the Bureau took it; the contacts and
    verification that follow stay ``restricted``."""

    case_id: str
    decision: BureauGoodOfficesDecision
    bureau_decision_reference: str = Field(min_length=1, max_length=200)


@event(
    service=SERVICE,
    name="bureau_notified_of_activation",
    version=1,
    classification=Classification.BUREAU,
    rule=Rule.P18_NOTIFY,
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
    rule=Rule.P18_NOTIFY,
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
    rule=Rule.P20,
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
    rule=Rule.P20,
)
class CourtConsulted(EventPayload):
    case_id: str
    summary: Text


@event(
    service=SERVICE,
    name="article_97_reminder_given",
    version=1,
    classification=Classification.RESTRICTED,
    rule=Rule.P20,
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
    rule=Rule.P20,
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
    focal_point_id: str | None = Field(
        default=None,
        max_length=100,
        description="the focal point asked by name; none when the region's focal point is asked",
    )


@event(
    service=SERVICE,
    name="assistance_engagement_recorded",
    version=1,
    classification=Classification.RESTRICTED,
    rule=Rule.P22,
)
class AssistanceEngagementRecorded(EventPayload):
    """P22: the focal point (``focal_point_id``, of ``region``) or Bureau member
    (``bureau_member``) the President asked to assist engaged."""

    case_id: str
    region: RegionalGroup | None = None
    summary: Text
    focal_point_id: str | None = Field(default=None, max_length=100)
    bureau_member: str | None = Field(default=None, max_length=100)


class Verification(StrEnum):
    VERIFIED = "verified"
    NOT_CONFIRMED = "not_confirmed"


@event(
    service=SERVICE,
    name="trigger_information_verified",
    version=1,
    classification=Classification.RESTRICTED,
    rule=Rule.P20,
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
    rule=Rule.P23,
)
class SecretariatAssistanceRecorded(EventPayload):
    case_id: str
    summary: Text


@event(
    service=SERVICE,
    name="report_to_bureau_submitted",
    version=1,
    classification=Classification.BUREAU,
    rule=Rule.P21,
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
    rule=Rule.P20,
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
    rule=Rule.S7B_TO_7A,
)
class GoodOfficesContinuedUnder7a(EventPayload):
    """Referrals continued the 7(b) case as 7(a): the good offices go on, on the same case."""

    case_id: str


# --- Travel information (Res. 35, annex I 3(j)) ------------------------------------------------
#
# Travel information concerns a person subject to an arrest warrant (named by the warrant's
# reference), not the good offices: it needs no active good offices and no case. Linked to a case
# it is on the case's stream ``good-offices:<case id>``; otherwise on ``travel-information:<travel
# id>``. v2 of the three original types lets ``case_id`` be absent.

TRAVEL_STREAM_PREFIX = "travel-information:"


def travel_stream(travel_id: str) -> str:
    return f"{TRAVEL_STREAM_PREFIX}{travel_id}"


class TravelStatus(StrEnum):
    POTENTIAL = "potential"
    CONFIRMED = "confirmed"


class SharedTravelStatus(StrEnum):
    """What the Court was told: the travel as potential, confirmed, or cancelled."""

    POTENTIAL = "potential"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


@event(
    service=SERVICE,
    name="travel_information_recorded",
    version=1,
    classification=Classification.RESTRICTED,
    rule=Rule.RES35,
)
class TravelInformationRecordedV1(EventPayload):
    """v1, read as v2 through the upcaster."""

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
    name="travel_information_recorded",
    version=2,
    classification=Classification.RESTRICTED,
    rule=Rule.RES35,
)
class TravelInformationRecorded(EventPayload):
    """v2: ``case_id`` is absent when no case concerns the travel; ``warrant_reference`` names
    the arrest warrant the person is subject to (absent only on records upcast from v1)."""

    case_id: str | None = None
    travel_id: str = Field(min_length=1, max_length=100)
    warrant_reference: str | None = Field(default=None, max_length=200)
    person: PersonalData = Field(min_length=1, max_length=300)
    destination_state: str = Field(pattern=r"^[A-Z]{3}$")
    travel_from: dt.date
    travel_to: dt.date | None = None
    status: TravelStatus
    details: str = Field(default="", max_length=4000)
    share_due_at: dt.datetime = Field(description="Res. 35: share with the Court promptly")


@event(
    service=SERVICE,
    name="travel_information_confirmed",
    version=1,
    classification=Classification.RESTRICTED,
    rule=Rule.RES35,
)
class TravelInformationConfirmed(EventPayload):
    """Potential travel is confirmed (dates as now known); shared with the Court again."""

    case_id: str | None = None
    travel_id: str
    travel_from: dt.date
    travel_to: dt.date | None = None
    details: str = Field(default="", max_length=4000)
    share_due_at: dt.datetime


@event(
    service=SERVICE,
    name="travel_information_cancelled",
    version=1,
    classification=Classification.RESTRICTED,
    rule=Rule.RES35,
)
class TravelInformationCancelled(EventPayload):
    """The travel will not take place; shared with the Court again."""

    case_id: str | None = None
    travel_id: str
    details: str = Field(default="", max_length=4000)
    share_due_at: dt.datetime


@event(
    service=SERVICE,
    name="travel_information_shared_with_court",
    version=1,
    classification=Classification.RESTRICTED,
    rule=Rule.RES35,
)
class TravelInformationSharedWithCourtV1(EventPayload):
    """v1, read as v2 through the upcaster."""

    case_id: str
    travel_id: str
    channel: str = Field(min_length=1, max_length=200)
    due_at: dt.datetime
    late: bool


@event(
    service=SERVICE,
    name="travel_information_shared_with_court",
    version=2,
    classification=Classification.RESTRICTED,
    rule=Rule.RES35,
)
class TravelInformationSharedWithCourt(EventPayload):
    """Shared with the Court; the Court reads the travel record from then on. v2: ``case_id``
    may be absent; ``status`` is what was shared (absent on records upcast from v1)."""

    case_id: str | None = None
    travel_id: str
    channel: str = Field(min_length=1, max_length=200)
    due_at: dt.datetime
    late: bool
    status: SharedTravelStatus | None = None


@event(
    service=SERVICE,
    name="travel_information_sharing_overdue",
    version=1,
    classification=Classification.RESTRICTED,
    rule=Rule.RES35,
)
class TravelInformationSharingOverdueV1(EventPayload):
    """v1, read as v2 through the upcaster."""

    case_id: str
    travel_id: str
    due_at: dt.datetime


@event(
    service=SERVICE,
    name="travel_information_sharing_overdue",
    version=2,
    classification=Classification.RESTRICTED,
    rule=Rule.RES35,
)
class TravelInformationSharingOverdue(EventPayload):
    """v2: ``case_id`` may be absent."""

    case_id: str | None = None
    travel_id: str
    due_at: dt.datetime


def _same_fields(data: dict[str, Any]) -> dict[str, Any]:
    """v1 -> v2 where v2 only loosened ``case_id`` and added optional fields."""
    return dict(data)


for _name in (
    "travel_information_recorded",
    "travel_information_shared_with_court",
    "travel_information_sharing_overdue",
):
    upcaster(f"noncoop.good_offices.{_name}", from_version=1)(_same_fields)
