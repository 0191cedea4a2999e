from typing import Literal, cast

BeneficiaryInKind = Literal['household', 'person']

BENEFICIARY_IN_KIND_VALUES: set[BeneficiaryInKind] = { 'household', 'person',  }

def check_beneficiary_in_kind(value: str) -> BeneficiaryInKind:
    if value in BENEFICIARY_IN_KIND_VALUES:
        return cast(BeneficiaryInKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BENEFICIARY_IN_KIND_VALUES!r}")
