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






T = TypeVar("T", bound="TransferOut")



@_attrs_define
class TransferOut:
    """ 
        Attributes:
            effective_on (datetime.date):
            membership_id (UUID):
            moved_role_ids (list[UUID]): The new ids of the roles moved with the membership.
            to_unit_id (UUID):
     """

    effective_on: datetime.date
    membership_id: UUID
    moved_role_ids: list[UUID]
    to_unit_id: UUID





    def to_dict(self) -> dict[str, Any]:
        effective_on = self.effective_on.isoformat()

        membership_id = str(self.membership_id)

        moved_role_ids = []
        for moved_role_ids_item_data in self.moved_role_ids:
            moved_role_ids_item = str(moved_role_ids_item_data)
            moved_role_ids.append(moved_role_ids_item)



        to_unit_id = str(self.to_unit_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "effective_on": effective_on,
            "membership_id": membership_id,
            "moved_role_ids": moved_role_ids,
            "to_unit_id": to_unit_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        effective_on = isoparse(d.pop("effective_on")).date()




        membership_id = UUID(d.pop("membership_id"))




        moved_role_ids = []
        _moved_role_ids = d.pop("moved_role_ids")
        for moved_role_ids_item_data in (_moved_role_ids):
            moved_role_ids_item = UUID(moved_role_ids_item_data)



            moved_role_ids.append(moved_role_ids_item)


        to_unit_id = UUID(d.pop("to_unit_id"))




        transfer_out = cls(
            effective_on=effective_on,
            membership_id=membership_id,
            moved_role_ids=moved_role_ids,
            to_unit_id=to_unit_id,
        )

        return transfer_out

