from typing import Literal, cast

ReceivingPointMethod = Literal['bank_transfer', 'e_wallet', 'in_person', 'other']

RECEIVING_POINT_METHOD_VALUES: set[ReceivingPointMethod] = { 'bank_transfer', 'e_wallet', 'in_person', 'other',  }

def check_receiving_point_method(value: str) -> ReceivingPointMethod:
    if value in RECEIVING_POINT_METHOD_VALUES:
        return cast(ReceivingPointMethod, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RECEIVING_POINT_METHOD_VALUES!r}")
