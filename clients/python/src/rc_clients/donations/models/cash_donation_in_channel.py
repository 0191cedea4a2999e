from typing import Literal, cast

CashDonationInChannel = Literal['bank_transfer', 'card', 'cash', 'cash_box', 'momo', 'other', 'vnpay', 'zalopay']

CASH_DONATION_IN_CHANNEL_VALUES: set[CashDonationInChannel] = { 'bank_transfer', 'card', 'cash', 'cash_box', 'momo', 'other', 'vnpay', 'zalopay',  }

def check_cash_donation_in_channel(value: str) -> CashDonationInChannel:
    if value in CASH_DONATION_IN_CHANNEL_VALUES:
        return cast(CashDonationInChannel, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CASH_DONATION_IN_CHANNEL_VALUES!r}")
