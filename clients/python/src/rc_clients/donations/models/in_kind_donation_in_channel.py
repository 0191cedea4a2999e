from typing import Literal, cast

InKindDonationInChannel = Literal['delivery', 'in_person', 'other']

IN_KIND_DONATION_IN_CHANNEL_VALUES: set[InKindDonationInChannel] = { 'delivery', 'in_person', 'other',  }

def check_in_kind_donation_in_channel(value: str) -> InKindDonationInChannel:
    if value in IN_KIND_DONATION_IN_CHANNEL_VALUES:
        return cast(InKindDonationInChannel, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {IN_KIND_DONATION_IN_CHANNEL_VALUES!r}")
