from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.fee_out_fee_status import check_fee_out_fee_status
from ..models.fee_out_fee_status import FeeOutFeeStatus
from typing import cast
from uuid import UUID






T = TypeVar("T", bound="FeeOut")



@_attrs_define
class FeeOut:
    """ 
        Attributes:
            fee_status (FeeOutFeeStatus):
            person_id (UUID):
            year (int):
     """

    fee_status: FeeOutFeeStatus
    person_id: UUID
    year: int





    def to_dict(self) -> dict[str, Any]:
        fee_status: str = self.fee_status

        person_id = str(self.person_id)

        year = self.year


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "fee_status": fee_status,
            "person_id": person_id,
            "year": year,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fee_status = check_fee_out_fee_status(d.pop("fee_status"))




        person_id = UUID(d.pop("person_id"))




        year = d.pop("year")

        fee_out = cls(
            fee_status=fee_status,
            person_id=person_id,
            year=year,
        )

        return fee_out

