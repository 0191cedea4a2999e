from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="SettleIn")



@_attrs_define
class SettleIn:
    """ 
        Attributes:
            remainder_note (str | Unset): What is done with the money or goods still undistributed (the decision that allots
                them): required while the campaign holds any (409 otherwise, with cash_vnd and goods_vnd). Default: ''.
            settled_on (datetime.date | None | Unset): Default: today. Not before the close, nor before the campaign's last
                distribution.
     """

    remainder_note: str | Unset = ''
    settled_on: datetime.date | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        remainder_note = self.remainder_note

        settled_on: None | str | Unset
        if isinstance(self.settled_on, Unset):
            settled_on = UNSET
        elif isinstance(self.settled_on, datetime.date):
            settled_on = self.settled_on.isoformat()
        else:
            settled_on = self.settled_on


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if remainder_note is not UNSET:
            field_dict["remainder_note"] = remainder_note
        if settled_on is not UNSET:
            field_dict["settled_on"] = settled_on

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        remainder_note = d.pop("remainder_note", UNSET)

        def _parse_settled_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                settled_on_type_0 = isoparse(data).date()



                return settled_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        settled_on = _parse_settled_on(d.pop("settled_on", UNSET))


        settle_in = cls(
            remainder_note=remainder_note,
            settled_on=settled_on,
        )

        return settle_in

