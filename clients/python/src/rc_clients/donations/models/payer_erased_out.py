from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="PayerErasedOut")



@_attrs_define
class PayerErasedOut:
    """ 
        Attributes:
            already_erased (bool): Nothing was left to erase (erased before, or never given).
            donation_id (UUID):
            erased (bool):
     """

    already_erased: bool
    donation_id: UUID
    erased: bool





    def to_dict(self) -> dict[str, Any]:
        already_erased = self.already_erased

        donation_id = str(self.donation_id)

        erased = self.erased


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "already_erased": already_erased,
            "donation_id": donation_id,
            "erased": erased,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        already_erased = d.pop("already_erased")

        donation_id = UUID(d.pop("donation_id"))




        erased = d.pop("erased")

        payer_erased_out = cls(
            already_erased=already_erased,
            donation_id=donation_id,
            erased=erased,
        )

        return payer_erased_out

