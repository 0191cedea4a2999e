from typing import Literal, cast

OverdueCampaignOutState = Literal['cancelled', 'closed', 'draft', 'launched', 'settled']

OVERDUE_CAMPAIGN_OUT_STATE_VALUES: set[OverdueCampaignOutState] = { 'cancelled', 'closed', 'draft', 'launched', 'settled',  }

def check_overdue_campaign_out_state(value: str) -> OverdueCampaignOutState:
    if value in OVERDUE_CAMPAIGN_OUT_STATE_VALUES:
        return cast(OverdueCampaignOutState, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OVERDUE_CAMPAIGN_OUT_STATE_VALUES!r}")
