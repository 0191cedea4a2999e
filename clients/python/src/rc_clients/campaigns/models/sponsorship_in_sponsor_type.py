from typing import Literal, cast

SponsorshipInSponsorType = Literal['individual', 'organisation']

SPONSORSHIP_IN_SPONSOR_TYPE_VALUES: set[SponsorshipInSponsorType] = { 'individual', 'organisation',  }

def check_sponsorship_in_sponsor_type(value: str) -> SponsorshipInSponsorType:
    if value in SPONSORSHIP_IN_SPONSOR_TYPE_VALUES:
        return cast(SponsorshipInSponsorType, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SPONSORSHIP_IN_SPONSOR_TYPE_VALUES!r}")
