from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="DashboardCampaign")



@_attrs_define
class DashboardCampaign:
    """ 
        Attributes:
            blood_units (int): The whole campaign's blood units by as_of.
            campaign_id (UUID):
            cash_raised_vnd (int): The whole campaign's cash received by as_of, reversals left out.
     """

    blood_units: int
    campaign_id: UUID
    cash_raised_vnd: int





    def to_dict(self) -> dict[str, Any]:
        blood_units = self.blood_units

        campaign_id = str(self.campaign_id)

        cash_raised_vnd = self.cash_raised_vnd


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "blood_units": blood_units,
            "campaign_id": campaign_id,
            "cash_raised_vnd": cash_raised_vnd,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        blood_units = d.pop("blood_units")

        campaign_id = UUID(d.pop("campaign_id"))




        cash_raised_vnd = d.pop("cash_raised_vnd")

        dashboard_campaign = cls(
            blood_units=blood_units,
            campaign_id=campaign_id,
            cash_raised_vnd=cash_raised_vnd,
        )

        return dashboard_campaign

