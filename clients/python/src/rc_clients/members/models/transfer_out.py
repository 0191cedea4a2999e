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
            to_unit_id (UUID):
     """

    effective_on: datetime.date
    membership_id: UUID
    to_unit_id: UUID





    def to_dict(self) -> dict[str, Any]:
        effective_on = self.effective_on.isoformat()

        membership_id = str(self.membership_id)

        to_unit_id = str(self.to_unit_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "effective_on": effective_on,
            "membership_id": membership_id,
            "to_unit_id": to_unit_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        effective_on = isoparse(d.pop("effective_on")).date()




        membership_id = UUID(d.pop("membership_id"))




        to_unit_id = UUID(d.pop("to_unit_id"))




        transfer_out = cls(
            effective_on=effective_on,
            membership_id=membership_id,
            to_unit_id=to_unit_id,
        )

        return transfer_out

