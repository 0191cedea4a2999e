from typing import Literal, cast

UnitBatchResultOutStatus = Literal['created', 'unchanged']

UNIT_BATCH_RESULT_OUT_STATUS_VALUES: set[UnitBatchResultOutStatus] = { 'created', 'unchanged',  }

def check_unit_batch_result_out_status(value: str) -> UnitBatchResultOutStatus:
    if value in UNIT_BATCH_RESULT_OUT_STATUS_VALUES:
        return cast(UnitBatchResultOutStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {UNIT_BATCH_RESULT_OUT_STATUS_VALUES!r}")
