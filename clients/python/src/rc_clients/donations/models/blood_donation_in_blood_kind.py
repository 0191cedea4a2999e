from typing import Literal, cast

BloodDonationInBloodKind = Literal['apheresis', 'whole_blood']

BLOOD_DONATION_IN_BLOOD_KIND_VALUES: set[BloodDonationInBloodKind] = { 'apheresis', 'whole_blood',  }

def check_blood_donation_in_blood_kind(value: str) -> BloodDonationInBloodKind:
    if value in BLOOD_DONATION_IN_BLOOD_KIND_VALUES:
        return cast(BloodDonationInBloodKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BLOOD_DONATION_IN_BLOOD_KIND_VALUES!r}")
