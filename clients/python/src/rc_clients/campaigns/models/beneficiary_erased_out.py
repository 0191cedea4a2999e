from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="BeneficiaryErasedOut")



@_attrs_define
class BeneficiaryErasedOut:
    """ 
        Attributes:
            already_erased (bool):
            beneficiary_id (UUID):
            erased (bool):
     """

    already_erased: bool
    beneficiary_id: UUID
    erased: bool





    def to_dict(self) -> dict[str, Any]:
        already_erased = self.already_erased

        beneficiary_id = str(self.beneficiary_id)

        erased = self.erased


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "already_erased": already_erased,
            "beneficiary_id": beneficiary_id,
            "erased": erased,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        already_erased = d.pop("already_erased")

        beneficiary_id = UUID(d.pop("beneficiary_id"))




        erased = d.pop("erased")

        beneficiary_erased_out = cls(
            already_erased=already_erased,
            beneficiary_id=beneficiary_id,
            erased=erased,
        )

        return beneficiary_erased_out

