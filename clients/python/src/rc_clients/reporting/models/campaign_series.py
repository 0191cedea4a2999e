from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.campaign_series_granularity import CampaignSeriesGranularity
from ..models.campaign_series_granularity import check_campaign_series_granularity
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.bucket import Bucket





T = TypeVar("T", bound="CampaignSeries")



@_attrs_define
class CampaignSeries:
    """ 
        Attributes:
            buckets (list[Bucket]):
            campaign_id (None | UUID):
            granularity (CampaignSeriesGranularity):
            period_from (datetime.date | None):
            period_to (datetime.date | None):
     """

    buckets: list[Bucket]
    campaign_id: None | UUID
    granularity: CampaignSeriesGranularity
    period_from: datetime.date | None
    period_to: datetime.date | None





    def to_dict(self) -> dict[str, Any]:
        from ..models.bucket import Bucket
        buckets = []
        for buckets_item_data in self.buckets:
            buckets_item = buckets_item_data.to_dict()
            buckets.append(buckets_item)



        campaign_id: None | str
        if isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        granularity: str = self.granularity

        period_from: None | str
        if isinstance(self.period_from, datetime.date):
            period_from = self.period_from.isoformat()
        else:
            period_from = self.period_from

        period_to: None | str
        if isinstance(self.period_to, datetime.date):
            period_to = self.period_to.isoformat()
        else:
            period_to = self.period_to


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "buckets": buckets,
            "campaign_id": campaign_id,
            "granularity": granularity,
            "period_from": period_from,
            "period_to": period_to,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bucket import Bucket
        d = dict(src_dict)
        buckets = []
        _buckets = d.pop("buckets")
        for buckets_item_data in (_buckets):
            buckets_item = Bucket.from_dict(buckets_item_data)



            buckets.append(buckets_item)


        def _parse_campaign_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_id_type_0 = UUID(data)



                return campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id"))


        granularity = check_campaign_series_granularity(d.pop("granularity"))




        def _parse_period_from(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_from_type_0 = isoparse(data).date()



                return period_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        period_from = _parse_period_from(d.pop("period_from"))


        def _parse_period_to(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_to_type_0 = isoparse(data).date()



                return period_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        period_to = _parse_period_to(d.pop("period_to"))


        campaign_series = cls(
            buckets=buckets,
            campaign_id=campaign_id,
            granularity=granularity,
            period_from=period_from,
            period_to=period_to,
        )

        return campaign_series

