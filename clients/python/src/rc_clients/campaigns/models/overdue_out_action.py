from typing import Literal, cast

OverdueOutAction = Literal['close', 'settle']

OVERDUE_OUT_ACTION_VALUES: set[OverdueOutAction] = { 'close', 'settle',  }

def check_overdue_out_action(value: str) -> OverdueOutAction:
    if value in OVERDUE_OUT_ACTION_VALUES:
        return cast(OverdueOutAction, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OVERDUE_OUT_ACTION_VALUES!r}")
