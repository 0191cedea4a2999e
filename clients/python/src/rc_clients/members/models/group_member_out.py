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






T = TypeVar("T", bound="GroupMemberOut")



@_attrs_define
class GroupMemberOut:
    """ 
        Attributes:
            joined_on (datetime.date):
            left_on (datetime.date | None):
            person_id (UUID):
     """

    joined_on: datetime.date
    left_on: datetime.date | None
    person_id: UUID





    def to_dict(self) -> dict[str, Any]:
        joined_on = self.joined_on.isoformat()

        left_on: None | str
        if isinstance(self.left_on, datetime.date):
            left_on = self.left_on.isoformat()
        else:
            left_on = self.left_on

        person_id = str(self.person_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "joined_on": joined_on,
            "left_on": left_on,
            "person_id": person_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        joined_on = isoparse(d.pop("joined_on")).date()




        def _parse_left_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                left_on_type_0 = isoparse(data).date()



                return left_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        left_on = _parse_left_on(d.pop("left_on"))


        person_id = UUID(d.pop("person_id"))




        group_member_out = cls(
            joined_on=joined_on,
            left_on=left_on,
            person_id=person_id,
        )

        return group_member_out

