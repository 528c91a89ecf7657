""" Contains all the data models used in inputs/outputs """

from .announcement import Announcement
from .attendance import Attendance
from .calendar_session import CalendarSession
from .command_recorded import CommandRecorded
from .emergency_meeting_announcement import EmergencyMeetingAnnouncement
from .emergency_meeting_convening import EmergencyMeetingConvening
from .emergency_meeting_holding import EmergencyMeetingHolding
from .entry_actor import EntryActor
from .entry_command import EntryCommand
from .entry_command_body import EntryCommandBody
from .entry_outcome import EntryOutcome
from .entry_outcome_answer import EntryOutcomeAnswer
from .facilitator_appointment import FacilitatorAppointment
from .field_error import FieldError
from .formal_response_view import FormalResponseView
from .history_entry import HistoryEntry
from .history_import import HistoryImport
from .history_imported import HistoryImported
from .invitation import Invitation
from .liveness import Liveness
from .meeting import Meeting
from .meeting_held import MeetingHeld
from .meeting_schedule import MeetingSchedule
from .nywg_request import NywgRequest
from .open_letter import OpenLetter
from .open_letter_reply import OpenLetterReply
from .plenary_discussion import PlenaryDiscussion
from .problem import Problem
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .readiness_state import ReadinessState
from .recorded_event_ref import RecordedEventRef
from .regional_group import RegionalGroup
from .role import Role
from .security_council_letter import SecurityCouncilLetter
from .session_change import SessionChange
from .session_kind import SessionKind
from .session_mark import SessionMark
from .session_schedule import SessionSchedule
from .session_step import SessionStep
from .settled_deadline import SettledDeadline
from .step_view import StepView
from .step_view_detail import StepViewDetail
from .timeline_entry import TimelineEntry
from .validation_problem import ValidationProblem

__all__ = (
    "Announcement",
    "Attendance",
    "CalendarSession",
    "CommandRecorded",
    "EmergencyMeetingAnnouncement",
    "EmergencyMeetingConvening",
    "EmergencyMeetingHolding",
    "EntryActor",
    "EntryCommand",
    "EntryCommandBody",
    "EntryOutcome",
    "EntryOutcomeAnswer",
    "FacilitatorAppointment",
    "FieldError",
    "FormalResponseView",
    "HistoryEntry",
    "HistoryImport",
    "HistoryImported",
    "Invitation",
    "Liveness",
    "Meeting",
    "MeetingHeld",
    "MeetingSchedule",
    "NywgRequest",
    "OpenLetter",
    "OpenLetterReply",
    "PlenaryDiscussion",
    "Problem",
    "Readiness",
    "ReadinessChecks",
    "ReadinessState",
    "RecordedEventRef",
    "RegionalGroup",
    "Role",
    "SecurityCouncilLetter",
    "SessionChange",
    "SessionKind",
    "SessionMark",
    "SessionSchedule",
    "SessionStep",
    "SettledDeadline",
    "StepView",
    "StepViewDetail",
    "TimelineEntry",
    "ValidationProblem",
)
