from typing import Literal, cast

CourseTakenOutKind = Literal['blood_donation', 'community_health', 'disaster_preparedness', 'first_aid', 'other', 'staff']

COURSE_TAKEN_OUT_KIND_VALUES: set[CourseTakenOutKind] = { 'blood_donation', 'community_health', 'disaster_preparedness', 'first_aid', 'other', 'staff',  }

def check_course_taken_out_kind(value: str) -> CourseTakenOutKind:
    if value in COURSE_TAKEN_OUT_KIND_VALUES:
        return cast(CourseTakenOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {COURSE_TAKEN_OUT_KIND_VALUES!r}")
