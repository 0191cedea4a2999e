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






T = TypeVar("T", bound="HeldRoleOut")



@_attrs_define
class HeldRoleOut:
    """ 
        Attributes:
            id (UUID):
            role (str):
            start_on (datetime.date):
            unit_code (str):
            unit_id (UUID):
            unit_name (str): The unit's name as staff know it now (its version in force today).
     """

    id: UUID
    role: str
    start_on: datetime.date
    unit_code: str
    unit_id: UUID
    unit_name: str





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        role = self.role

        start_on = self.start_on.isoformat()

        unit_code = self.unit_code

        unit_id = str(self.unit_id)

        unit_name = self.unit_name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "id": id,
            "role": role,
            "start_on": start_on,
            "unit_code": unit_code,
            "unit_id": unit_id,
            "unit_name": unit_name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        role = d.pop("role")

        start_on = isoparse(d.pop("start_on")).date()




        unit_code = d.pop("unit_code")

        unit_id = UUID(d.pop("unit_id"))




        unit_name = d.pop("unit_name")

        held_role_out = cls(
            id=id,
            role=role,
            start_on=start_on,
            unit_code=unit_code,
            unit_id=unit_id,
            unit_name=unit_name,
        )

        return held_role_out

