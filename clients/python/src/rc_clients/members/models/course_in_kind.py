from typing import Literal, cast

CourseInKind = Literal['blood_donation', 'community_health', 'disaster_preparedness', 'first_aid', 'other', 'staff']

COURSE_IN_KIND_VALUES: set[CourseInKind] = { 'blood_donation', 'community_health', 'disaster_preparedness', 'first_aid', 'other', 'staff',  }

def check_course_in_kind(value: str) -> CourseInKind:
    if value in COURSE_IN_KIND_VALUES:
        return cast(CourseInKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {COURSE_IN_KIND_VALUES!r}")
