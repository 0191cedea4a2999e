from typing import Literal, cast

DistributionOutKind = Literal['cash', 'goods']

DISTRIBUTION_OUT_KIND_VALUES: set[DistributionOutKind] = { 'cash', 'goods',  }

def check_distribution_out_kind(value: str) -> DistributionOutKind:
    if value in DISTRIBUTION_OUT_KIND_VALUES:
        return cast(DistributionOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DISTRIBUTION_OUT_KIND_VALUES!r}")
