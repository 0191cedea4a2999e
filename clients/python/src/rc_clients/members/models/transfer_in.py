from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="TransferIn")



@_attrs_define
class TransferIn:
    """ 
        Attributes:
            effective_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            to_unit_id (UUID):
            move_roles (bool | Unset): Move the roles the person holds in the unit left (volunteer, youth…) with the
                membership: each ends there on effective_on and starts in to_unit_id that day. false: they stay where they are.
                Default: True.
     """

    effective_on: datetime.date
    to_unit_id: UUID
    move_roles: bool | Unset = True





    def to_dict(self) -> dict[str, Any]:
        effective_on = self.effective_on.isoformat()

        to_unit_id = str(self.to_unit_id)

        move_roles = self.move_roles


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "effective_on": effective_on,
            "to_unit_id": to_unit_id,
        })
        if move_roles is not UNSET:
            field_dict["move_roles"] = move_roles

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        effective_on = isoparse(d.pop("effective_on")).date()




        to_unit_id = UUID(d.pop("to_unit_id"))




        move_roles = d.pop("move_roles", UNSET)

        transfer_in = cls(
            effective_on=effective_on,
            to_unit_id=to_unit_id,
            move_roles=move_roles,
        )

        return transfer_in

