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






T = TypeVar("T", bound="RoleOut")



@_attrs_define
class RoleOut:
    """ 
        Attributes:
            end_on (datetime.date | None):
            id (UUID):
            role (str):
            start_on (datetime.date):
            unit_code (str):
            unit_id (UUID):
            unit_name (str): The unit's name as staff know it now (its version in force today).
     """

    end_on: datetime.date | None
    id: UUID
    role: str
    start_on: datetime.date
    unit_code: str
    unit_id: UUID
    unit_name: str





    def to_dict(self) -> dict[str, Any]:
        end_on: None | str
        if isinstance(self.end_on, datetime.date):
            end_on = self.end_on.isoformat()
        else:
            end_on = self.end_on

        id = str(self.id)

        role = self.role

        start_on = self.start_on.isoformat()

        unit_code = self.unit_code

        unit_id = str(self.unit_id)

        unit_name = self.unit_name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "end_on": end_on,
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
        def _parse_end_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_on_type_0 = isoparse(data).date()



                return end_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        end_on = _parse_end_on(d.pop("end_on"))


        id = UUID(d.pop("id"))




        role = d.pop("role")

        start_on = isoparse(d.pop("start_on")).date()




        unit_code = d.pop("unit_code")

        unit_id = UUID(d.pop("unit_id"))




        unit_name = d.pop("unit_name")

        role_out = cls(
            end_on=end_on,
            id=id,
            role=role,
            start_on=start_on,
            unit_code=unit_code,
            unit_id=unit_id,
            unit_name=unit_name,
        )

        return role_out

