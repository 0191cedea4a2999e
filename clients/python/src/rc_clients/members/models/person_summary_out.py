from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.person_summary_out_gender_type_0 import check_person_summary_out_gender_type_0
from ..models.person_summary_out_gender_type_0 import PersonSummaryOutGenderType0
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.current_membership_out import CurrentMembershipOut
  from ..models.held_role_out import HeldRoleOut





T = TypeVar("T", bound="PersonSummaryOut")



@_attrs_define
class PersonSummaryOut:
    """ 
        Attributes:
            birth_date (datetime.date | None):
            deceased_on (datetime.date | None):
            full_name (str):
            gender (None | PersonSummaryOutGenderType0):
            id (UUID):
            membership (CurrentMembershipOut | None): The open membership, else the latest one.
            registered_unit_id (None | UUID):
            roles (list[HeldRoleOut]): Roles held today.
     """

    birth_date: datetime.date | None
    deceased_on: datetime.date | None
    full_name: str
    gender: None | PersonSummaryOutGenderType0
    id: UUID
    membership: CurrentMembershipOut | None
    registered_unit_id: None | UUID
    roles: list[HeldRoleOut]





    def to_dict(self) -> dict[str, Any]:
        from ..models.current_membership_out import CurrentMembershipOut
        from ..models.held_role_out import HeldRoleOut
        birth_date: None | str
        if isinstance(self.birth_date, datetime.date):
            birth_date = self.birth_date.isoformat()
        else:
            birth_date = self.birth_date

        deceased_on: None | str
        if isinstance(self.deceased_on, datetime.date):
            deceased_on = self.deceased_on.isoformat()
        else:
            deceased_on = self.deceased_on

        full_name = self.full_name

        gender: None | str
        if isinstance(self.gender, str):
            gender = self.gender
        else:
            gender = self.gender

        id = str(self.id)

        membership: dict[str, Any] | None
        if isinstance(self.membership, CurrentMembershipOut):
            membership = self.membership.to_dict()
        else:
            membership = self.membership

        registered_unit_id: None | str
        if isinstance(self.registered_unit_id, UUID):
            registered_unit_id = str(self.registered_unit_id)
        else:
            registered_unit_id = self.registered_unit_id

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.to_dict()
            roles.append(roles_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "birth_date": birth_date,
            "deceased_on": deceased_on,
            "full_name": full_name,
            "gender": gender,
            "id": id,
            "membership": membership,
            "registered_unit_id": registered_unit_id,
            "roles": roles,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.current_membership_out import CurrentMembershipOut
        from ..models.held_role_out import HeldRoleOut
        d = dict(src_dict)
        def _parse_birth_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                birth_date_type_0 = isoparse(data).date()



                return birth_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        birth_date = _parse_birth_date(d.pop("birth_date"))


        def _parse_deceased_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deceased_on_type_0 = isoparse(data).date()



                return deceased_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        deceased_on = _parse_deceased_on(d.pop("deceased_on"))


        full_name = d.pop("full_name")

        def _parse_gender(data: object) -> None | PersonSummaryOutGenderType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                gender_type_0 = check_person_summary_out_gender_type_0(data)



                return gender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PersonSummaryOutGenderType0, data)

        gender = _parse_gender(d.pop("gender"))


        id = UUID(d.pop("id"))




        def _parse_membership(data: object) -> CurrentMembershipOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                membership_type_0 = CurrentMembershipOut.from_dict(data)



                return membership_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CurrentMembershipOut | None, data)

        membership = _parse_membership(d.pop("membership"))


        def _parse_registered_unit_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                registered_unit_id_type_0 = UUID(data)



                return registered_unit_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        registered_unit_id = _parse_registered_unit_id(d.pop("registered_unit_id"))


        roles = []
        _roles = d.pop("roles")
        for roles_item_data in (_roles):
            roles_item = HeldRoleOut.from_dict(roles_item_data)



            roles.append(roles_item)


        person_summary_out = cls(
            birth_date=birth_date,
            deceased_on=deceased_on,
            full_name=full_name,
            gender=gender,
            id=id,
            membership=membership,
            registered_unit_id=registered_unit_id,
            roles=roles,
        )

        return person_summary_out

