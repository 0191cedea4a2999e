from typing import Literal, cast

TrainingInKind = Literal['blood_donation', 'community_health', 'disaster_preparedness', 'first_aid', 'other', 'staff']

TRAINING_IN_KIND_VALUES: set[TrainingInKind] = { 'blood_donation', 'community_health', 'disaster_preparedness', 'first_aid', 'other', 'staff',  }

def check_training_in_kind(value: str) -> TrainingInKind:
    if value in TRAINING_IN_KIND_VALUES:
        return cast(TrainingInKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TRAINING_IN_KIND_VALUES!r}")
