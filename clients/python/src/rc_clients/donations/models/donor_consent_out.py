from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="DonorConsentOut")



@_attrs_define
class DonorConsentOut:
    """ 
        Attributes:
            consent_to_be_named (bool):
            donor_id (UUID):
     """

    consent_to_be_named: bool
    donor_id: UUID





    def to_dict(self) -> dict[str, Any]:
        consent_to_be_named = self.consent_to_be_named

        donor_id = str(self.donor_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "consent_to_be_named": consent_to_be_named,
            "donor_id": donor_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        consent_to_be_named = d.pop("consent_to_be_named")

        donor_id = UUID(d.pop("donor_id"))




        donor_consent_out = cls(
            consent_to_be_named=consent_to_be_named,
            donor_id=donor_id,
        )

        return donor_consent_out

