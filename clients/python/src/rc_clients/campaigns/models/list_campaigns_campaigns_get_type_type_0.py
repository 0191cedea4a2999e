from typing import Literal, cast

ListCampaignsCampaignsGetTypeType0 = Literal['blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai']

LIST_CAMPAIGNS_CAMPAIGNS_GET_TYPE_TYPE_0_VALUES: set[ListCampaignsCampaignsGetTypeType0] = { 'blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai',  }

def check_list_campaigns_campaigns_get_type_type_0(value: str) -> ListCampaignsCampaignsGetTypeType0:
    if value in LIST_CAMPAIGNS_CAMPAIGNS_GET_TYPE_TYPE_0_VALUES:
        return cast(ListCampaignsCampaignsGetTypeType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_CAMPAIGNS_CAMPAIGNS_GET_TYPE_TYPE_0_VALUES!r}")
