from typing import Literal, cast

FeeOutFeeStatus = Literal['exempted', 'paid', 'unpaid']

FEE_OUT_FEE_STATUS_VALUES: set[FeeOutFeeStatus] = { 'exempted', 'paid', 'unpaid',  }

def check_fee_out_fee_status(value: str) -> FeeOutFeeStatus:
    if value in FEE_OUT_FEE_STATUS_VALUES:
        return cast(FeeOutFeeStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FEE_OUT_FEE_STATUS_VALUES!r}")
