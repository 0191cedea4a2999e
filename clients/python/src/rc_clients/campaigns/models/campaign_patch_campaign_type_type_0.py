from typing import Literal, cast

CampaignPatchCampaignTypeType0 = Literal['blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai']

CAMPAIGN_PATCH_CAMPAIGN_TYPE_TYPE_0_VALUES: set[CampaignPatchCampaignTypeType0] = { 'blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai',  }

def check_campaign_patch_campaign_type_type_0(value: str) -> CampaignPatchCampaignTypeType0:
    if value in CAMPAIGN_PATCH_CAMPAIGN_TYPE_TYPE_0_VALUES:
        return cast(CampaignPatchCampaignTypeType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGN_PATCH_CAMPAIGN_TYPE_TYPE_0_VALUES!r}")
