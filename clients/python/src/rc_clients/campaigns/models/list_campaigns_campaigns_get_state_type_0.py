from typing import Literal, cast

ListCampaignsCampaignsGetStateType0 = Literal['cancelled', 'closed', 'draft', 'launched', 'settled']

LIST_CAMPAIGNS_CAMPAIGNS_GET_STATE_TYPE_0_VALUES: set[ListCampaignsCampaignsGetStateType0] = { 'cancelled', 'closed', 'draft', 'launched', 'settled',  }

def check_list_campaigns_campaigns_get_state_type_0(value: str) -> ListCampaignsCampaignsGetStateType0:
    if value in LIST_CAMPAIGNS_CAMPAIGNS_GET_STATE_TYPE_0_VALUES:
        return cast(ListCampaignsCampaignsGetStateType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_CAMPAIGNS_CAMPAIGNS_GET_STATE_TYPE_0_VALUES!r}")
