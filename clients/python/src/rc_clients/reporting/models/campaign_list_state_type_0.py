from typing import Literal, cast

CampaignListStateType0 = Literal['cancelled', 'closed', 'launched', 'settled', 'unknown']

CAMPAIGN_LIST_STATE_TYPE_0_VALUES: set[CampaignListStateType0] = { 'cancelled', 'closed', 'launched', 'settled', 'unknown',  }

def check_campaign_list_state_type_0(value: str) -> CampaignListStateType0:
    if value in CAMPAIGN_LIST_STATE_TYPE_0_VALUES:
        return cast(CampaignListStateType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGN_LIST_STATE_TYPE_0_VALUES!r}")
