from typing import Literal, cast

CampaignFiguresState = Literal['cancelled', 'closed', 'launched', 'settled', 'unknown']

CAMPAIGN_FIGURES_STATE_VALUES: set[CampaignFiguresState] = { 'cancelled', 'closed', 'launched', 'settled', 'unknown',  }

def check_campaign_figures_state(value: str) -> CampaignFiguresState:
    if value in CAMPAIGN_FIGURES_STATE_VALUES:
        return cast(CampaignFiguresState, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CAMPAIGN_FIGURES_STATE_VALUES!r}")
