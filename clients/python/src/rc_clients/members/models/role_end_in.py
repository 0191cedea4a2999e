from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="RoleEndIn")



@_attrs_define
class RoleEndIn:
    """ 
        Attributes:
            end_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
     """

    end_on: datetime.date





    def to_dict(self) -> dict[str, Any]:
        end_on = self.end_on.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "end_on": end_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end_on = isoparse(d.pop("end_on")).date()




        role_end_in = cls(
            end_on=end_on,
        )

        return role_end_in

