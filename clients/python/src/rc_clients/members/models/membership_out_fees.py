from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.membership_out_fees_additional_property import check_membership_out_fees_additional_property
from ..models.membership_out_fees_additional_property import MembershipOutFeesAdditionalProperty
from typing import cast






T = TypeVar("T", bound="MembershipOutFees")



@_attrs_define
class MembershipOutFees:
    """ Fee status per year.

     """

    additional_properties: dict[str, MembershipOutFeesAdditionalProperty] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        
        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop


        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        membership_out_fees = cls(
        )


        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = check_membership_out_fees_additional_property(prop_dict)



            additional_properties[prop_name] = additional_property

        membership_out_fees.additional_properties = additional_properties
        return membership_out_fees

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> MembershipOutFeesAdditionalProperty:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: MembershipOutFeesAdditionalProperty) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
