from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="GroupLeaveIn")



@_attrs_define
class GroupLeaveIn:
    """ 
        Attributes:
            left_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
     """

    left_on: datetime.date





    def to_dict(self) -> dict[str, Any]:
        left_on = self.left_on.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "left_on": left_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        left_on = isoparse(d.pop("left_on")).date()




        group_leave_in = cls(
            left_on=left_on,
        )

        return group_leave_in

