""" Contains all the data models used in inputs/outputs """

from .appointment import Appointment
from .article_97_reminder import Article97Reminder
from .assistance_request import AssistanceRequest
from .assistant import Assistant
from .bureau_decision_activation import BureauDecisionActivation
from .bureau_notification import BureauNotification
from .bureau_remain_decision import BureauRemainDecision
from .command_recorded import CommandRecorded
from .conclusion import Conclusion
from .contact import Contact
from .counterpart import Counterpart
from .end_of_term import EndOfTerm
from .end_of_term_reason import EndOfTermReason
from .entry_actor import EntryActor
from .entry_command import EntryCommand
from .entry_command_body import EntryCommandBody
from .entry_outcome import EntryOutcome
from .entry_outcome_answer import EntryOutcomeAnswer
from .field_error import FieldError
from .five_request_withdrawn import FiveRequestWithdrawn
from .five_requested import FiveRequested
from .focal_point import FocalPoint
from .good_offices_view import GoodOfficesView
from .history_entry import HistoryEntry
from .history_import import HistoryImport
from .history_imported import HistoryImported
from .liveness import Liveness
from .note import Note
from .note_detail import NoteDetail
from .outcome import Outcome
from .own_initiative_activation import OwnInitiativeActivation
from .problem import Problem
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .readiness_state import ReadinessState
from .recorded_event_ref import RecordedEventRef
from .regional_group import RegionalGroup
from .replacement import Replacement
from .report_to_bureau import ReportToBureau
from .role import Role
from .roster import Roster
from .settled_deadline import SettledDeadline
from .step import Step
from .summarised import Summarised
from .timeline_entry import TimelineEntry
from .travel_cancellation import TravelCancellation
from .travel_confirmation import TravelConfirmation
from .travel_information import TravelInformation
from .travel_record import TravelRecord
from .travel_sharing import TravelSharing
from .travel_status import TravelStatus
from .validation_problem import ValidationProblem
from .verification import Verification
from .verification_record import VerificationRecord

__all__ = (
    "Appointment",
    "Article97Reminder",
    "AssistanceRequest",
    "Assistant",
    "BureauDecisionActivation",
    "BureauNotification",
    "BureauRemainDecision",
    "CommandRecorded",
    "Conclusion",
    "Contact",
    "Counterpart",
    "EndOfTerm",
    "EndOfTermReason",
    "EntryActor",
    "EntryCommand",
    "EntryCommandBody",
    "EntryOutcome",
    "EntryOutcomeAnswer",
    "FieldError",
    "FiveRequested",
    "FiveRequestWithdrawn",
    "FocalPoint",
    "GoodOfficesView",
    "HistoryEntry",
    "HistoryImport",
    "HistoryImported",
    "Liveness",
    "Note",
    "NoteDetail",
    "Outcome",
    "OwnInitiativeActivation",
    "Problem",
    "Readiness",
    "ReadinessChecks",
    "ReadinessState",
    "RecordedEventRef",
    "RegionalGroup",
    "Replacement",
    "ReportToBureau",
    "Role",
    "Roster",
    "SettledDeadline",
    "Step",
    "Summarised",
    "TimelineEntry",
    "TravelCancellation",
    "TravelConfirmation",
    "TravelInformation",
    "TravelRecord",
    "TravelSharing",
    "TravelStatus",
    "ValidationProblem",
    "Verification",
    "VerificationRecord",
)
