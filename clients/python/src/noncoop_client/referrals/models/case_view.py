from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.court_decision import CourtDecision
  from ..models.court_information_view import CourtInformationView
  from ..models.court_request import CourtRequest
  from ..models.decision_change_view import DecisionChangeView
  from ..models.no_finding_view import NoFindingView
  from ..models.person_concerned import PersonConcerned
  from ..models.requested_state import RequestedState
  from ..models.service_level_view import ServiceLevelView
  from ..models.timeline_entry import TimelineEntry





T = TypeVar("T", bound="CaseView")



@_attrs_define
class CaseView:
    """ 
        Attributes:
            case_id (str):
            bound_by_security_council_resolution (bool | Unset):  Default: False.
            closed_at (datetime.datetime | None | Unset):
            closure_court_decision_reference (None | str | Unset):
            closure_note (None | str | Unset):
            closure_reason (None | str | Unset):
            court_request (CourtRequest | None | Unset):
            decision (CourtDecision | None | Unset):
            decision_changes (list[DecisionChangeView] | Unset):
            decision_status (None | str | Unset):
            forwarding (None | ServiceLevelView | Unset):
            information (CourtInformationView | None | Unset):
            no_finding (NoFindingView | None | Unset):
            opened_at (datetime.datetime | None | Unset):
            opened_on (datetime.date | None | Unset):
            persons_concerned (list[PersonConcerned] | Unset):
            press_release (None | ServiceLevelView | Unset):
            procedure_ended_at (datetime.datetime | None | Unset):
            requested_state (None | RequestedState | Unset):
            scenario (None | str | Unset):
            security_council_resolution (None | str | Unset):
            status (None | str | Unset):
            timeline (list[TimelineEntry] | Unset):
            updated_at (datetime.datetime | None | Unset):
            urgency (None | str | Unset):
            urgency_reason (None | str | Unset):
            version (int | Unset):  Default: 0.
            why_no_procedure (None | str | Unset):
     """

    case_id: str
    bound_by_security_council_resolution: bool | Unset = False
    closed_at: datetime.datetime | None | Unset = UNSET
    closure_court_decision_reference: None | str | Unset = UNSET
    closure_note: None | str | Unset = UNSET
    closure_reason: None | str | Unset = UNSET
    court_request: CourtRequest | None | Unset = UNSET
    decision: CourtDecision | None | Unset = UNSET
    decision_changes: list[DecisionChangeView] | Unset = UNSET
    decision_status: None | str | Unset = UNSET
    forwarding: None | ServiceLevelView | Unset = UNSET
    information: CourtInformationView | None | Unset = UNSET
    no_finding: NoFindingView | None | Unset = UNSET
    opened_at: datetime.datetime | None | Unset = UNSET
    opened_on: datetime.date | None | Unset = UNSET
    persons_concerned: list[PersonConcerned] | Unset = UNSET
    press_release: None | ServiceLevelView | Unset = UNSET
    procedure_ended_at: datetime.datetime | None | Unset = UNSET
    requested_state: None | RequestedState | Unset = UNSET
    scenario: None | str | Unset = UNSET
    security_council_resolution: None | str | Unset = UNSET
    status: None | str | Unset = UNSET
    timeline: list[TimelineEntry] | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    urgency: None | str | Unset = UNSET
    urgency_reason: None | str | Unset = UNSET
    version: int | Unset = 0
    why_no_procedure: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.court_decision import CourtDecision # noqa: PLC0415
        from ..models.court_information_view import CourtInformationView # noqa: PLC0415
        from ..models.court_request import CourtRequest # noqa: PLC0415
        from ..models.decision_change_view import DecisionChangeView # noqa: PLC0415
        from ..models.no_finding_view import NoFindingView # noqa: PLC0415
        from ..models.person_concerned import PersonConcerned # noqa: PLC0415
        from ..models.requested_state import RequestedState # noqa: PLC0415
        from ..models.service_level_view import ServiceLevelView # noqa: PLC0415
        from ..models.timeline_entry import TimelineEntry # noqa: PLC0415
        case_id = self.case_id

        bound_by_security_council_resolution = self.bound_by_security_council_resolution

        closed_at: None | str | Unset
        if isinstance(self.closed_at, Unset):
            closed_at = UNSET
        elif isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        closure_court_decision_reference: None | str | Unset
        if isinstance(self.closure_court_decision_reference, Unset):
            closure_court_decision_reference = UNSET
        else:
            closure_court_decision_reference = self.closure_court_decision_reference

        closure_note: None | str | Unset
        if isinstance(self.closure_note, Unset):
            closure_note = UNSET
        else:
            closure_note = self.closure_note

        closure_reason: None | str | Unset
        if isinstance(self.closure_reason, Unset):
            closure_reason = UNSET
        else:
            closure_reason = self.closure_reason

        court_request: dict[str, Any] | None | Unset
        if isinstance(self.court_request, Unset):
            court_request = UNSET
        elif isinstance(self.court_request, CourtRequest):
            court_request = self.court_request.to_dict()
        else:
            court_request = self.court_request

        decision: dict[str, Any] | None | Unset
        if isinstance(self.decision, Unset):
            decision = UNSET
        elif isinstance(self.decision, CourtDecision):
            decision = self.decision.to_dict()
        else:
            decision = self.decision

        decision_changes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.decision_changes, Unset):
            decision_changes = []
            for decision_changes_item_data in self.decision_changes:
                decision_changes_item = decision_changes_item_data.to_dict()
                decision_changes.append(decision_changes_item)



        decision_status: None | str | Unset
        if isinstance(self.decision_status, Unset):
            decision_status = UNSET
        else:
            decision_status = self.decision_status

        forwarding: dict[str, Any] | None | Unset
        if isinstance(self.forwarding, Unset):
            forwarding = UNSET
        elif isinstance(self.forwarding, ServiceLevelView):
            forwarding = self.forwarding.to_dict()
        else:
            forwarding = self.forwarding

        information: dict[str, Any] | None | Unset
        if isinstance(self.information, Unset):
            information = UNSET
        elif isinstance(self.information, CourtInformationView):
            information = self.information.to_dict()
        else:
            information = self.information

        no_finding: dict[str, Any] | None | Unset
        if isinstance(self.no_finding, Unset):
            no_finding = UNSET
        elif isinstance(self.no_finding, NoFindingView):
            no_finding = self.no_finding.to_dict()
        else:
            no_finding = self.no_finding

        opened_at: None | str | Unset
        if isinstance(self.opened_at, Unset):
            opened_at = UNSET
        elif isinstance(self.opened_at, datetime.datetime):
            opened_at = self.opened_at.isoformat()
        else:
            opened_at = self.opened_at

        opened_on: None | str | Unset
        if isinstance(self.opened_on, Unset):
            opened_on = UNSET
        elif isinstance(self.opened_on, datetime.date):
            opened_on = self.opened_on.isoformat()
        else:
            opened_on = self.opened_on

        persons_concerned: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.persons_concerned, Unset):
            persons_concerned = []
            for persons_concerned_item_data in self.persons_concerned:
                persons_concerned_item = persons_concerned_item_data.to_dict()
                persons_concerned.append(persons_concerned_item)



        press_release: dict[str, Any] | None | Unset
        if isinstance(self.press_release, Unset):
            press_release = UNSET
        elif isinstance(self.press_release, ServiceLevelView):
            press_release = self.press_release.to_dict()
        else:
            press_release = self.press_release

        procedure_ended_at: None | str | Unset
        if isinstance(self.procedure_ended_at, Unset):
            procedure_ended_at = UNSET
        elif isinstance(self.procedure_ended_at, datetime.datetime):
            procedure_ended_at = self.procedure_ended_at.isoformat()
        else:
            procedure_ended_at = self.procedure_ended_at

        requested_state: dict[str, Any] | None | Unset
        if isinstance(self.requested_state, Unset):
            requested_state = UNSET
        elif isinstance(self.requested_state, RequestedState):
            requested_state = self.requested_state.to_dict()
        else:
            requested_state = self.requested_state

        scenario: None | str | Unset
        if isinstance(self.scenario, Unset):
            scenario = UNSET
        else:
            scenario = self.scenario

        security_council_resolution: None | str | Unset
        if isinstance(self.security_council_resolution, Unset):
            security_council_resolution = UNSET
        else:
            security_council_resolution = self.security_council_resolution

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        timeline: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.timeline, Unset):
            timeline = []
            for timeline_item_data in self.timeline:
                timeline_item = timeline_item_data.to_dict()
                timeline.append(timeline_item)



        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        urgency: None | str | Unset
        if isinstance(self.urgency, Unset):
            urgency = UNSET
        else:
            urgency = self.urgency

        urgency_reason: None | str | Unset
        if isinstance(self.urgency_reason, Unset):
            urgency_reason = UNSET
        else:
            urgency_reason = self.urgency_reason

        version = self.version

        why_no_procedure: None | str | Unset
        if isinstance(self.why_no_procedure, Unset):
            why_no_procedure = UNSET
        else:
            why_no_procedure = self.why_no_procedure


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "case_id": case_id,
        })
        if bound_by_security_council_resolution is not UNSET:
            field_dict["bound_by_security_council_resolution"] = bound_by_security_council_resolution
        if closed_at is not UNSET:
            field_dict["closed_at"] = closed_at
        if closure_court_decision_reference is not UNSET:
            field_dict["closure_court_decision_reference"] = closure_court_decision_reference
        if closure_note is not UNSET:
            field_dict["closure_note"] = closure_note
        if closure_reason is not UNSET:
            field_dict["closure_reason"] = closure_reason
        if court_request is not UNSET:
            field_dict["court_request"] = court_request
        if decision is not UNSET:
            field_dict["decision"] = decision
        if decision_changes is not UNSET:
            field_dict["decision_changes"] = decision_changes
        if decision_status is not UNSET:
            field_dict["decision_status"] = decision_status
        if forwarding is not UNSET:
            field_dict["forwarding"] = forwarding
        if information is not UNSET:
            field_dict["information"] = information
        if no_finding is not UNSET:
            field_dict["no_finding"] = no_finding
        if opened_at is not UNSET:
            field_dict["opened_at"] = opened_at
        if opened_on is not UNSET:
            field_dict["opened_on"] = opened_on
        if persons_concerned is not UNSET:
            field_dict["persons_concerned"] = persons_concerned
        if press_release is not UNSET:
            field_dict["press_release"] = press_release
        if procedure_ended_at is not UNSET:
            field_dict["procedure_ended_at"] = procedure_ended_at
        if requested_state is not UNSET:
            field_dict["requested_state"] = requested_state
        if scenario is not UNSET:
            field_dict["scenario"] = scenario
        if security_council_resolution is not UNSET:
            field_dict["security_council_resolution"] = security_council_resolution
        if status is not UNSET:
            field_dict["status"] = status
        if timeline is not UNSET:
            field_dict["timeline"] = timeline
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if urgency is not UNSET:
            field_dict["urgency"] = urgency
        if urgency_reason is not UNSET:
            field_dict["urgency_reason"] = urgency_reason
        if version is not UNSET:
            field_dict["version"] = version
        if why_no_procedure is not UNSET:
            field_dict["why_no_procedure"] = why_no_procedure

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.court_decision import CourtDecision # noqa: PLC0415
        from ..models.court_information_view import CourtInformationView # noqa: PLC0415
        from ..models.court_request import CourtRequest # noqa: PLC0415
        from ..models.decision_change_view import DecisionChangeView # noqa: PLC0415
        from ..models.no_finding_view import NoFindingView # noqa: PLC0415
        from ..models.person_concerned import PersonConcerned # noqa: PLC0415
        from ..models.requested_state import RequestedState # noqa: PLC0415
        from ..models.service_level_view import ServiceLevelView # noqa: PLC0415
        from ..models.timeline_entry import TimelineEntry # noqa: PLC0415
        d = dict(src_dict)
        case_id = d.pop("case_id")

        bound_by_security_council_resolution = d.pop("bound_by_security_council_resolution", UNSET)

        def _parse_closed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)



                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        closed_at = _parse_closed_at(d.pop("closed_at", UNSET))


        def _parse_closure_court_decision_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        closure_court_decision_reference = _parse_closure_court_decision_reference(d.pop("closure_court_decision_reference", UNSET))


        def _parse_closure_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        closure_note = _parse_closure_note(d.pop("closure_note", UNSET))


        def _parse_closure_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        closure_reason = _parse_closure_reason(d.pop("closure_reason", UNSET))


        def _parse_court_request(data: object) -> CourtRequest | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                court_request_type_0 = CourtRequest.from_dict(data)



                return court_request_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CourtRequest | None | Unset, data)

        court_request = _parse_court_request(d.pop("court_request", UNSET))


        def _parse_decision(data: object) -> CourtDecision | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                decision_type_0 = CourtDecision.from_dict(data)



                return decision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CourtDecision | None | Unset, data)

        decision = _parse_decision(d.pop("decision", UNSET))


        _decision_changes = d.pop("decision_changes", UNSET)
        decision_changes: list[DecisionChangeView] | Unset = UNSET
        if _decision_changes is not UNSET:
            decision_changes = []
            for decision_changes_item_data in _decision_changes:
                decision_changes_item = DecisionChangeView.from_dict(decision_changes_item_data)



                decision_changes.append(decision_changes_item)


        def _parse_decision_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decision_status = _parse_decision_status(d.pop("decision_status", UNSET))


        def _parse_forwarding(data: object) -> None | ServiceLevelView | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                forwarding_type_0 = ServiceLevelView.from_dict(data)



                return forwarding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ServiceLevelView | Unset, data)

        forwarding = _parse_forwarding(d.pop("forwarding", UNSET))


        def _parse_information(data: object) -> CourtInformationView | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                information_type_0 = CourtInformationView.from_dict(data)



                return information_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CourtInformationView | None | Unset, data)

        information = _parse_information(d.pop("information", UNSET))


        def _parse_no_finding(data: object) -> NoFindingView | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                no_finding_type_0 = NoFindingView.from_dict(data)



                return no_finding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NoFindingView | None | Unset, data)

        no_finding = _parse_no_finding(d.pop("no_finding", UNSET))


        def _parse_opened_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                opened_at_type_0 = datetime.datetime.fromisoformat(data)



                return opened_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        opened_at = _parse_opened_at(d.pop("opened_at", UNSET))


        def _parse_opened_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                opened_on_type_0 = datetime.date.fromisoformat(data)



                return opened_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        opened_on = _parse_opened_on(d.pop("opened_on", UNSET))


        _persons_concerned = d.pop("persons_concerned", UNSET)
        persons_concerned: list[PersonConcerned] | Unset = UNSET
        if _persons_concerned is not UNSET:
            persons_concerned = []
            for persons_concerned_item_data in _persons_concerned:
                persons_concerned_item = PersonConcerned.from_dict(persons_concerned_item_data)



                persons_concerned.append(persons_concerned_item)


        def _parse_press_release(data: object) -> None | ServiceLevelView | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                press_release_type_0 = ServiceLevelView.from_dict(data)



                return press_release_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ServiceLevelView | Unset, data)

        press_release = _parse_press_release(d.pop("press_release", UNSET))


        def _parse_procedure_ended_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                procedure_ended_at_type_0 = datetime.datetime.fromisoformat(data)



                return procedure_ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        procedure_ended_at = _parse_procedure_ended_at(d.pop("procedure_ended_at", UNSET))


        def _parse_requested_state(data: object) -> None | RequestedState | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                requested_state_type_0 = RequestedState.from_dict(data)



                return requested_state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RequestedState | Unset, data)

        requested_state = _parse_requested_state(d.pop("requested_state", UNSET))


        def _parse_scenario(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        scenario = _parse_scenario(d.pop("scenario", UNSET))


        def _parse_security_council_resolution(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        security_council_resolution = _parse_security_council_resolution(d.pop("security_council_resolution", UNSET))


        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))


        _timeline = d.pop("timeline", UNSET)
        timeline: list[TimelineEntry] | Unset = UNSET
        if _timeline is not UNSET:
            timeline = []
            for timeline_item_data in _timeline:
                timeline_item = TimelineEntry.from_dict(timeline_item_data)



                timeline.append(timeline_item)


        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)



                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))


        def _parse_urgency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        urgency = _parse_urgency(d.pop("urgency", UNSET))


        def _parse_urgency_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        urgency_reason = _parse_urgency_reason(d.pop("urgency_reason", UNSET))


        version = d.pop("version", UNSET)

        def _parse_why_no_procedure(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        why_no_procedure = _parse_why_no_procedure(d.pop("why_no_procedure", UNSET))


        case_view = cls(
            case_id=case_id,
            bound_by_security_council_resolution=bound_by_security_council_resolution,
            closed_at=closed_at,
            closure_court_decision_reference=closure_court_decision_reference,
            closure_note=closure_note,
            closure_reason=closure_reason,
            court_request=court_request,
            decision=decision,
            decision_changes=decision_changes,
            decision_status=decision_status,
            forwarding=forwarding,
            information=information,
            no_finding=no_finding,
            opened_at=opened_at,
            opened_on=opened_on,
            persons_concerned=persons_concerned,
            press_release=press_release,
            procedure_ended_at=procedure_ended_at,
            requested_state=requested_state,
            scenario=scenario,
            security_council_resolution=security_council_resolution,
            status=status,
            timeline=timeline,
            updated_at=updated_at,
            urgency=urgency,
            urgency_reason=urgency_reason,
            version=version,
            why_no_procedure=why_no_procedure,
        )

        return case_view

