from typing import Literal, cast

MembershipPeriodOutStatus = Literal['active', 'deceased', 'lapsed', 'resigned', 'transferred']

MEMBERSHIP_PERIOD_OUT_STATUS_VALUES: set[MembershipPeriodOutStatus] = { 'active', 'deceased', 'lapsed', 'resigned', 'transferred',  }

def check_membership_period_out_status(value: str) -> MembershipPeriodOutStatus:
    if value in MEMBERSHIP_PERIOD_OUT_STATUS_VALUES:
        return cast(MembershipPeriodOutStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEMBERSHIP_PERIOD_OUT_STATUS_VALUES!r}")
