from typing import Literal, cast

ReviewExportInFormat = Literal['csv', 'pdf', 'xlsx']

REVIEW_EXPORT_IN_FORMAT_VALUES: set[ReviewExportInFormat] = { 'csv', 'pdf', 'xlsx',  }

def check_review_export_in_format(value: str) -> ReviewExportInFormat:
    if value in REVIEW_EXPORT_IN_FORMAT_VALUES:
        return cast(ReviewExportInFormat, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REVIEW_EXPORT_IN_FORMAT_VALUES!r}")
