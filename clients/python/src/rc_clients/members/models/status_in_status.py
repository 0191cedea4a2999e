from typing import Literal, cast

StatusInStatus = Literal['active', 'deceased', 'lapsed', 'resigned', 'transferred']

STATUS_IN_STATUS_VALUES: set[StatusInStatus] = { 'active', 'deceased', 'lapsed', 'resigned', 'transferred',  }

def check_status_in_status(value: str) -> StatusInStatus:
    if value in STATUS_IN_STATUS_VALUES:
        return cast(StatusInStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATUS_IN_STATUS_VALUES!r}")
