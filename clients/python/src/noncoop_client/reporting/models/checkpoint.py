from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.checkpoint_position import CheckpointPosition





T = TypeVar("T", bound="Checkpoint")



@_attrs_define
class Checkpoint:
    """ A sealed, signed summary of the log up to ``position``. Immutable.

        Attributes:
            event_count (int): how many event hashes the root covers
            key_id (str): which key signed it (see key_id_of)
            merkle_root (str):
            position (CheckpointPosition): where the log was sealed, e.g. {"noncoop.referrals/0": 1234} (topic/partition ->
                next offset) or any named position
            sealed_at (datetime.datetime): when it was sealed; timezone-aware, kept in UTC
            signature (str): Ed25519 signature, standard base64
     """

    event_count: int
    key_id: str
    merkle_root: str
    position: CheckpointPosition
    sealed_at: datetime.datetime
    signature: str





    def to_dict(self) -> dict[str, Any]:
        from ..models.checkpoint_position import CheckpointPosition # noqa: PLC0415
        event_count = self.event_count

        key_id = self.key_id

        merkle_root = self.merkle_root

        position = self.position.to_dict()

        sealed_at = self.sealed_at.isoformat()

        signature = self.signature


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "event_count": event_count,
            "key_id": key_id,
            "merkle_root": merkle_root,
            "position": position,
            "sealed_at": sealed_at,
            "signature": signature,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checkpoint_position import CheckpointPosition # noqa: PLC0415
        d = dict(src_dict)
        event_count = d.pop("event_count")

        key_id = d.pop("key_id")

        merkle_root = d.pop("merkle_root")

        position = CheckpointPosition.from_dict(d.pop("position"))




        sealed_at = datetime.datetime.fromisoformat(d.pop("sealed_at"))




        signature = d.pop("signature")

        checkpoint = cls(
            event_count=event_count,
            key_id=key_id,
            merkle_root=merkle_root,
            position=position,
            sealed_at=sealed_at,
            signature=signature,
        )

        return checkpoint

