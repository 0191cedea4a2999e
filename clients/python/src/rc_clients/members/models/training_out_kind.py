from typing import Literal, cast

TrainingOutKind = Literal['blood_donation', 'community_health', 'disaster_preparedness', 'first_aid', 'other', 'staff']

TRAINING_OUT_KIND_VALUES: set[TrainingOutKind] = { 'blood_donation', 'community_health', 'disaster_preparedness', 'first_aid', 'other', 'staff',  }

def check_training_out_kind(value: str) -> TrainingOutKind:
    if value in TRAINING_OUT_KIND_VALUES:
        return cast(TrainingOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TRAINING_OUT_KIND_VALUES!r}")
