from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="SponsorshipAddedOut")



@_attrs_define
class SponsorshipAddedOut:
    """ 
        Attributes:
            beneficiary_id (UUID):
            id (UUID):
            sponsor_id (UUID):
     """

    beneficiary_id: UUID
    id: UUID
    sponsor_id: UUID





    def to_dict(self) -> dict[str, Any]:
        beneficiary_id = str(self.beneficiary_id)

        id = str(self.id)

        sponsor_id = str(self.sponsor_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "beneficiary_id": beneficiary_id,
            "id": id,
            "sponsor_id": sponsor_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        beneficiary_id = UUID(d.pop("beneficiary_id"))




        id = UUID(d.pop("id"))




        sponsor_id = UUID(d.pop("sponsor_id"))




        sponsorship_added_out = cls(
            beneficiary_id=beneficiary_id,
            id=id,
            sponsor_id=sponsor_id,
        )

        return sponsorship_added_out

