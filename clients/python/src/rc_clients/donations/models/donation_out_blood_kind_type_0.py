from typing import Literal, cast

DonationOutBloodKindType0 = Literal['apheresis', 'whole_blood']

DONATION_OUT_BLOOD_KIND_TYPE_0_VALUES: set[DonationOutBloodKindType0] = { 'apheresis', 'whole_blood',  }

def check_donation_out_blood_kind_type_0(value: str) -> DonationOutBloodKindType0:
    if value in DONATION_OUT_BLOOD_KIND_TYPE_0_VALUES:
        return cast(DonationOutBloodKindType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DONATION_OUT_BLOOD_KIND_TYPE_0_VALUES!r}")
