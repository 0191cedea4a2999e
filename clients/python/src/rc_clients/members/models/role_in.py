from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="RoleIn")



@_attrs_define
class RoleIn:
    """ 
        Attributes:
            role (str):
            start_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            unit_id (UUID):
     """

    role: str
    start_on: datetime.date
    unit_id: UUID





    def to_dict(self) -> dict[str, Any]:
        role = self.role

        start_on = self.start_on.isoformat()

        unit_id = str(self.unit_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "role": role,
            "start_on": start_on,
            "unit_id": unit_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        role = d.pop("role")

        start_on = isoparse(d.pop("start_on")).date()




        unit_id = UUID(d.pop("unit_id"))




        role_in = cls(
            role=role,
            start_on=start_on,
            unit_id=unit_id,
        )

        return role_in

