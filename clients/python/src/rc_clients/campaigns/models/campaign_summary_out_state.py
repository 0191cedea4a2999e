from typing import Literal, cast

CampaignSummaryOutState = Literal['cancelled', 'closed', 'draft', 'launched', 'settled']

CAMPAIGN_SUMMARY_OUT_STATE_VALUES: set[CampaignSummaryOutState] = { 'cancelled', 'closed', 'draft', 'launched', 'settled',  }

def check_campaign_summary_out_state(value: str) -> CampaignSummaryOutState:
    if value in CAMPAIGN_SUMMARY_OUT_STATE_VALUES:
        return cast(CampaignSummaryOutState, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGN_SUMMARY_OUT_STATE_VALUES!r}")
