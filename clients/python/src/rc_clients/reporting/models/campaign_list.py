from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.campaign_list_state_type_0 import CampaignListStateType0
from ..models.campaign_list_state_type_0 import check_campaign_list_state_type_0
from dateutil.parser import isoparse
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.campaign_figures import CampaignFigures





T = TypeVar("T", bound="CampaignList")



@_attrs_define
class CampaignList:
    """ 
        Attributes:
            as_of (datetime.date | None):
            campaign_type (None | str):
            campaigns (list[CampaignFigures]):
            state (CampaignListStateType0 | None):
     """

    as_of: datetime.date | None
    campaign_type: None | str
    campaigns: list[CampaignFigures]
    state: CampaignListStateType0 | None





    def to_dict(self) -> dict[str, Any]:
        from ..models.campaign_figures import CampaignFigures
        as_of: None | str
        if isinstance(self.as_of, datetime.date):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        campaign_type: None | str
        campaign_type = self.campaign_type

        campaigns = []
        for campaigns_item_data in self.campaigns:
            campaigns_item = campaigns_item_data.to_dict()
            campaigns.append(campaigns_item)



        state: None | str
        if isinstance(self.state, str):
            state = self.state
        else:
            state = self.state


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "as_of": as_of,
            "campaign_type": campaign_type,
            "campaigns": campaigns,
            "state": state,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_figures import CampaignFigures
        d = dict(src_dict)
        def _parse_as_of(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = isoparse(data).date()



                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        as_of = _parse_as_of(d.pop("as_of"))


        def _parse_campaign_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        campaign_type = _parse_campaign_type(d.pop("campaign_type"))


        campaigns = []
        _campaigns = d.pop("campaigns")
        for campaigns_item_data in (_campaigns):
            campaigns_item = CampaignFigures.from_dict(campaigns_item_data)



            campaigns.append(campaigns_item)


        def _parse_state(data: object) -> CampaignListStateType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                state_type_0 = check_campaign_list_state_type_0(data)



                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignListStateType0 | None, data)

        state = _parse_state(d.pop("state"))


        campaign_list = cls(
            as_of=as_of,
            campaign_type=campaign_type,
            campaigns=campaigns,
            state=state,
        )

        return campaign_list

