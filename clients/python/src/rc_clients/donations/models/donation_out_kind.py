from typing import Literal, cast

DonationOutKind = Literal['blood', 'cash', 'in_kind']

DONATION_OUT_KIND_VALUES: set[DonationOutKind] = { 'blood', 'cash', 'in_kind',  }

def check_donation_out_kind(value: str) -> DonationOutKind:
    if value in DONATION_OUT_KIND_VALUES:
        return cast(DonationOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DONATION_OUT_KIND_VALUES!r}")
