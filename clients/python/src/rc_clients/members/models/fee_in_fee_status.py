from typing import Literal, cast

FeeInFeeStatus = Literal['exempted', 'paid', 'unpaid']

FEE_IN_FEE_STATUS_VALUES: set[FeeInFeeStatus] = { 'exempted', 'paid', 'unpaid',  }

def check_fee_in_fee_status(value: str) -> FeeInFeeStatus:
    if value in FEE_IN_FEE_STATUS_VALUES:
        return cast(FeeInFeeStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FEE_IN_FEE_STATUS_VALUES!r}")
