from typing import Literal, cast

MembershipOutFeesAdditionalProperty = Literal['exempted', 'paid', 'unpaid']

MEMBERSHIP_OUT_FEES_ADDITIONAL_PROPERTY_VALUES: set[MembershipOutFeesAdditionalProperty] = { 'exempted', 'paid', 'unpaid',  }

def check_membership_out_fees_additional_property(value: str) -> MembershipOutFeesAdditionalProperty:
    if value in MEMBERSHIP_OUT_FEES_ADDITIONAL_PROPERTY_VALUES:
        return cast(MembershipOutFeesAdditionalProperty, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEMBERSHIP_OUT_FEES_ADDITIONAL_PROPERTY_VALUES!r}")
