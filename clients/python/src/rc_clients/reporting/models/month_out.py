from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="MonthOut")



@_attrs_define
class MonthOut:
    """ 
        Attributes:
            blood_units (int):
            funds_raised_vnd (int):
            month (str): YYYY-MM.
            person_times (int):
            support_value_vnd (int):
     """

    blood_units: int
    funds_raised_vnd: int
    month: str
    person_times: int
    support_value_vnd: int





    def to_dict(self) -> dict[str, Any]:
        blood_units = self.blood_units

        funds_raised_vnd = self.funds_raised_vnd

        month = self.month

        person_times = self.person_times

        support_value_vnd = self.support_value_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "blood_units": blood_units,
            "funds_raised_vnd": funds_raised_vnd,
            "month": month,
            "person_times": person_times,
            "support_value_vnd": support_value_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        blood_units = d.pop("blood_units")

        funds_raised_vnd = d.pop("funds_raised_vnd")

        month = d.pop("month")

        person_times = d.pop("person_times")

        support_value_vnd = d.pop("support_value_vnd")

        month_out = cls(
            blood_units=blood_units,
            funds_raised_vnd=funds_raised_vnd,
            month=month,
            person_times=person_times,
            support_value_vnd=support_value_vnd,
        )

        return month_out

