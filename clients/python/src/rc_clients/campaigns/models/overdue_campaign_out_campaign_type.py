from typing import Literal, cast

OverdueCampaignOutCampaignType = Literal['blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai']

OVERDUE_CAMPAIGN_OUT_CAMPAIGN_TYPE_VALUES: set[OverdueCampaignOutCampaignType] = { 'blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai',  }

def check_overdue_campaign_out_campaign_type(value: str) -> OverdueCampaignOutCampaignType:
    if value in OVERDUE_CAMPAIGN_OUT_CAMPAIGN_TYPE_VALUES:
        return cast(OverdueCampaignOutCampaignType, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OVERDUE_CAMPAIGN_OUT_CAMPAIGN_TYPE_VALUES!r}")
