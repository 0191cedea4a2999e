from typing import Literal, cast

InstalmentOutStatus = Literal['due', 'overdue', 'paid', 'upcoming']

INSTALMENT_OUT_STATUS_VALUES: set[InstalmentOutStatus] = { 'due', 'overdue', 'paid', 'upcoming',  }

def check_instalment_out_status(value: str) -> InstalmentOutStatus:
    if value in INSTALMENT_OUT_STATUS_VALUES:
        return cast(InstalmentOutStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INSTALMENT_OUT_STATUS_VALUES!r}")
