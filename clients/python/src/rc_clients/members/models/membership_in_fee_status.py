from typing import Literal, cast

MembershipInFeeStatus = Literal['exempted', 'paid', 'unpaid']

MEMBERSHIP_IN_FEE_STATUS_VALUES: set[MembershipInFeeStatus] = { 'exempted', 'paid', 'unpaid',  }

def check_membership_in_fee_status(value: str) -> MembershipInFeeStatus:
    if value in MEMBERSHIP_IN_FEE_STATUS_VALUES:
        return cast(MembershipInFeeStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEMBERSHIP_IN_FEE_STATUS_VALUES!r}")
