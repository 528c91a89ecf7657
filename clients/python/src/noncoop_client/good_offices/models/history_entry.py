from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.entry_actor import EntryActor
  from ..models.entry_command import EntryCommand





T = TypeVar("T", bound="HistoryEntry")



@_attrs_define
class HistoryEntry:
    """ 
        Attributes:
            actor (EntryActor): Who did it in the world: recorded as the event's actor, as if that actor had sent it.
            command (EntryCommand): One command as a client would send it: ``POST`` to a route of this service.
     """

    actor: EntryActor
    command: EntryCommand





    def to_dict(self) -> dict[str, Any]:
        from ..models.entry_actor import EntryActor # noqa: PLC0415
        from ..models.entry_command import EntryCommand # noqa: PLC0415
        actor = self.actor.to_dict()

        command = self.command.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "actor": actor,
            "command": command,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.entry_actor import EntryActor # noqa: PLC0415
        from ..models.entry_command import EntryCommand # noqa: PLC0415
        d = dict(src_dict)
        actor = EntryActor.from_dict(d.pop("actor"))




        command = EntryCommand.from_dict(d.pop("command"))




        history_entry = cls(
            actor=actor,
            command=command,
        )

        return history_entry

