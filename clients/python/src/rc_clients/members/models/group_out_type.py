from typing import Literal, cast

GroupOutType = Literal['club', 'disaster_response_team', 'first_aid_team', 'mobile_medical_team']

GROUP_OUT_TYPE_VALUES: set[GroupOutType] = { 'club', 'disaster_response_team', 'first_aid_team', 'mobile_medical_team',  }

def check_group_out_type(value: str) -> GroupOutType:
    if value in GROUP_OUT_TYPE_VALUES:
        return cast(GroupOutType, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GROUP_OUT_TYPE_VALUES!r}")
