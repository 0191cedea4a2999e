from typing import Literal, cast

LedgerLineOutKind = Literal['blood', 'cash', 'goods', 'in_kind']

LEDGER_LINE_OUT_KIND_VALUES: set[LedgerLineOutKind] = { 'blood', 'cash', 'goods', 'in_kind',  }

def check_ledger_line_out_kind(value: str) -> LedgerLineOutKind:
    if value in LEDGER_LINE_OUT_KIND_VALUES:
        return cast(LedgerLineOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LEDGER_LINE_OUT_KIND_VALUES!r}")
