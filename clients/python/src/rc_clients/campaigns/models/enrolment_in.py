from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="EnrolmentIn")



@_attrs_define
class EnrolmentIn:
    """ 
        Attributes:
            campaign_id (UUID):
     """

    campaign_id: UUID





    def to_dict(self) -> dict[str, Any]:
        campaign_id = str(self.campaign_id)


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "campaign_id": campaign_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        campaign_id = UUID(d.pop("campaign_id"))




        enrolment_in = cls(
            campaign_id=campaign_id,
        )

        return enrolment_in

