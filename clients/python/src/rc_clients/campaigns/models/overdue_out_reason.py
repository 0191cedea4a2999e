from typing import Literal, cast

OverdueOutReason = Literal['distribution_deadline_passed', 'receiving_period_ended']

OVERDUE_OUT_REASON_VALUES: set[OverdueOutReason] = { 'distribution_deadline_passed', 'receiving_period_ended',  }

def check_overdue_out_reason(value: str) -> OverdueOutReason:
    if value in OVERDUE_OUT_REASON_VALUES:
        return cast(OverdueOutReason, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OVERDUE_OUT_REASON_VALUES!r}")
