from typing import Literal, cast

PublicLedgerSummaryOutStatus = Literal['cancelled', 'closed', 'launched', 'settled']

PUBLIC_LEDGER_SUMMARY_OUT_STATUS_VALUES: set[PublicLedgerSummaryOutStatus] = { 'cancelled', 'closed', 'launched', 'settled',  }

def check_public_ledger_summary_out_status(value: str) -> PublicLedgerSummaryOutStatus:
    if value in PUBLIC_LEDGER_SUMMARY_OUT_STATUS_VALUES:
        return cast(PublicLedgerSummaryOutStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PUBLIC_LEDGER_SUMMARY_OUT_STATUS_VALUES!r}")
