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






T = TypeVar("T", bound="RoleAssignedOut")



@_attrs_define
class RoleAssignedOut:
    """ 
        Attributes:
            id (UUID):
            person_id (UUID):
            role (str):
            start_on (datetime.date):
            unit_id (UUID):
     """

    id: UUID
    person_id: UUID
    role: str
    start_on: datetime.date
    unit_id: UUID





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        person_id = str(self.person_id)

        role = self.role

        start_on = self.start_on.isoformat()

        unit_id = str(self.unit_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "id": id,
            "person_id": person_id,
            "role": role,
            "start_on": start_on,
            "unit_id": unit_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        person_id = UUID(d.pop("person_id"))




        role = d.pop("role")

        start_on = isoparse(d.pop("start_on")).date()




        unit_id = UUID(d.pop("unit_id"))




        role_assigned_out = cls(
            id=id,
            person_id=person_id,
            role=role,
            start_on=start_on,
            unit_id=unit_id,
        )

        return role_assigned_out

