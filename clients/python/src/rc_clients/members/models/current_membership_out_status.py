from typing import Literal, cast

CurrentMembershipOutStatus = Literal['active', 'deceased', 'lapsed', 'resigned', 'transferred']

CURRENT_MEMBERSHIP_OUT_STATUS_VALUES: set[CurrentMembershipOutStatus] = { 'active', 'deceased', 'lapsed', 'resigned', 'transferred',  }

def check_current_membership_out_status(value: str) -> CurrentMembershipOutStatus:
    if value in CURRENT_MEMBERSHIP_OUT_STATUS_VALUES:
        return cast(CurrentMembershipOutStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CURRENT_MEMBERSHIP_OUT_STATUS_VALUES!r}")
