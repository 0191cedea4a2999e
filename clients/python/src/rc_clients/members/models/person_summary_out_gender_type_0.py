from typing import Literal, cast

PersonSummaryOutGenderType0 = Literal['female', 'male', 'other']

PERSON_SUMMARY_OUT_GENDER_TYPE_0_VALUES: set[PersonSummaryOutGenderType0] = { 'female', 'male', 'other',  }

def check_person_summary_out_gender_type_0(value: str) -> PersonSummaryOutGenderType0:
    if value in PERSON_SUMMARY_OUT_GENDER_TYPE_0_VALUES:
        return cast(PersonSummaryOutGenderType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PERSON_SUMMARY_OUT_GENDER_TYPE_0_VALUES!r}")
