from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.rule import Rule
from ..models.rule_state_state import RuleStateState
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.session_ref import SessionRef





T = TypeVar("T", bound="RuleState")



@_attrs_define
class RuleState:
    """ 
        Attributes:
            rule (Rule): Every rule id of the procedures (docs/procedures.md).
            state (RuleStateState):
            why (str):
            actor (None | str | Unset):
            count (int | None | Unset):
            done_at (datetime.datetime | None | Unset):
            due_at (datetime.datetime | None | Unset):
            due_session (None | SessionRef | Unset):
            late (bool | Unset):  Default: False.
            ref (None | str | Unset):
            since (datetime.datetime | None | Unset):
     """

    rule: Rule
    state: RuleStateState
    why: str
    actor: None | str | Unset = UNSET
    count: int | None | Unset = UNSET
    done_at: datetime.datetime | None | Unset = UNSET
    due_at: datetime.datetime | None | Unset = UNSET
    due_session: None | SessionRef | Unset = UNSET
    late: bool | Unset = False
    ref: None | str | Unset = UNSET
    since: datetime.datetime | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.session_ref import SessionRef # noqa: PLC0415
        rule = self.rule.value

        state = self.state.value

        why = self.why

        actor: None | str | Unset
        if isinstance(self.actor, Unset):
            actor = UNSET
        else:
            actor = self.actor

        count: int | None | Unset
        if isinstance(self.count, Unset):
            count = UNSET
        else:
            count = self.count

        done_at: None | str | Unset
        if isinstance(self.done_at, Unset):
            done_at = UNSET
        elif isinstance(self.done_at, datetime.datetime):
            done_at = self.done_at.isoformat()
        else:
            done_at = self.done_at

        due_at: None | str | Unset
        if isinstance(self.due_at, Unset):
            due_at = UNSET
        elif isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        due_session: dict[str, Any] | None | Unset
        if isinstance(self.due_session, Unset):
            due_session = UNSET
        elif isinstance(self.due_session, SessionRef):
            due_session = self.due_session.to_dict()
        else:
            due_session = self.due_session

        late = self.late

        ref: None | str | Unset
        if isinstance(self.ref, Unset):
            ref = UNSET
        else:
            ref = self.ref

        since: None | str | Unset
        if isinstance(self.since, Unset):
            since = UNSET
        elif isinstance(self.since, datetime.datetime):
            since = self.since.isoformat()
        else:
            since = self.since


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "rule": rule,
            "state": state,
            "why": why,
        })
        if actor is not UNSET:
            field_dict["actor"] = actor
        if count is not UNSET:
            field_dict["count"] = count
        if done_at is not UNSET:
            field_dict["done_at"] = done_at
        if due_at is not UNSET:
            field_dict["due_at"] = due_at
        if due_session is not UNSET:
            field_dict["due_session"] = due_session
        if late is not UNSET:
            field_dict["late"] = late
        if ref is not UNSET:
            field_dict["ref"] = ref
        if since is not UNSET:
            field_dict["since"] = since

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.session_ref import SessionRef # noqa: PLC0415
        d = dict(src_dict)
        rule = Rule(d.pop("rule"))




        state = RuleStateState(d.pop("state"))




        why = d.pop("why")

        def _parse_actor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor = _parse_actor(d.pop("actor", UNSET))


        def _parse_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        count = _parse_count(d.pop("count", UNSET))


        def _parse_done_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                done_at_type_0 = datetime.datetime.fromisoformat(data)



                return done_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        done_at = _parse_done_at(d.pop("done_at", UNSET))


        def _parse_due_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)



                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        due_at = _parse_due_at(d.pop("due_at", UNSET))


        def _parse_due_session(data: object) -> None | SessionRef | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                due_session_type_0 = SessionRef.from_dict(data)



                return due_session_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SessionRef | Unset, data)

        due_session = _parse_due_session(d.pop("due_session", UNSET))


        late = d.pop("late", UNSET)

        def _parse_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ref = _parse_ref(d.pop("ref", UNSET))


        def _parse_since(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                since_type_0 = datetime.datetime.fromisoformat(data)



                return since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        since = _parse_since(d.pop("since", UNSET))


        rule_state = cls(
            rule=rule,
            state=state,
            why=why,
            actor=actor,
            count=count,
            done_at=done_at,
            due_at=due_at,
            due_session=due_session,
            late=late,
            ref=ref,
            since=since,
        )

        return rule_state

