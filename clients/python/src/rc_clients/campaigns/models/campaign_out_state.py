from typing import Literal, cast

CampaignOutState = Literal['cancelled', 'closed', 'draft', 'launched', 'settled']

CAMPAIGN_OUT_STATE_VALUES: set[CampaignOutState] = { 'cancelled', 'closed', 'draft', 'launched', 'settled',  }

def check_campaign_out_state(value: str) -> CampaignOutState:
    if value in CAMPAIGN_OUT_STATE_VALUES:
        return cast(CampaignOutState, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGN_OUT_STATE_VALUES!r}")
