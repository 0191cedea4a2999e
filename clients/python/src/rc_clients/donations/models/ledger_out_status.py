from typing import Literal, cast

LedgerOutStatus = Literal['cancelled', 'closed', 'launched', 'settled']

LEDGER_OUT_STATUS_VALUES: set[LedgerOutStatus] = { 'cancelled', 'closed', 'launched', 'settled',  }

def check_ledger_out_status(value: str) -> LedgerOutStatus:
    if value in LEDGER_OUT_STATUS_VALUES:
        return cast(LedgerOutStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LEDGER_OUT_STATUS_VALUES!r}")
