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






T = TypeVar("T", bound="GroupMembershipOut")



@_attrs_define
class GroupMembershipOut:
    """ 
        Attributes:
            group_id (UUID):
            joined_on (datetime.date):
            person_id (UUID):
     """

    group_id: UUID
    joined_on: datetime.date
    person_id: UUID





    def to_dict(self) -> dict[str, Any]:
        group_id = str(self.group_id)

        joined_on = self.joined_on.isoformat()

        person_id = str(self.person_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "group_id": group_id,
            "joined_on": joined_on,
            "person_id": person_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group_id = UUID(d.pop("group_id"))




        joined_on = isoparse(d.pop("joined_on")).date()




        person_id = UUID(d.pop("person_id"))




        group_membership_out = cls(
            group_id=group_id,
            joined_on=joined_on,
            person_id=person_id,
        )

        return group_membership_out

