from typing import Literal, cast

UnitOutEndReasonType0 = Literal['dissolved', 'merged']

UNIT_OUT_END_REASON_TYPE_0_VALUES: set[UnitOutEndReasonType0] = { 'dissolved', 'merged',  }

def check_unit_out_end_reason_type_0(value: str) -> UnitOutEndReasonType0:
    if value in UNIT_OUT_END_REASON_TYPE_0_VALUES:
        return cast(UnitOutEndReasonType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {UNIT_OUT_END_REASON_TYPE_0_VALUES!r}")
