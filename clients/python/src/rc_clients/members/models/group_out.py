from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.group_out_type import check_group_out_type
from ..models.group_out_type import GroupOutType
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.group_member_out import GroupMemberOut





T = TypeVar("T", bound="GroupOut")



@_attrs_define
class GroupOut:
    """ 
        Attributes:
            as_of (datetime.date):
            created_at (datetime.datetime):
            formed_on (datetime.date):
            id (UUID):
            members (list[GroupMemberOut]): Members on as_of.
            name (str):
            type_ (GroupOutType):
            unit_id (UUID):
     """

    as_of: datetime.date
    created_at: datetime.datetime
    formed_on: datetime.date
    id: UUID
    members: list[GroupMemberOut]
    name: str
    type_: GroupOutType
    unit_id: UUID





    def to_dict(self) -> dict[str, Any]:
        from ..models.group_member_out import GroupMemberOut
        as_of = self.as_of.isoformat()

        created_at = self.created_at.isoformat()

        formed_on = self.formed_on.isoformat()

        id = str(self.id)

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)



        name = self.name

        type_: str = self.type_

        unit_id = str(self.unit_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "as_of": as_of,
            "created_at": created_at,
            "formed_on": formed_on,
            "id": id,
            "members": members,
            "name": name,
            "type": type_,
            "unit_id": unit_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.group_member_out import GroupMemberOut
        d = dict(src_dict)
        as_of = isoparse(d.pop("as_of")).date()




        created_at = isoparse(d.pop("created_at"))




        formed_on = isoparse(d.pop("formed_on")).date()




        id = UUID(d.pop("id"))




        members = []
        _members = d.pop("members")
        for members_item_data in (_members):
            members_item = GroupMemberOut.from_dict(members_item_data)



            members.append(members_item)


        name = d.pop("name")

        type_ = check_group_out_type(d.pop("type"))




        unit_id = UUID(d.pop("unit_id"))




        group_out = cls(
            as_of=as_of,
            created_at=created_at,
            formed_on=formed_on,
            id=id,
            members=members,
            name=name,
            type_=type_,
            unit_id=unit_id,
        )

        return group_out

