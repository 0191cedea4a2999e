from typing import Literal, cast

CampaignsListReportsCampaignsGetStateType0 = Literal['cancelled', 'closed', 'launched', 'settled', 'unknown']

CAMPAIGNS_LIST_REPORTS_CAMPAIGNS_GET_STATE_TYPE_0_VALUES: set[CampaignsListReportsCampaignsGetStateType0] = { 'cancelled', 'closed', 'launched', 'settled', 'unknown',  }

def check_campaigns_list_reports_campaigns_get_state_type_0(value: str) -> CampaignsListReportsCampaignsGetStateType0:
    if value in CAMPAIGNS_LIST_REPORTS_CAMPAIGNS_GET_STATE_TYPE_0_VALUES:
        return cast(CampaignsListReportsCampaignsGetStateType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGNS_LIST_REPORTS_CAMPAIGNS_GET_STATE_TYPE_0_VALUES!r}")
