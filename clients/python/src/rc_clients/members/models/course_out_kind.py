from typing import Literal, cast

CourseOutKind = Literal['blood_donation', 'community_health', 'disaster_preparedness', 'first_aid', 'other', 'staff']

COURSE_OUT_KIND_VALUES: set[CourseOutKind] = { 'blood_donation', 'community_health', 'disaster_preparedness', 'first_aid', 'other', 'staff',  }

def check_course_out_kind(value: str) -> CourseOutKind:
    if value in COURSE_OUT_KIND_VALUES:
        return cast(CourseOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {COURSE_OUT_KIND_VALUES!r}")
