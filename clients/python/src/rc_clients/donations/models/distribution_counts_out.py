from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="DistributionCountsOut")



@_attrs_define
class DistributionCountsOut:
    """ 
        Attributes:
            beneficiaries (int):
            count (int):
     """

    beneficiaries: int
    count: int





    def to_dict(self) -> dict[str, Any]:
        beneficiaries = self.beneficiaries

        count = self.count


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "beneficiaries": beneficiaries,
            "count": count,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        beneficiaries = d.pop("beneficiaries")

        count = d.pop("count")

        distribution_counts_out = cls(
            beneficiaries=beneficiaries,
            count=count,
        )

        return distribution_counts_out

