from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="DonationCountsOut")



@_attrs_define
class DonationCountsOut:
    """ 
        Attributes:
            blood (int):
            cash (int):
            count (int):
            in_kind (int):
            reversed_ (int):
     """

    blood: int
    cash: int
    count: int
    in_kind: int
    reversed_: int





    def to_dict(self) -> dict[str, Any]:
        blood = self.blood

        cash = self.cash

        count = self.count

        in_kind = self.in_kind

        reversed_ = self.reversed_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "blood": blood,
            "cash": cash,
            "count": count,
            "in_kind": in_kind,
            "reversed": reversed_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        blood = d.pop("blood")

        cash = d.pop("cash")

        count = d.pop("count")

        in_kind = d.pop("in_kind")

        reversed_ = d.pop("reversed")

        donation_counts_out = cls(
            blood=blood,
            cash=cash,
            count=count,
            in_kind=in_kind,
            reversed_=reversed_,
        )

        return donation_counts_out

