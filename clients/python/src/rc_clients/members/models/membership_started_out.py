from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.membership_started_out_status import check_membership_started_out_status
from ..models.membership_started_out_status import MembershipStartedOutStatus
from typing import cast
from uuid import UUID






T = TypeVar("T", bound="MembershipStartedOut")



@_attrs_define
class MembershipStartedOut:
    """ 
        Attributes:
            id (UUID):
            person_id (UUID):
            status (MembershipStartedOutStatus):
            unit_id (UUID):
     """

    id: UUID
    person_id: UUID
    status: MembershipStartedOutStatus
    unit_id: UUID





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        person_id = str(self.person_id)

        status: str = self.status

        unit_id = str(self.unit_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "id": id,
            "person_id": person_id,
            "status": status,
            "unit_id": unit_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        person_id = UUID(d.pop("person_id"))




        status = check_membership_started_out_status(d.pop("status"))




        unit_id = UUID(d.pop("unit_id"))




        membership_started_out = cls(
            id=id,
            person_id=person_id,
            status=status,
            unit_id=unit_id,
        )

        return membership_started_out

