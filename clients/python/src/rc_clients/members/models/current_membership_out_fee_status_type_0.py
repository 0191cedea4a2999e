from typing import Literal, cast

CurrentMembershipOutFeeStatusType0 = Literal['exempted', 'paid', 'unpaid']

CURRENT_MEMBERSHIP_OUT_FEE_STATUS_TYPE_0_VALUES: set[CurrentMembershipOutFeeStatusType0] = { 'exempted', 'paid', 'unpaid',  }

def check_current_membership_out_fee_status_type_0(value: str) -> CurrentMembershipOutFeeStatusType0:
    if value in CURRENT_MEMBERSHIP_OUT_FEE_STATUS_TYPE_0_VALUES:
        return cast(CurrentMembershipOutFeeStatusType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CURRENT_MEMBERSHIP_OUT_FEE_STATUS_TYPE_0_VALUES!r}")
