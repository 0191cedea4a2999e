from typing import Literal, cast

DistributionInKind = Literal['cash', 'goods']

DISTRIBUTION_IN_KIND_VALUES: set[DistributionInKind] = { 'cash', 'goods',  }

def check_distribution_in_kind(value: str) -> DistributionInKind:
    if value in DISTRIBUTION_IN_KIND_VALUES:
        return cast(DistributionInKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DISTRIBUTION_IN_KIND_VALUES!r}")
