from typing import Literal, cast

MembershipStartedOutStatus = Literal['active', 'deceased', 'lapsed', 'resigned', 'transferred']

MEMBERSHIP_STARTED_OUT_STATUS_VALUES: set[MembershipStartedOutStatus] = { 'active', 'deceased', 'lapsed', 'resigned', 'transferred',  }

def check_membership_started_out_status(value: str) -> MembershipStartedOutStatus:
    if value in MEMBERSHIP_STARTED_OUT_STATUS_VALUES:
        return cast(MembershipStartedOutStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEMBERSHIP_STARTED_OUT_STATUS_VALUES!r}")
