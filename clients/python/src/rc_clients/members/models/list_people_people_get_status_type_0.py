from typing import Literal, cast

ListPeoplePeopleGetStatusType0 = Literal['active', 'deceased', 'lapsed', 'resigned', 'transferred']

LIST_PEOPLE_PEOPLE_GET_STATUS_TYPE_0_VALUES: set[ListPeoplePeopleGetStatusType0] = { 'active', 'deceased', 'lapsed', 'resigned', 'transferred',  }

def check_list_people_people_get_status_type_0(value: str) -> ListPeoplePeopleGetStatusType0:
    if value in LIST_PEOPLE_PEOPLE_GET_STATUS_TYPE_0_VALUES:
        return cast(ListPeoplePeopleGetStatusType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_PEOPLE_PEOPLE_GET_STATUS_TYPE_0_VALUES!r}")
