from typing import Literal, cast

PersonOutGenderType0 = Literal['female', 'male', 'other']

PERSON_OUT_GENDER_TYPE_0_VALUES: set[PersonOutGenderType0] = { 'female', 'male', 'other',  }

def check_person_out_gender_type_0(value: str) -> PersonOutGenderType0:
    if value in PERSON_OUT_GENDER_TYPE_0_VALUES:
        return cast(PersonOutGenderType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PERSON_OUT_GENDER_TYPE_0_VALUES!r}")
