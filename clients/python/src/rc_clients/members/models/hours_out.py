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






T = TypeVar("T", bound="HoursOut")



@_attrs_define
class HoursOut:
    """ 
        Attributes:
            hours (float):
            id (UUID):
            person_id (UUID):
            worked_on (datetime.date):
     """

    hours: float
    id: UUID
    person_id: UUID
    worked_on: datetime.date





    def to_dict(self) -> dict[str, Any]:
        hours = self.hours

        id = str(self.id)

        person_id = str(self.person_id)

        worked_on = self.worked_on.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "hours": hours,
            "id": id,
            "person_id": person_id,
            "worked_on": worked_on,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        hours = d.pop("hours")

        id = UUID(d.pop("id"))




        person_id = UUID(d.pop("person_id"))




        worked_on = isoparse(d.pop("worked_on")).date()




        hours_out = cls(
            hours=hours,
            id=id,
            person_id=person_id,
            worked_on=worked_on,
        )

        return hours_out

