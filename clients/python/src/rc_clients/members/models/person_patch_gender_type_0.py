from typing import Literal, cast

PersonPatchGenderType0 = Literal['female', 'male', 'other']

PERSON_PATCH_GENDER_TYPE_0_VALUES: set[PersonPatchGenderType0] = { 'female', 'male', 'other',  }

def check_person_patch_gender_type_0(value: str) -> PersonPatchGenderType0:
    if value in PERSON_PATCH_GENDER_TYPE_0_VALUES:
        return cast(PersonPatchGenderType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PERSON_PATCH_GENDER_TYPE_0_VALUES!r}")
