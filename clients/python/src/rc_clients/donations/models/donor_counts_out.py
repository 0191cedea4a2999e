from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="DonorCountsOut")



@_attrs_define
class DonorCountsOut:
    """ 
        Attributes:
            anonymous_gifts (int):
            count (int):
            identified (int):
            note (str):
     """

    anonymous_gifts: int
    count: int
    identified: int
    note: str





    def to_dict(self) -> dict[str, Any]:
        anonymous_gifts = self.anonymous_gifts

        count = self.count

        identified = self.identified

        note = self.note


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "anonymous_gifts": anonymous_gifts,
            "count": count,
            "identified": identified,
            "note": note,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        anonymous_gifts = d.pop("anonymous_gifts")

        count = d.pop("count")

        identified = d.pop("identified")

        note = d.pop("note")

        donor_counts_out = cls(
            anonymous_gifts=anonymous_gifts,
            count=count,
            identified=identified,
            note=note,
        )

        return donor_counts_out

