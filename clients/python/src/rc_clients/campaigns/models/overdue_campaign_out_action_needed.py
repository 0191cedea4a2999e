from typing import Literal, cast

OverdueCampaignOutActionNeeded = Literal['close', 'settle']

OVERDUE_CAMPAIGN_OUT_ACTION_NEEDED_VALUES: set[OverdueCampaignOutActionNeeded] = { 'close', 'settle',  }

def check_overdue_campaign_out_action_needed(value: str) -> OverdueCampaignOutActionNeeded:
    if value in OVERDUE_CAMPAIGN_OUT_ACTION_NEEDED_VALUES:
        return cast(OverdueCampaignOutActionNeeded, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OVERDUE_CAMPAIGN_OUT_ACTION_NEEDED_VALUES!r}")
