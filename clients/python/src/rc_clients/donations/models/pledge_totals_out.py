from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PledgeTotalsOut")



@_attrs_define
class PledgeTotalsOut:
    """ 
        Attributes:
            count (int):
            outstanding_vnd (int):
            paid_vnd (int):
            pledged_vnd (int):
     """

    count: int
    outstanding_vnd: int
    paid_vnd: int
    pledged_vnd: int





    def to_dict(self) -> dict[str, Any]:
        count = self.count

        outstanding_vnd = self.outstanding_vnd

        paid_vnd = self.paid_vnd

        pledged_vnd = self.pledged_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "count": count,
            "outstanding_vnd": outstanding_vnd,
            "paid_vnd": paid_vnd,
            "pledged_vnd": pledged_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        outstanding_vnd = d.pop("outstanding_vnd")

        paid_vnd = d.pop("paid_vnd")

        pledged_vnd = d.pop("pledged_vnd")

        pledge_totals_out = cls(
            count=count,
            outstanding_vnd=outstanding_vnd,
            paid_vnd=paid_vnd,
            pledged_vnd=pledged_vnd,
        )

        return pledge_totals_out

