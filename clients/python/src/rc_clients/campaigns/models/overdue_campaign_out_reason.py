from typing import Literal, cast

OverdueCampaignOutReason = Literal['distribution_deadline_passed', 'receiving_period_ended']

OVERDUE_CAMPAIGN_OUT_REASON_VALUES: set[OverdueCampaignOutReason] = { 'distribution_deadline_passed', 'receiving_period_ended',  }

def check_overdue_campaign_out_reason(value: str) -> OverdueCampaignOutReason:
    if value in OVERDUE_CAMPAIGN_OUT_REASON_VALUES:
        return cast(OverdueCampaignOutReason, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OVERDUE_CAMPAIGN_OUT_REASON_VALUES!r}")
