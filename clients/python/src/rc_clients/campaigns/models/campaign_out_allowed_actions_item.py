from typing import Literal, cast

CampaignOutAllowedActionsItem = Literal['cancel', 'close', 'launch', 'settle']

CAMPAIGN_OUT_ALLOWED_ACTIONS_ITEM_VALUES: set[CampaignOutAllowedActionsItem] = { 'cancel', 'close', 'launch', 'settle',  }

def check_campaign_out_allowed_actions_item(value: str) -> CampaignOutAllowedActionsItem:
    if value in CAMPAIGN_OUT_ALLOWED_ACTIONS_ITEM_VALUES:
        return cast(CampaignOutAllowedActionsItem, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGN_OUT_ALLOWED_ACTIONS_ITEM_VALUES!r}")
