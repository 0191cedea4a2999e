from typing import Literal, cast

ReviewReportsReviewGetFormat = Literal['csv', 'json', 'pdf', 'xlsx']

REVIEW_REPORTS_REVIEW_GET_FORMAT_VALUES: set[ReviewReportsReviewGetFormat] = { 'csv', 'json', 'pdf', 'xlsx',  }

def check_review_reports_review_get_format(value: str) -> ReviewReportsReviewGetFormat:
    if value in REVIEW_REPORTS_REVIEW_GET_FORMAT_VALUES:
        return cast(ReviewReportsReviewGetFormat, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REVIEW_REPORTS_REVIEW_GET_FORMAT_VALUES!r}")
