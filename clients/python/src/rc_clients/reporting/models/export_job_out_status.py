from typing import Literal, cast

ExportJobOutStatus = Literal['done', 'failed', 'queued', 'running']

EXPORT_JOB_OUT_STATUS_VALUES: set[ExportJobOutStatus] = { 'done', 'failed', 'queued', 'running',  }

def check_export_job_out_status(value: str) -> ExportJobOutStatus:
    if value in EXPORT_JOB_OUT_STATUS_VALUES:
        return cast(ExportJobOutStatus, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EXPORT_JOB_OUT_STATUS_VALUES!r}")
