from typing import Literal, cast

CampaignSummaryOutAllowedActionsItem = Literal['cancel', 'close', 'launch', 'settle']

CAMPAIGN_SUMMARY_OUT_ALLOWED_ACTIONS_ITEM_VALUES: set[CampaignSummaryOutAllowedActionsItem] = { 'cancel', 'close', 'launch', 'settle',  }

def check_campaign_summary_out_allowed_actions_item(value: str) -> CampaignSummaryOutAllowedActionsItem:
    if value in CAMPAIGN_SUMMARY_OUT_ALLOWED_ACTIONS_ITEM_VALUES:
        return cast(CampaignSummaryOutAllowedActionsItem, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGN_SUMMARY_OUT_ALLOWED_ACTIONS_ITEM_VALUES!r}")
