from typing import Literal, cast

BloodEligibilityOutKind = Literal['apheresis', 'whole_blood']

BLOOD_ELIGIBILITY_OUT_KIND_VALUES: set[BloodEligibilityOutKind] = { 'apheresis', 'whole_blood',  }

def check_blood_eligibility_out_kind(value: str) -> BloodEligibilityOutKind:
    if value in BLOOD_ELIGIBILITY_OUT_KIND_VALUES:
        return cast(BloodEligibilityOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BLOOD_ELIGIBILITY_OUT_KIND_VALUES!r}")
