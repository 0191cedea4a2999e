from typing import Literal, cast

RegistrationInBloodGroupType0 = Literal['A+', 'A-', 'AB+', 'AB-', 'B+', 'B-', 'O+', 'O-']

REGISTRATION_IN_BLOOD_GROUP_TYPE_0_VALUES: set[RegistrationInBloodGroupType0] = { 'A+', 'A-', 'AB+', 'AB-', 'B+', 'B-', 'O+', 'O-',  }

def check_registration_in_blood_group_type_0(value: str) -> RegistrationInBloodGroupType0:
    if value in REGISTRATION_IN_BLOOD_GROUP_TYPE_0_VALUES:
        return cast(RegistrationInBloodGroupType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REGISTRATION_IN_BLOOD_GROUP_TYPE_0_VALUES!r}")
