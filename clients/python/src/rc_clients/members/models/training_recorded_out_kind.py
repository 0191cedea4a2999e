from typing import Literal, cast

TrainingRecordedOutKind = Literal['blood_donation', 'community_health', 'disaster_preparedness', 'first_aid', 'other', 'staff']

TRAINING_RECORDED_OUT_KIND_VALUES: set[TrainingRecordedOutKind] = { 'blood_donation', 'community_health', 'disaster_preparedness', 'first_aid', 'other', 'staff',  }

def check_training_recorded_out_kind(value: str) -> TrainingRecordedOutKind:
    if value in TRAINING_RECORDED_OUT_KIND_VALUES:
        return cast(TrainingRecordedOutKind, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TRAINING_RECORDED_OUT_KIND_VALUES!r}")
