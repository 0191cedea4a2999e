from typing import Literal, cast

GroupInType = Literal['club', 'disaster_response_team', 'first_aid_team', 'mobile_medical_team']

GROUP_IN_TYPE_VALUES: set[GroupInType] = { 'club', 'disaster_response_team', 'first_aid_team', 'mobile_medical_team',  }

def check_group_in_type(value: str) -> GroupInType:
    if value in GROUP_IN_TYPE_VALUES:
        return cast(GroupInType, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GROUP_IN_TYPE_VALUES!r}")
