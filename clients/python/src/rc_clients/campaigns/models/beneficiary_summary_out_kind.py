from typing import Literal, cast

BeneficiarySummaryOutKind = Literal['household', 'person']

BENEFICIARY_SUMMARY_OUT_KIND_VALUES: set[BeneficiarySummaryOutKind] = { 'household', 'person',  }

def check_beneficiary_summary_out_kind(value: str) -> BeneficiarySummaryOutKind:
    if value in BENEFICIARY_SUMMARY_OUT_KIND_VALUES:
        return cast(BeneficiarySummaryOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BENEFICIARY_SUMMARY_OUT_KIND_VALUES!r}")
