from typing import Literal, cast

PublicDistributionOutKind = Literal['cash', 'goods']

PUBLIC_DISTRIBUTION_OUT_KIND_VALUES: set[PublicDistributionOutKind] = { 'cash', 'goods',  }

def check_public_distribution_out_kind(value: str) -> PublicDistributionOutKind:
    if value in PUBLIC_DISTRIBUTION_OUT_KIND_VALUES:
        return cast(PublicDistributionOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PUBLIC_DISTRIBUTION_OUT_KIND_VALUES!r}")
