from typing import Literal, cast

LedgerLineOutDirection = Literal['in', 'out']

LEDGER_LINE_OUT_DIRECTION_VALUES: set[LedgerLineOutDirection] = { 'in', 'out',  }

def check_ledger_line_out_direction(value: str) -> LedgerLineOutDirection:
    if value in LEDGER_LINE_OUT_DIRECTION_VALUES:
        return cast(LedgerLineOutDirection, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LEDGER_LINE_OUT_DIRECTION_VALUES!r}")
