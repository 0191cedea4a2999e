from typing import Literal, cast

CampaignsByPeriodReportsCampaignsByPeriodGetGranularity = Literal['day', 'month']

CAMPAIGNS_BY_PERIOD_REPORTS_CAMPAIGNS_BY_PERIOD_GET_GRANULARITY_VALUES: set[CampaignsByPeriodReportsCampaignsByPeriodGetGranularity] = { 'day', 'month',  }

def check_campaigns_by_period_reports_campaigns_by_period_get_granularity(value: str) -> CampaignsByPeriodReportsCampaignsByPeriodGetGranularity:
    if value in CAMPAIGNS_BY_PERIOD_REPORTS_CAMPAIGNS_BY_PERIOD_GET_GRANULARITY_VALUES:
        return cast(CampaignsByPeriodReportsCampaignsByPeriodGetGranularity, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGNS_BY_PERIOD_REPORTS_CAMPAIGNS_BY_PERIOD_GET_GRANULARITY_VALUES!r}")
