""" Contains all the data models used in inputs/outputs """

from .audit_entry import AuditEntry
from .audit_trail_view import AuditTrailView
from .checkpoint import Checkpoint
from .checkpoint_position import CheckpointPosition
from .checkpoint_ref import CheckpointRef
from .checkpoint_ref_position import CheckpointRefPosition
from .command_body import CommandBody
from .created_subscription import CreatedSubscription
from .delivery_list import DeliveryList
from .delivery_view import DeliveryView
from .draft_request import DraftRequest
from .field_error import FieldError
from .list_webhook_deliveries_state_type_0 import ListWebhookDeliveriesStateType0
from .liveness import Liveness
from .new_subscription import NewSubscription
from .new_subscription_start import NewSubscriptionStart
from .next_due import NextDue
from .problem import Problem
from .procedural_state_view import ProceduralStateView
from .procedural_state_view_scenario_type_0 import ProceduralStateViewScenarioType0
from .procedural_state_view_status_type_0 import ProceduralStateViewStatusType0
from .public_case import PublicCase
from .public_case_list import PublicCaseList
from .public_case_summary import PublicCaseSummary
from .public_entry import PublicEntry
from .public_entry_payload import PublicEntryPayload
from .public_key import PublicKey
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .readiness_state import ReadinessState
from .redelivery import Redelivery
from .report_language import ReportLanguage
from .report_list import ReportList
from .report_status import ReportStatus
from .report_summary import ReportSummary
from .report_view import ReportView
from .report_view_log_position_type_0 import ReportViewLogPositionType0
from .requeued import Requeued
from .rule import Rule
from .rule_state import RuleState
from .rule_state_state import RuleStateState
from .sealed_checkpoint import SealedCheckpoint
from .sealed_now import SealedNow
from .session_ref import SessionRef
from .subscription_list import SubscriptionList
from .subscription_view import SubscriptionView
from .validation_problem import ValidationProblem

__all__ = (
    "AuditEntry",
    "AuditTrailView",
    "Checkpoint",
    "CheckpointPosition",
    "CheckpointRef",
    "CheckpointRefPosition",
    "CommandBody",
    "CreatedSubscription",
    "DeliveryList",
    "DeliveryView",
    "DraftRequest",
    "FieldError",
    "ListWebhookDeliveriesStateType0",
    "Liveness",
    "NewSubscription",
    "NewSubscriptionStart",
    "NextDue",
    "Problem",
    "ProceduralStateView",
    "ProceduralStateViewScenarioType0",
    "ProceduralStateViewStatusType0",
    "PublicCase",
    "PublicCaseList",
    "PublicCaseSummary",
    "PublicEntry",
    "PublicEntryPayload",
    "PublicKey",
    "Readiness",
    "ReadinessChecks",
    "ReadinessState",
    "Redelivery",
    "ReportLanguage",
    "ReportList",
    "ReportStatus",
    "ReportSummary",
    "ReportView",
    "ReportViewLogPositionType0",
    "Requeued",
    "Rule",
    "RuleState",
    "RuleStateState",
    "SealedCheckpoint",
    "SealedNow",
    "SessionRef",
    "SubscriptionList",
    "SubscriptionView",
    "ValidationProblem",
)
