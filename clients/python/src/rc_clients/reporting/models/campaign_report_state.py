from typing import Literal, cast

CampaignReportState = Literal['cancelled', 'closed', 'launched', 'settled', 'unknown']

CAMPAIGN_REPORT_STATE_VALUES: set[CampaignReportState] = { 'cancelled', 'closed', 'launched', 'settled', 'unknown',  }

def check_campaign_report_state(value: str) -> CampaignReportState:
    if value in CAMPAIGN_REPORT_STATE_VALUES:
        return cast(CampaignReportState, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGN_REPORT_STATE_VALUES!r}")
