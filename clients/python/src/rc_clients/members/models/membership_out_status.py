from typing import Literal, cast

MembershipOutStatus = Literal['active', 'deceased', 'lapsed', 'resigned', 'transferred']

MEMBERSHIP_OUT_STATUS_VALUES: set[MembershipOutStatus] = { 'active', 'deceased', 'lapsed', 'resigned', 'transferred',  }

def check_membership_out_status(value: str) -> MembershipOutStatus:
    if value in MEMBERSHIP_OUT_STATUS_VALUES:
        return cast(MembershipOutStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEMBERSHIP_OUT_STATUS_VALUES!r}")
