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






T = TypeVar("T", bound="RoleEndedOut")



@_attrs_define
class RoleEndedOut:
    """ 
        Attributes:
            end_on (datetime.date):
            id (UUID):
     """

    end_on: datetime.date
    id: UUID





    def to_dict(self) -> dict[str, Any]:
        end_on = self.end_on.isoformat()

        id = str(self.id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "end_on": end_on,
            "id": id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end_on = isoparse(d.pop("end_on")).date()




        id = UUID(d.pop("id"))




        role_ended_out = cls(
            end_on=end_on,
            id=id,
        )

        return role_ended_out

