from typing import Literal, cast

CampaignSummaryOutCampaignType = Literal['blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai']

CAMPAIGN_SUMMARY_OUT_CAMPAIGN_TYPE_VALUES: set[CampaignSummaryOutCampaignType] = { 'blood_drive', 'community_health', 'disaster_preparedness', 'emergency_relief', 'humanitarian_address', 'humanitarian_month', 'livelihood', 'tet_nhan_ai',  }

def check_campaign_summary_out_campaign_type(value: str) -> CampaignSummaryOutCampaignType:
    if value in CAMPAIGN_SUMMARY_OUT_CAMPAIGN_TYPE_VALUES:
        return cast(CampaignSummaryOutCampaignType, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGN_SUMMARY_OUT_CAMPAIGN_TYPE_VALUES!r}")
