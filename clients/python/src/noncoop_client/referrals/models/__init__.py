""" Contains all the data models used in inputs/outputs """

from .case_list import CaseList
from .case_summary import CaseSummary
from .case_view import CaseView
from .closure_reason import ClosureReason
from .closure_record import ClosureRecord
from .command_accepted import CommandAccepted
from .cooperation_article import CooperationArticle
from .court_decision import CourtDecision
from .court_decision_change_submission import CourtDecisionChangeSubmission
from .court_decision_submission import CourtDecisionSubmission
from .court_decision_without_finding_submission import CourtDecisionWithoutFindingSubmission
from .court_decision_without_finding_submission_outcome import CourtDecisionWithoutFindingSubmissionOutcome
from .court_information_submission import CourtInformationSubmission
from .court_information_view import CourtInformationView
from .court_referral_of_urgent_case import CourtReferralOfUrgentCase
from .court_request import CourtRequest
from .decision_change_kind import DecisionChangeKind
from .decision_change_view import DecisionChangeView
from .entry_actor import EntryActor
from .entry_command import EntryCommand
from .entry_command_body import EntryCommandBody
from .entry_outcome import EntryOutcome
from .entry_outcome_answer import EntryOutcomeAnswer
from .field_error import FieldError
from .forwarding_record import ForwardingRecord
from .history_entry import HistoryEntry
from .history_import import HistoryImport
from .history_imported import HistoryImported
from .informed_addressee import InformedAddressee
from .legal_basis import LegalBasis
from .list_cases_scenario_type_0 import ListCasesScenarioType0
from .list_cases_status_type_0 import ListCasesStatusType0
from .liveness import Liveness
from .no_finding_view import NoFindingView
from .person_concerned import PersonConcerned
from .personal_data_erasure import PersonalDataErasure
from .press_release_record import PressReleaseRecord
from .problem import Problem
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .readiness_state import ReadinessState
from .recorded_event import RecordedEvent
from .regional_group import RegionalGroup
from .requested_state import RequestedState
from .role import Role
from .service_level_view import ServiceLevelView
from .settled_deadline import SettledDeadline
from .state_status import StateStatus
from .timeline_entry import TimelineEntry
from .urgency import Urgency
from .urgent_incident_report import UrgentIncidentReport
from .validation_problem import ValidationProblem

__all__ = (
    "CaseList",
    "CaseSummary",
    "CaseView",
    "ClosureReason",
    "ClosureRecord",
    "CommandAccepted",
    "CooperationArticle",
    "CourtDecision",
    "CourtDecisionChangeSubmission",
    "CourtDecisionSubmission",
    "CourtDecisionWithoutFindingSubmission",
    "CourtDecisionWithoutFindingSubmissionOutcome",
    "CourtInformationSubmission",
    "CourtInformationView",
    "CourtReferralOfUrgentCase",
    "CourtRequest",
    "DecisionChangeKind",
    "DecisionChangeView",
    "EntryActor",
    "EntryCommand",
    "EntryCommandBody",
    "EntryOutcome",
    "EntryOutcomeAnswer",
    "FieldError",
    "ForwardingRecord",
    "HistoryEntry",
    "HistoryImport",
    "HistoryImported",
    "InformedAddressee",
    "LegalBasis",
    "ListCasesScenarioType0",
    "ListCasesStatusType0",
    "Liveness",
    "NoFindingView",
    "PersonalDataErasure",
    "PersonConcerned",
    "PressReleaseRecord",
    "Problem",
    "Readiness",
    "ReadinessChecks",
    "ReadinessState",
    "RecordedEvent",
    "RegionalGroup",
    "RequestedState",
    "Role",
    "ServiceLevelView",
    "SettledDeadline",
    "StateStatus",
    "TimelineEntry",
    "Urgency",
    "UrgentIncidentReport",
    "ValidationProblem",
)
