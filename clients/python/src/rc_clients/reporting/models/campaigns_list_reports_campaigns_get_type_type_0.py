from typing import Literal, cast

CampaignsListReportsCampaignsGetTypeType0 = Literal['blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai']

CAMPAIGNS_LIST_REPORTS_CAMPAIGNS_GET_TYPE_TYPE_0_VALUES: set[CampaignsListReportsCampaignsGetTypeType0] = { 'blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai',  }

def check_campaigns_list_reports_campaigns_get_type_type_0(value: str) -> CampaignsListReportsCampaignsGetTypeType0:
    if value in CAMPAIGNS_LIST_REPORTS_CAMPAIGNS_GET_TYPE_TYPE_0_VALUES:
        return cast(CampaignsListReportsCampaignsGetTypeType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGNS_LIST_REPORTS_CAMPAIGNS_GET_TYPE_TYPE_0_VALUES!r}")
