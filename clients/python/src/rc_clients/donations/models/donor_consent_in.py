from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="DonorConsentIn")



@_attrs_define
class DonorConsentIn:
    """ 
        Attributes:
            consent_to_be_named (bool): false: withdraw; the name leaves the public ledger at once.
     """

    consent_to_be_named: bool





    def to_dict(self) -> dict[str, Any]:
        consent_to_be_named = self.consent_to_be_named


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "consent_to_be_named": consent_to_be_named,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        consent_to_be_named = d.pop("consent_to_be_named")

        donor_consent_in = cls(
            consent_to_be_named=consent_to_be_named,
        )

        return donor_consent_in

