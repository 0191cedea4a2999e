from typing import Literal, cast

PublicLedgerOutStatus = Literal['cancelled', 'closed', 'launched', 'settled']

PUBLIC_LEDGER_OUT_STATUS_VALUES: set[PublicLedgerOutStatus] = { 'cancelled', 'closed', 'launched', 'settled',  }

def check_public_ledger_out_status(value: str) -> PublicLedgerOutStatus:
    if value in PUBLIC_LEDGER_OUT_STATUS_VALUES:
        return cast(PublicLedgerOutStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PUBLIC_LEDGER_OUT_STATUS_VALUES!r}")
