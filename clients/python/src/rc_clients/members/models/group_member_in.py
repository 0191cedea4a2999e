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






T = TypeVar("T", bound="GroupMemberIn")



@_attrs_define
class GroupMemberIn:
    """ 
        Attributes:
            joined_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            person_id (UUID):
     """

    joined_on: datetime.date
    person_id: UUID





    def to_dict(self) -> dict[str, Any]:
        joined_on = self.joined_on.isoformat()

        person_id = str(self.person_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "joined_on": joined_on,
            "person_id": person_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        joined_on = isoparse(d.pop("joined_on")).date()




        person_id = UUID(d.pop("person_id"))




        group_member_in = cls(
            joined_on=joined_on,
            person_id=person_id,
        )

        return group_member_in

