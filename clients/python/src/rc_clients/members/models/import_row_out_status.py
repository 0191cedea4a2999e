from typing import Literal, cast

ImportRowOutStatus = Literal['created', 'rejected', 'unchanged']

IMPORT_ROW_OUT_STATUS_VALUES: set[ImportRowOutStatus] = { 'created', 'rejected', 'unchanged',  }

def check_import_row_out_status(value: str) -> ImportRowOutStatus:
    if value in IMPORT_ROW_OUT_STATUS_VALUES:
        return cast(ImportRowOutStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {IMPORT_ROW_OUT_STATUS_VALUES!r}")
