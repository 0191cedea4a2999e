from typing import Literal, cast

CampaignsByPeriodReportsCampaignsByPeriodGetFormat = Literal['csv', 'json', 'xlsx']

CAMPAIGNS_BY_PERIOD_REPORTS_CAMPAIGNS_BY_PERIOD_GET_FORMAT_VALUES: set[CampaignsByPeriodReportsCampaignsByPeriodGetFormat] = { 'csv', 'json', 'xlsx',  }

def check_campaigns_by_period_reports_campaigns_by_period_get_format(value: str) -> CampaignsByPeriodReportsCampaignsByPeriodGetFormat:
    if value in CAMPAIGNS_BY_PERIOD_REPORTS_CAMPAIGNS_BY_PERIOD_GET_FORMAT_VALUES:
        return cast(CampaignsByPeriodReportsCampaignsByPeriodGetFormat, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGNS_BY_PERIOD_REPORTS_CAMPAIGNS_BY_PERIOD_GET_FORMAT_VALUES!r}")
