from typing import Literal, cast

CampaignsByUnitReportsCampaignsByUnitGetFormat = Literal['csv', 'json', 'xlsx']

CAMPAIGNS_BY_UNIT_REPORTS_CAMPAIGNS_BY_UNIT_GET_FORMAT_VALUES: set[CampaignsByUnitReportsCampaignsByUnitGetFormat] = { 'csv', 'json', 'xlsx',  }

def check_campaigns_by_unit_reports_campaigns_by_unit_get_format(value: str) -> CampaignsByUnitReportsCampaignsByUnitGetFormat:
    if value in CAMPAIGNS_BY_UNIT_REPORTS_CAMPAIGNS_BY_UNIT_GET_FORMAT_VALUES:
        return cast(CampaignsByUnitReportsCampaignsByUnitGetFormat, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGNS_BY_UNIT_REPORTS_CAMPAIGNS_BY_UNIT_GET_FORMAT_VALUES!r}")
