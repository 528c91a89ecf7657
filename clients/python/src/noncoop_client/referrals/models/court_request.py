from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.cooperation_article import CooperationArticle
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="CourtRequest")



@_attrs_define
class CourtRequest:
    """ The specific Court request for cooperation the case is about (S4).

        Attributes:
            article (CooperationArticle):
            reference (str):
            date (datetime.date | None | Unset):
     """

    article: CooperationArticle
    reference: str
    date: datetime.date | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        article = self.article.value

        reference = self.reference

        date: None | str | Unset
        if isinstance(self.date, Unset):
            date = UNSET
        elif isinstance(self.date, datetime.date):
            date = self.date.isoformat()
        else:
            date = self.date


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "article": article,
            "reference": reference,
        })
        if date is not UNSET:
            field_dict["date"] = date

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        article = CooperationArticle(d.pop("article"))




        reference = d.pop("reference")

        def _parse_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_type_0 = datetime.date.fromisoformat(data)



                return date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        date = _parse_date(d.pop("date", UNSET))


        court_request = cls(
            article=article,
            reference=reference,
            date=date,
        )

        return court_request

