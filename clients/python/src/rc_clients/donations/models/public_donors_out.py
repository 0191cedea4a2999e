from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PublicDonorsOut")



@_attrs_define
class PublicDonorsOut:
    """ 
        Attributes:
            anonymous_gifts (int):
            count (int): Identified donors once each, plus each anonymous gift.
            identified (int):
     """

    anonymous_gifts: int
    count: int
    identified: int





    def to_dict(self) -> dict[str, Any]:
        anonymous_gifts = self.anonymous_gifts

        count = self.count

        identified = self.identified


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "anonymous_gifts": anonymous_gifts,
            "count": count,
            "identified": identified,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        anonymous_gifts = d.pop("anonymous_gifts")

        count = d.pop("count")

        identified = d.pop("identified")

        public_donors_out = cls(
            anonymous_gifts=anonymous_gifts,
            count=count,
            identified=identified,
        )

        return public_donors_out

