from typing import Literal, cast

ListPeoplePeopleGetFeeStatusType0 = Literal['exempted', 'paid', 'unpaid']

LIST_PEOPLE_PEOPLE_GET_FEE_STATUS_TYPE_0_VALUES: set[ListPeoplePeopleGetFeeStatusType0] = { 'exempted', 'paid', 'unpaid',  }

def check_list_people_people_get_fee_status_type_0(value: str) -> ListPeoplePeopleGetFeeStatusType0:
    if value in LIST_PEOPLE_PEOPLE_GET_FEE_STATUS_TYPE_0_VALUES:
        return cast(ListPeoplePeopleGetFeeStatusType0, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_PEOPLE_PEOPLE_GET_FEE_STATUS_TYPE_0_VALUES!r}")
