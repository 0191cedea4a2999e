from typing import Literal, cast

CampaignSeriesGranularity = Literal['day', 'month']

CAMPAIGN_SERIES_GRANULARITY_VALUES: set[CampaignSeriesGranularity] = { 'day', 'month',  }

def check_campaign_series_granularity(value: str) -> CampaignSeriesGranularity:
    if value in CAMPAIGN_SERIES_GRANULARITY_VALUES:
        return cast(CampaignSeriesGranularity, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGN_SERIES_GRANULARITY_VALUES!r}")
