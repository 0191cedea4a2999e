from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="InflowDay")



@_attrs_define
class InflowDay:
    """ 
        Attributes:
            cash_raised_vnd (int): Cash received on the day by units of the subtree, reversals left out.
            day (datetime.date):
     """

    cash_raised_vnd: int
    day: datetime.date





    def to_dict(self) -> dict[str, Any]:
        cash_raised_vnd = self.cash_raised_vnd

        day = self.day.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "cash_raised_vnd": cash_raised_vnd,
            "day": day,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cash_raised_vnd = d.pop("cash_raised_vnd")

        day = isoparse(d.pop("day")).date()




        inflow_day = cls(
            cash_raised_vnd=cash_raised_vnd,
            day=day,
        )

        return inflow_day

