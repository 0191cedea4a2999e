from typing import Literal, cast

UnitHistoryOutEndReasonType0 = Literal['dissolved', 'merged']

UNIT_HISTORY_OUT_END_REASON_TYPE_0_VALUES: set[UnitHistoryOutEndReasonType0] = { 'dissolved', 'merged',  }

def check_unit_history_out_end_reason_type_0(value: str) -> UnitHistoryOutEndReasonType0:
    if value in UNIT_HISTORY_OUT_END_REASON_TYPE_0_VALUES:
        return cast(UnitHistoryOutEndReasonType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {UNIT_HISTORY_OUT_END_REASON_TYPE_0_VALUES!r}")
