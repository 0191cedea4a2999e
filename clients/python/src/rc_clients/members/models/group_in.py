from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.group_in_type import check_group_in_type
from ..models.group_in_type import GroupInType
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="GroupIn")



@_attrs_define
class GroupIn:
    """ 
        Attributes:
            formed_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            name (str):
            type_ (GroupInType):
            unit_id (UUID):
     """

    formed_on: datetime.date
    name: str
    type_: GroupInType
    unit_id: UUID





    def to_dict(self) -> dict[str, Any]:
        formed_on = self.formed_on.isoformat()

        name = self.name

        type_: str = self.type_

        unit_id = str(self.unit_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "formed_on": formed_on,
            "name": name,
            "type": type_,
            "unit_id": unit_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        formed_on = isoparse(d.pop("formed_on")).date()




        name = d.pop("name")

        type_ = check_group_in_type(d.pop("type"))




        unit_id = UUID(d.pop("unit_id"))




        group_in = cls(
            formed_on=formed_on,
            name=name,
            type_=type_,
            unit_id=unit_id,
        )

        return group_in

