from typing import Literal, cast

ReceiptOutKind = Literal['blood', 'cash', 'in_kind']

RECEIPT_OUT_KIND_VALUES: set[ReceiptOutKind] = { 'blood', 'cash', 'in_kind',  }

def check_receipt_out_kind(value: str) -> ReceiptOutKind:
    if value in RECEIPT_OUT_KIND_VALUES:
        return cast(ReceiptOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RECEIPT_OUT_KIND_VALUES!r}")
