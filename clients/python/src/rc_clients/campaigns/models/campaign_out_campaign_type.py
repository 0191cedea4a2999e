from typing import Literal, cast

CampaignOutCampaignType = Literal['blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai']

CAMPAIGN_OUT_CAMPAIGN_TYPE_VALUES: set[CampaignOutCampaignType] = { 'blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai',  }

def check_campaign_out_campaign_type(value: str) -> CampaignOutCampaignType:
    if value in CAMPAIGN_OUT_CAMPAIGN_TYPE_VALUES:
        return cast(CampaignOutCampaignType, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGN_OUT_CAMPAIGN_TYPE_VALUES!r}")
