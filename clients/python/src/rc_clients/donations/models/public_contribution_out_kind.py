from typing import Literal, cast

PublicContributionOutKind = Literal['blood', 'cash', 'in_kind']

PUBLIC_CONTRIBUTION_OUT_KIND_VALUES: set[PublicContributionOutKind] = { 'blood', 'cash', 'in_kind',  }

def check_public_contribution_out_kind(value: str) -> PublicContributionOutKind:
    if value in PUBLIC_CONTRIBUTION_OUT_KIND_VALUES:
        return cast(PublicContributionOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PUBLIC_CONTRIBUTION_OUT_KIND_VALUES!r}")
