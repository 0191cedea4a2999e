from typing import Literal, cast

DonorInType = Literal['anonymous', 'individual', 'organisation']

DONOR_IN_TYPE_VALUES: set[DonorInType] = { 'anonymous', 'individual', 'organisation',  }

def check_donor_in_type(value: str) -> DonorInType:
    if value in DONOR_IN_TYPE_VALUES:
        return cast(DonorInType, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DONOR_IN_TYPE_VALUES!r}")
