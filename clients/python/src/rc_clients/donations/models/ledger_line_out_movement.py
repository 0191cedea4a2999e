from typing import Literal, cast

LedgerLineOutMovement = Literal['distribution', 'distribution_reversal', 'donation', 'donation_reversal']

LEDGER_LINE_OUT_MOVEMENT_VALUES: set[LedgerLineOutMovement] = { 'distribution', 'distribution_reversal', 'donation', 'donation_reversal',  }

def check_ledger_line_out_movement(value: str) -> LedgerLineOutMovement:
    if value in LEDGER_LINE_OUT_MOVEMENT_VALUES:
        return cast(LedgerLineOutMovement, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LEDGER_LINE_OUT_MOVEMENT_VALUES!r}")
