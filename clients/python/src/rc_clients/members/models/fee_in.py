from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.fee_in_fee_status import check_fee_in_fee_status
from ..models.fee_in_fee_status import FeeInFeeStatus
from typing import cast






T = TypeVar("T", bound="FeeIn")



@_attrs_define
class FeeIn:
    """ 
        Attributes:
            fee_status (FeeInFeeStatus):
     """

    fee_status: FeeInFeeStatus





    def to_dict(self) -> dict[str, Any]:
        fee_status: str = self.fee_status


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "fee_status": fee_status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fee_status = check_fee_in_fee_status(d.pop("fee_status"))




        fee_in = cls(
            fee_status=fee_status,
        )

        return fee_in

