from typing import Literal, cast

StatementRowOutStatus = Literal['created', 'duplicate', 'rejected']

STATEMENT_ROW_OUT_STATUS_VALUES: set[StatementRowOutStatus] = { 'created', 'duplicate', 'rejected',  }

def check_statement_row_out_status(value: str) -> StatementRowOutStatus:
    if value in STATEMENT_ROW_OUT_STATUS_VALUES:
        return cast(StatementRowOutStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATEMENT_ROW_OUT_STATUS_VALUES!r}")
