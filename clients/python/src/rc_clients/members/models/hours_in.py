from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="HoursIn")



@_attrs_define
class HoursIn:
    """ 
        Attributes:
            hours (float): From 0.01 to 24; stored to the hundredth (2.555: 2.56).
            worked_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
     """

    hours: float
    worked_on: datetime.date





    def to_dict(self) -> dict[str, Any]:
        hours = self.hours

        worked_on = self.worked_on.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "hours": hours,
            "worked_on": worked_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        hours = d.pop("hours")

        worked_on = isoparse(d.pop("worked_on")).date()




        hours_in = cls(
            hours=hours,
            worked_on=worked_on,
        )

        return hours_in

