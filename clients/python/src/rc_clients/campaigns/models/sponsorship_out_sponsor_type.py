from typing import Literal, cast

SponsorshipOutSponsorType = Literal['individual', 'organisation']

SPONSORSHIP_OUT_SPONSOR_TYPE_VALUES: set[SponsorshipOutSponsorType] = { 'individual', 'organisation',  }

def check_sponsorship_out_sponsor_type(value: str) -> SponsorshipOutSponsorType:
    if value in SPONSORSHIP_OUT_SPONSOR_TYPE_VALUES:
        return cast(SponsorshipOutSponsorType, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SPONSORSHIP_OUT_SPONSOR_TYPE_VALUES!r}")
