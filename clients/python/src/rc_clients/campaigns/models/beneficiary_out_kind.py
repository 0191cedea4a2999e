from typing import Literal, cast

BeneficiaryOutKind = Literal['household', 'person']

BENEFICIARY_OUT_KIND_VALUES: set[BeneficiaryOutKind] = { 'household', 'person',  }

def check_beneficiary_out_kind(value: str) -> BeneficiaryOutKind:
    if value in BENEFICIARY_OUT_KIND_VALUES:
        return cast(BeneficiaryOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BENEFICIARY_OUT_KIND_VALUES!r}")
