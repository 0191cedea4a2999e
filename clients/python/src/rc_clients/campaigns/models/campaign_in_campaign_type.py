from typing import Literal, cast

CampaignInCampaignType = Literal['blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai']

CAMPAIGN_IN_CAMPAIGN_TYPE_VALUES: set[CampaignInCampaignType] = { 'blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai',  }

def check_campaign_in_campaign_type(value: str) -> CampaignInCampaignType:
    if value in CAMPAIGN_IN_CAMPAIGN_TYPE_VALUES:
        return cast(CampaignInCampaignType, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGN_IN_CAMPAIGN_TYPE_VALUES!r}")
