from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="UnitRowOut")



@_attrs_define
class UnitRowOut:
    """ 
        Attributes:
            code (str):
            funds_raised_vnd (int):
            level (str):
            members (int):
            name (str):
            new_members (int):
            person_times (int):
            support_value_vnd (int):
            unit_id (UUID):
            volunteers (int):
     """

    code: str
    funds_raised_vnd: int
    level: str
    members: int
    name: str
    new_members: int
    person_times: int
    support_value_vnd: int
    unit_id: UUID
    volunteers: int





    def to_dict(self) -> dict[str, Any]:
        code = self.code

        funds_raised_vnd = self.funds_raised_vnd

        level = self.level

        members = self.members

        name = self.name

        new_members = self.new_members

        person_times = self.person_times

        support_value_vnd = self.support_value_vnd

        unit_id = str(self.unit_id)

        volunteers = self.volunteers


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "code": code,
            "funds_raised_vnd": funds_raised_vnd,
            "level": level,
            "members": members,
            "name": name,
            "new_members": new_members,
            "person_times": person_times,
            "support_value_vnd": support_value_vnd,
            "unit_id": unit_id,
            "volunteers": volunteers,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        funds_raised_vnd = d.pop("funds_raised_vnd")

        level = d.pop("level")

        members = d.pop("members")

        name = d.pop("name")

        new_members = d.pop("new_members")

        person_times = d.pop("person_times")

        support_value_vnd = d.pop("support_value_vnd")

        unit_id = UUID(d.pop("unit_id"))




        volunteers = d.pop("volunteers")

        unit_row_out = cls(
            code=code,
            funds_raised_vnd=funds_raised_vnd,
            level=level,
            members=members,
            name=name,
            new_members=new_members,
            person_times=person_times,
            support_value_vnd=support_value_vnd,
            unit_id=unit_id,
            volunteers=volunteers,
        )

        return unit_row_out

