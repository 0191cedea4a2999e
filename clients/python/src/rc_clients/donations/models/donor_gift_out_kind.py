from typing import Literal, cast

DonorGiftOutKind = Literal['blood', 'cash', 'in_kind']

DONOR_GIFT_OUT_KIND_VALUES: set[DonorGiftOutKind] = { 'blood', 'cash', 'in_kind',  }

def check_donor_gift_out_kind(value: str) -> DonorGiftOutKind:
    if value in DONOR_GIFT_OUT_KIND_VALUES:
        return cast(DonorGiftOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DONOR_GIFT_OUT_KIND_VALUES!r}")
