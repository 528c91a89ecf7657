from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.procedural_state_view_scenario_type_0 import ProceduralStateViewScenarioType0
from ..models.procedural_state_view_status_type_0 import ProceduralStateViewStatusType0
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.next_due import NextDue
  from ..models.rule_state import RuleState





T = TypeVar("T", bound="ProceduralStateView")



@_attrs_define
class ProceduralStateView:
    """ 
        Attributes:
            audience (str):
            case_id (str):
            as_of (datetime.datetime | None | Unset):
            events (int | Unset):  Default: 0.
            next_due (NextDue | None | Unset):
            on (datetime.date | None | Unset):
            recorded_at (datetime.datetime | None | Unset):
            rules (list[RuleState] | Unset):
            scenario (None | ProceduralStateViewScenarioType0 | Unset):
            status (None | ProceduralStateViewStatusType0 | Unset):
     """

    audience: str
    case_id: str
    as_of: datetime.datetime | None | Unset = UNSET
    events: int | Unset = 0
    next_due: NextDue | None | Unset = UNSET
    on: datetime.date | None | Unset = UNSET
    recorded_at: datetime.datetime | None | Unset = UNSET
    rules: list[RuleState] | Unset = UNSET
    scenario: None | ProceduralStateViewScenarioType0 | Unset = UNSET
    status: None | ProceduralStateViewStatusType0 | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.next_due import NextDue # noqa: PLC0415
        from ..models.rule_state import RuleState # noqa: PLC0415
        audience = self.audience

        case_id = self.case_id

        as_of: None | str | Unset
        if isinstance(self.as_of, Unset):
            as_of = UNSET
        elif isinstance(self.as_of, datetime.datetime):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        events = self.events

        next_due: dict[str, Any] | None | Unset
        if isinstance(self.next_due, Unset):
            next_due = UNSET
        elif isinstance(self.next_due, NextDue):
            next_due = self.next_due.to_dict()
        else:
            next_due = self.next_due

        on: None | str | Unset
        if isinstance(self.on, Unset):
            on = UNSET
        elif isinstance(self.on, datetime.date):
            on = self.on.isoformat()
        else:
            on = self.on

        recorded_at: None | str | Unset
        if isinstance(self.recorded_at, Unset):
            recorded_at = UNSET
        elif isinstance(self.recorded_at, datetime.datetime):
            recorded_at = self.recorded_at.isoformat()
        else:
            recorded_at = self.recorded_at

        rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rules, Unset):
            rules = []
            for rules_item_data in self.rules:
                rules_item = rules_item_data.to_dict()
                rules.append(rules_item)



        scenario: None | str | Unset
        if isinstance(self.scenario, Unset):
            scenario = UNSET
        elif isinstance(self.scenario, ProceduralStateViewScenarioType0):
            scenario = self.scenario.value
        else:
            scenario = self.scenario

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, ProceduralStateViewStatusType0):
            status = self.status.value
        else:
            status = self.status


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "audience": audience,
            "case_id": case_id,
        })
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if events is not UNSET:
            field_dict["events"] = events
        if next_due is not UNSET:
            field_dict["next_due"] = next_due
        if on is not UNSET:
            field_dict["on"] = on
        if recorded_at is not UNSET:
            field_dict["recorded_at"] = recorded_at
        if rules is not UNSET:
            field_dict["rules"] = rules
        if scenario is not UNSET:
            field_dict["scenario"] = scenario
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.next_due import NextDue # noqa: PLC0415
        from ..models.rule_state import RuleState # noqa: PLC0415
        d = dict(src_dict)
        audience = d.pop("audience")

        case_id = d.pop("case_id")

        def _parse_as_of(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = datetime.datetime.fromisoformat(data)



                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        as_of = _parse_as_of(d.pop("as_of", UNSET))


        events = d.pop("events", UNSET)

        def _parse_next_due(data: object) -> NextDue | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_due_type_0 = NextDue.from_dict(data)



                return next_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NextDue | None | Unset, data)

        next_due = _parse_next_due(d.pop("next_due", UNSET))


        def _parse_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                on_type_0 = datetime.date.fromisoformat(data)



                return on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        on = _parse_on(d.pop("on", UNSET))


        def _parse_recorded_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                recorded_at_type_0 = datetime.datetime.fromisoformat(data)



                return recorded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        recorded_at = _parse_recorded_at(d.pop("recorded_at", UNSET))


        _rules = d.pop("rules", UNSET)
        rules: list[RuleState] | Unset = UNSET
        if _rules is not UNSET:
            rules = []
            for rules_item_data in _rules:
                rules_item = RuleState.from_dict(rules_item_data)



                rules.append(rules_item)


        def _parse_scenario(data: object) -> None | ProceduralStateViewScenarioType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scenario_type_0 = ProceduralStateViewScenarioType0(data)



                return scenario_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProceduralStateViewScenarioType0 | Unset, data)

        scenario = _parse_scenario(d.pop("scenario", UNSET))


        def _parse_status(data: object) -> None | ProceduralStateViewStatusType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = ProceduralStateViewStatusType0(data)



                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProceduralStateViewStatusType0 | Unset, data)

        status = _parse_status(d.pop("status", UNSET))


        procedural_state_view = cls(
            audience=audience,
            case_id=case_id,
            as_of=as_of,
            events=events,
            next_due=next_due,
            on=on,
            recorded_at=recorded_at,
            rules=rules,
            scenario=scenario,
            status=status,
        )

        return procedural_state_view

