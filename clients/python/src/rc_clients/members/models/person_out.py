from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.person_out_gender_type_0 import check_person_out_gender_type_0
from ..models.person_out_gender_type_0 import PersonOutGenderType0
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.consent_out import ConsentOut
  from ..models.course_taken_out import CourseTakenOut
  from ..models.membership_out import MembershipOut
  from ..models.role_out import RoleOut
  from ..models.training_out import TrainingOut





T = TypeVar("T", bound="PersonOut")



@_attrs_define
class PersonOut:
    """ A person; the personal fields are absent once the person is erased.

        Attributes:
            consents (list[ConsentOut]):
            courses (list[CourseTakenOut]): Courses with the person's attendance, the latest first.
            deceased_on (datetime.date | None):
            erased (bool):
            id (UUID):
            memberships (list[MembershipOut]):
            registered_unit_id (None | UUID):
            roles (list[RoleOut]):
            training (list[TrainingOut]): Training the person completed, the latest first.
            volunteer_hours_total (float):
            address (None | str | Unset):
            birth_date (datetime.date | None | Unset):
            full_name (None | str | Unset):
            gender (None | PersonOutGenderType0 | Unset):
            health_notes (None | str | Unset): Absent for a read-only role (viewer): sensitive data.
            id_number (None | str | Unset): For a read-only role (viewer): masked, its last 3 characters shown
                (••••••••••789).
            phone (None | str | Unset):
     """

    consents: list[ConsentOut]
    courses: list[CourseTakenOut]
    deceased_on: datetime.date | None
    erased: bool
    id: UUID
    memberships: list[MembershipOut]
    registered_unit_id: None | UUID
    roles: list[RoleOut]
    training: list[TrainingOut]
    volunteer_hours_total: float
    address: None | str | Unset = UNSET
    birth_date: datetime.date | None | Unset = UNSET
    full_name: None | str | Unset = UNSET
    gender: None | PersonOutGenderType0 | Unset = UNSET
    health_notes: None | str | Unset = UNSET
    id_number: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.consent_out import ConsentOut
        from ..models.course_taken_out import CourseTakenOut
        from ..models.membership_out import MembershipOut
        from ..models.role_out import RoleOut
        from ..models.training_out import TrainingOut
        consents = []
        for consents_item_data in self.consents:
            consents_item = consents_item_data.to_dict()
            consents.append(consents_item)



        courses = []
        for courses_item_data in self.courses:
            courses_item = courses_item_data.to_dict()
            courses.append(courses_item)



        deceased_on: None | str
        if isinstance(self.deceased_on, datetime.date):
            deceased_on = self.deceased_on.isoformat()
        else:
            deceased_on = self.deceased_on

        erased = self.erased

        id = str(self.id)

        memberships = []
        for memberships_item_data in self.memberships:
            memberships_item = memberships_item_data.to_dict()
            memberships.append(memberships_item)



        registered_unit_id: None | str
        if isinstance(self.registered_unit_id, UUID):
            registered_unit_id = str(self.registered_unit_id)
        else:
            registered_unit_id = self.registered_unit_id

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.to_dict()
            roles.append(roles_item)



        training = []
        for training_item_data in self.training:
            training_item = training_item_data.to_dict()
            training.append(training_item)



        volunteer_hours_total = self.volunteer_hours_total

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        birth_date: None | str | Unset
        if isinstance(self.birth_date, Unset):
            birth_date = UNSET
        elif isinstance(self.birth_date, datetime.date):
            birth_date = self.birth_date.isoformat()
        else:
            birth_date = self.birth_date

        full_name: None | str | Unset
        if isinstance(self.full_name, Unset):
            full_name = UNSET
        else:
            full_name = self.full_name

        gender: None | str | Unset
        if isinstance(self.gender, Unset):
            gender = UNSET
        elif isinstance(self.gender, str):
            gender = self.gender
        else:
            gender = self.gender

        health_notes: None | str | Unset
        if isinstance(self.health_notes, Unset):
            health_notes = UNSET
        else:
            health_notes = self.health_notes

        id_number: None | str | Unset
        if isinstance(self.id_number, Unset):
            id_number = UNSET
        else:
            id_number = self.id_number

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "consents": consents,
            "courses": courses,
            "deceased_on": deceased_on,
            "erased": erased,
            "id": id,
            "memberships": memberships,
            "registered_unit_id": registered_unit_id,
            "roles": roles,
            "training": training,
            "volunteer_hours_total": volunteer_hours_total,
        })
        if address is not UNSET:
            field_dict["address"] = address
        if birth_date is not UNSET:
            field_dict["birth_date"] = birth_date
        if full_name is not UNSET:
            field_dict["full_name"] = full_name
        if gender is not UNSET:
            field_dict["gender"] = gender
        if health_notes is not UNSET:
            field_dict["health_notes"] = health_notes
        if id_number is not UNSET:
            field_dict["id_number"] = id_number
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consent_out import ConsentOut
        from ..models.course_taken_out import CourseTakenOut
        from ..models.membership_out import MembershipOut
        from ..models.role_out import RoleOut
        from ..models.training_out import TrainingOut
        d = dict(src_dict)
        consents = []
        _consents = d.pop("consents")
        for consents_item_data in (_consents):
            consents_item = ConsentOut.from_dict(consents_item_data)



            consents.append(consents_item)


        courses = []
        _courses = d.pop("courses")
        for courses_item_data in (_courses):
            courses_item = CourseTakenOut.from_dict(courses_item_data)



            courses.append(courses_item)


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


        erased = d.pop("erased")

        id = UUID(d.pop("id"))




        memberships = []
        _memberships = d.pop("memberships")
        for memberships_item_data in (_memberships):
            memberships_item = MembershipOut.from_dict(memberships_item_data)



            memberships.append(memberships_item)


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
            roles_item = RoleOut.from_dict(roles_item_data)



            roles.append(roles_item)


        training = []
        _training = d.pop("training")
        for training_item_data in (_training):
            training_item = TrainingOut.from_dict(training_item_data)



            training.append(training_item)


        volunteer_hours_total = d.pop("volunteer_hours_total")

        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))


        def _parse_birth_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                birth_date_type_0 = isoparse(data).date()



                return birth_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        birth_date = _parse_birth_date(d.pop("birth_date", UNSET))


        def _parse_full_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        full_name = _parse_full_name(d.pop("full_name", UNSET))


        def _parse_gender(data: object) -> None | PersonOutGenderType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                gender_type_0 = check_person_out_gender_type_0(data)



                return gender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PersonOutGenderType0 | Unset, data)

        gender = _parse_gender(d.pop("gender", UNSET))


        def _parse_health_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        health_notes = _parse_health_notes(d.pop("health_notes", UNSET))


        def _parse_id_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id_number = _parse_id_number(d.pop("id_number", UNSET))


        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))


        person_out = cls(
            consents=consents,
            courses=courses,
            deceased_on=deceased_on,
            erased=erased,
            id=id,
            memberships=memberships,
            registered_unit_id=registered_unit_id,
            roles=roles,
            training=training,
            volunteer_hours_total=volunteer_hours_total,
            address=address,
            birth_date=birth_date,
            full_name=full_name,
            gender=gender,
            health_notes=health_notes,
            id_number=id_number,
            phone=phone,
        )

        return person_out

