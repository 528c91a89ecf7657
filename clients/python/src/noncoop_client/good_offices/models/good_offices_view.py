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
  from ..models.note import Note
  from ..models.step import Step
  from ..models.timeline_entry import TimelineEntry
  from ..models.travel_record import TravelRecord





T = TypeVar("T", bound="GoodOfficesView")



@_attrs_define
class GoodOfficesView:
    """ 
        Attributes:
            case_id (str):
            activated_at (datetime.datetime | None | Unset):
            activation_rule (None | str | Unset):
            active (bool | Unset):  Default: False.
            basis (None | str | Unset):
            bureau_decision_reference (None | str | Unset):
            bureau_decisions (list[Note] | Unset):
            bureau_notification (None | Step | Unset):
            concluded_at (datetime.datetime | None | Unset):
            continued_under_7a (bool | Unset):  Default: False.
            court_consulted_on (datetime.date | None | Unset):
            engagement (list[Note] | Unset):
            outcome (None | str | Unset):
            reports_to_bureau (list[Note] | Unset):
            timeline (list[TimelineEntry] | Unset):
            travel (list[TravelRecord] | Unset):
            verification (None | str | Unset):
            version (int | Unset):  Default: 0.
     """

    case_id: str
    activated_at: datetime.datetime | None | Unset = UNSET
    activation_rule: None | str | Unset = UNSET
    active: bool | Unset = False
    basis: None | str | Unset = UNSET
    bureau_decision_reference: None | str | Unset = UNSET
    bureau_decisions: list[Note] | Unset = UNSET
    bureau_notification: None | Step | Unset = UNSET
    concluded_at: datetime.datetime | None | Unset = UNSET
    continued_under_7a: bool | Unset = False
    court_consulted_on: datetime.date | None | Unset = UNSET
    engagement: list[Note] | Unset = UNSET
    outcome: None | str | Unset = UNSET
    reports_to_bureau: list[Note] | Unset = UNSET
    timeline: list[TimelineEntry] | Unset = UNSET
    travel: list[TravelRecord] | Unset = UNSET
    verification: None | str | Unset = UNSET
    version: int | Unset = 0





    def to_dict(self) -> dict[str, Any]:
        from ..models.note import Note # noqa: PLC0415
        from ..models.step import Step # noqa: PLC0415
        from ..models.timeline_entry import TimelineEntry # noqa: PLC0415
        from ..models.travel_record import TravelRecord # noqa: PLC0415
        case_id = self.case_id

        activated_at: None | str | Unset
        if isinstance(self.activated_at, Unset):
            activated_at = UNSET
        elif isinstance(self.activated_at, datetime.datetime):
            activated_at = self.activated_at.isoformat()
        else:
            activated_at = self.activated_at

        activation_rule: None | str | Unset
        if isinstance(self.activation_rule, Unset):
            activation_rule = UNSET
        else:
            activation_rule = self.activation_rule

        active = self.active

        basis: None | str | Unset
        if isinstance(self.basis, Unset):
            basis = UNSET
        else:
            basis = self.basis

        bureau_decision_reference: None | str | Unset
        if isinstance(self.bureau_decision_reference, Unset):
            bureau_decision_reference = UNSET
        else:
            bureau_decision_reference = self.bureau_decision_reference

        bureau_decisions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.bureau_decisions, Unset):
            bureau_decisions = []
            for bureau_decisions_item_data in self.bureau_decisions:
                bureau_decisions_item = bureau_decisions_item_data.to_dict()
                bureau_decisions.append(bureau_decisions_item)



        bureau_notification: dict[str, Any] | None | Unset
        if isinstance(self.bureau_notification, Unset):
            bureau_notification = UNSET
        elif isinstance(self.bureau_notification, Step):
            bureau_notification = self.bureau_notification.to_dict()
        else:
            bureau_notification = self.bureau_notification

        concluded_at: None | str | Unset
        if isinstance(self.concluded_at, Unset):
            concluded_at = UNSET
        elif isinstance(self.concluded_at, datetime.datetime):
            concluded_at = self.concluded_at.isoformat()
        else:
            concluded_at = self.concluded_at

        continued_under_7a = self.continued_under_7a

        court_consulted_on: None | str | Unset
        if isinstance(self.court_consulted_on, Unset):
            court_consulted_on = UNSET
        elif isinstance(self.court_consulted_on, datetime.date):
            court_consulted_on = self.court_consulted_on.isoformat()
        else:
            court_consulted_on = self.court_consulted_on

        engagement: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.engagement, Unset):
            engagement = []
            for engagement_item_data in self.engagement:
                engagement_item = engagement_item_data.to_dict()
                engagement.append(engagement_item)



        outcome: None | str | Unset
        if isinstance(self.outcome, Unset):
            outcome = UNSET
        else:
            outcome = self.outcome

        reports_to_bureau: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.reports_to_bureau, Unset):
            reports_to_bureau = []
            for reports_to_bureau_item_data in self.reports_to_bureau:
                reports_to_bureau_item = reports_to_bureau_item_data.to_dict()
                reports_to_bureau.append(reports_to_bureau_item)



        timeline: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.timeline, Unset):
            timeline = []
            for timeline_item_data in self.timeline:
                timeline_item = timeline_item_data.to_dict()
                timeline.append(timeline_item)



        travel: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.travel, Unset):
            travel = []
            for travel_item_data in self.travel:
                travel_item = travel_item_data.to_dict()
                travel.append(travel_item)



        verification: None | str | Unset
        if isinstance(self.verification, Unset):
            verification = UNSET
        else:
            verification = self.verification

        version = self.version


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "case_id": case_id,
        })
        if activated_at is not UNSET:
            field_dict["activated_at"] = activated_at
        if activation_rule is not UNSET:
            field_dict["activation_rule"] = activation_rule
        if active is not UNSET:
            field_dict["active"] = active
        if basis is not UNSET:
            field_dict["basis"] = basis
        if bureau_decision_reference is not UNSET:
            field_dict["bureau_decision_reference"] = bureau_decision_reference
        if bureau_decisions is not UNSET:
            field_dict["bureau_decisions"] = bureau_decisions
        if bureau_notification is not UNSET:
            field_dict["bureau_notification"] = bureau_notification
        if concluded_at is not UNSET:
            field_dict["concluded_at"] = concluded_at
        if continued_under_7a is not UNSET:
            field_dict["continued_under_7a"] = continued_under_7a
        if court_consulted_on is not UNSET:
            field_dict["court_consulted_on"] = court_consulted_on
        if engagement is not UNSET:
            field_dict["engagement"] = engagement
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if reports_to_bureau is not UNSET:
            field_dict["reports_to_bureau"] = reports_to_bureau
        if timeline is not UNSET:
            field_dict["timeline"] = timeline
        if travel is not UNSET:
            field_dict["travel"] = travel
        if verification is not UNSET:
            field_dict["verification"] = verification
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.note import Note # noqa: PLC0415
        from ..models.step import Step # noqa: PLC0415
        from ..models.timeline_entry import TimelineEntry # noqa: PLC0415
        from ..models.travel_record import TravelRecord # noqa: PLC0415
        d = dict(src_dict)
        case_id = d.pop("case_id")

        def _parse_activated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                activated_at_type_0 = datetime.datetime.fromisoformat(data)



                return activated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        activated_at = _parse_activated_at(d.pop("activated_at", UNSET))


        def _parse_activation_rule(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        activation_rule = _parse_activation_rule(d.pop("activation_rule", UNSET))


        active = d.pop("active", UNSET)

        def _parse_basis(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        basis = _parse_basis(d.pop("basis", UNSET))


        def _parse_bureau_decision_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bureau_decision_reference = _parse_bureau_decision_reference(d.pop("bureau_decision_reference", UNSET))


        _bureau_decisions = d.pop("bureau_decisions", UNSET)
        bureau_decisions: list[Note] | Unset = UNSET
        if _bureau_decisions is not UNSET:
            bureau_decisions = []
            for bureau_decisions_item_data in _bureau_decisions:
                bureau_decisions_item = Note.from_dict(bureau_decisions_item_data)



                bureau_decisions.append(bureau_decisions_item)


        def _parse_bureau_notification(data: object) -> None | Step | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                bureau_notification_type_0 = Step.from_dict(data)



                return bureau_notification_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Step | Unset, data)

        bureau_notification = _parse_bureau_notification(d.pop("bureau_notification", UNSET))


        def _parse_concluded_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                concluded_at_type_0 = datetime.datetime.fromisoformat(data)



                return concluded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        concluded_at = _parse_concluded_at(d.pop("concluded_at", UNSET))


        continued_under_7a = d.pop("continued_under_7a", UNSET)

        def _parse_court_consulted_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                court_consulted_on_type_0 = datetime.date.fromisoformat(data)



                return court_consulted_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        court_consulted_on = _parse_court_consulted_on(d.pop("court_consulted_on", UNSET))


        _engagement = d.pop("engagement", UNSET)
        engagement: list[Note] | Unset = UNSET
        if _engagement is not UNSET:
            engagement = []
            for engagement_item_data in _engagement:
                engagement_item = Note.from_dict(engagement_item_data)



                engagement.append(engagement_item)


        def _parse_outcome(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        outcome = _parse_outcome(d.pop("outcome", UNSET))


        _reports_to_bureau = d.pop("reports_to_bureau", UNSET)
        reports_to_bureau: list[Note] | Unset = UNSET
        if _reports_to_bureau is not UNSET:
            reports_to_bureau = []
            for reports_to_bureau_item_data in _reports_to_bureau:
                reports_to_bureau_item = Note.from_dict(reports_to_bureau_item_data)



                reports_to_bureau.append(reports_to_bureau_item)


        _timeline = d.pop("timeline", UNSET)
        timeline: list[TimelineEntry] | Unset = UNSET
        if _timeline is not UNSET:
            timeline = []
            for timeline_item_data in _timeline:
                timeline_item = TimelineEntry.from_dict(timeline_item_data)



                timeline.append(timeline_item)


        _travel = d.pop("travel", UNSET)
        travel: list[TravelRecord] | Unset = UNSET
        if _travel is not UNSET:
            travel = []
            for travel_item_data in _travel:
                travel_item = TravelRecord.from_dict(travel_item_data)



                travel.append(travel_item)


        def _parse_verification(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        verification = _parse_verification(d.pop("verification", UNSET))


        version = d.pop("version", UNSET)

        good_offices_view = cls(
            case_id=case_id,
            activated_at=activated_at,
            activation_rule=activation_rule,
            active=active,
            basis=basis,
            bureau_decision_reference=bureau_decision_reference,
            bureau_decisions=bureau_decisions,
            bureau_notification=bureau_notification,
            concluded_at=concluded_at,
            continued_under_7a=continued_under_7a,
            court_consulted_on=court_consulted_on,
            engagement=engagement,
            outcome=outcome,
            reports_to_bureau=reports_to_bureau,
            timeline=timeline,
            travel=travel,
            verification=verification,
            version=version,
        )

        return good_offices_view

