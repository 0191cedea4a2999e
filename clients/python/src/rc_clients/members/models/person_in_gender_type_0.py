from typing import Literal, cast

PersonInGenderType0 = Literal['female', 'male', 'other']

PERSON_IN_GENDER_TYPE_0_VALUES: set[PersonInGenderType0] = { 'female', 'male', 'other',  }

def check_person_in_gender_type_0(value: str) -> PersonInGenderType0:
    if value in PERSON_IN_GENDER_TYPE_0_VALUES:
        return cast(PersonInGenderType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PERSON_IN_GENDER_TYPE_0_VALUES!r}")
