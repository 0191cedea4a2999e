from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="EnrolmentOut")



@_attrs_define
class EnrolmentOut:
    """ 
        Attributes:
            beneficiary_id (UUID):
            campaign_id (UUID):
            enrolled_now (bool): True when this request enrolled it; false when it already was (its registration's campaign,
                or an earlier enrolment): nothing changed.
     """

    beneficiary_id: UUID
    campaign_id: UUID
    enrolled_now: bool





    def to_dict(self) -> dict[str, Any]:
        beneficiary_id = str(self.beneficiary_id)

        campaign_id = str(self.campaign_id)

        enrolled_now = self.enrolled_now


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "beneficiary_id": beneficiary_id,
            "campaign_id": campaign_id,
            "enrolled_now": enrolled_now,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        beneficiary_id = UUID(d.pop("beneficiary_id"))




        campaign_id = UUID(d.pop("campaign_id"))




        enrolled_now = d.pop("enrolled_now")

        enrolment_out = cls(
            beneficiary_id=beneficiary_id,
            campaign_id=campaign_id,
            enrolled_now=enrolled_now,
        )

        return enrolment_out

