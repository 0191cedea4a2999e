from typing import Literal, cast

CampaignPatchCampaignType = Literal['blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai']

CAMPAIGN_PATCH_CAMPAIGN_TYPE_VALUES: set[CampaignPatchCampaignType] = { 'blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai',  }

def check_campaign_patch_campaign_type(value: str) -> CampaignPatchCampaignType:
    if value in CAMPAIGN_PATCH_CAMPAIGN_TYPE_VALUES:
        return cast(CampaignPatchCampaignType, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGN_PATCH_CAMPAIGN_TYPE_VALUES!r}")
