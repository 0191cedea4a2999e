from typing import Literal, cast

MembershipReportsMembershipGetFormat = Literal['csv', 'json', 'xlsx']

MEMBERSHIP_REPORTS_MEMBERSHIP_GET_FORMAT_VALUES: set[MembershipReportsMembershipGetFormat] = { 'csv', 'json', 'xlsx',  }

def check_membership_reports_membership_get_format(value: str) -> MembershipReportsMembershipGetFormat:
    if value in MEMBERSHIP_REPORTS_MEMBERSHIP_GET_FORMAT_VALUES:
        return cast(MembershipReportsMembershipGetFormat, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEMBERSHIP_REPORTS_MEMBERSHIP_GET_FORMAT_VALUES!r}")
