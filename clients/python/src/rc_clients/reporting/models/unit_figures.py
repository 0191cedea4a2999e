from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.unit_figures_fees import UnitFiguresFees
  from ..models.unit_figures_roles import UnitFiguresRoles
  from ..models.unit_figures_units_by_level import UnitFiguresUnitsByLevel





T = TypeVar("T", bound="UnitFigures")



@_attrs_define
class UnitFigures:
    """ 
        Attributes:
            children (list[UnitFigures]): Child units on as_of (down to the requested depth).
            code (str):
            collaborators (int): People holding the collaborator role on as_of.
            fees (UnitFiguresFees): Active memberships on as_of by fee status for the year of as_of.
            level (str):
            members (int): People with an active membership on as_of in the subtree.
            members_joined (int): People whose membership started in the period.
            members_lapsed (int): People whose membership lapsed in the period.
            name (str):
            parent_id (None | UUID):
            roles (UnitFiguresRoles): People per role name on as_of (every role).
            unit_id (UUID):
            units_by_level (UnitFiguresUnitsByLevel): Units of the subtree on as_of by level, the unit included.
            volunteer_hours (float): Volunteer hours worked in the period.
            volunteers (int): People holding the volunteer role on as_of.
            youth (int): People holding the youth role on as_of.
     """

    children: list[UnitFigures]
    code: str
    collaborators: int
    fees: UnitFiguresFees
    level: str
    members: int
    members_joined: int
    members_lapsed: int
    name: str
    parent_id: None | UUID
    roles: UnitFiguresRoles
    unit_id: UUID
    units_by_level: UnitFiguresUnitsByLevel
    volunteer_hours: float
    volunteers: int
    youth: int





    def to_dict(self) -> dict[str, Any]:
        from ..models.unit_figures_fees import UnitFiguresFees
        from ..models.unit_figures_roles import UnitFiguresRoles
        from ..models.unit_figures_units_by_level import UnitFiguresUnitsByLevel
        children = []
        for children_item_data in self.children:
            children_item = children_item_data.to_dict()
            children.append(children_item)



        code = self.code

        collaborators = self.collaborators

        fees = self.fees.to_dict()

        level = self.level

        members = self.members

        members_joined = self.members_joined

        members_lapsed = self.members_lapsed

        name = self.name

        parent_id: None | str
        if isinstance(self.parent_id, UUID):
            parent_id = str(self.parent_id)
        else:
            parent_id = self.parent_id

        roles = self.roles.to_dict()

        unit_id = str(self.unit_id)

        units_by_level = self.units_by_level.to_dict()

        volunteer_hours = self.volunteer_hours

        volunteers = self.volunteers

        youth = self.youth


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "children": children,
            "code": code,
            "collaborators": collaborators,
            "fees": fees,
            "level": level,
            "members": members,
            "members_joined": members_joined,
            "members_lapsed": members_lapsed,
            "name": name,
            "parent_id": parent_id,
            "roles": roles,
            "unit_id": unit_id,
            "units_by_level": units_by_level,
            "volunteer_hours": volunteer_hours,
            "volunteers": volunteers,
            "youth": youth,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.unit_figures_fees import UnitFiguresFees
        from ..models.unit_figures_roles import UnitFiguresRoles
        from ..models.unit_figures_units_by_level import UnitFiguresUnitsByLevel
        d = dict(src_dict)
        children = []
        _children = d.pop("children")
        for children_item_data in (_children):
            children_item = UnitFigures.from_dict(children_item_data)



            children.append(children_item)


        code = d.pop("code")

        collaborators = d.pop("collaborators")

        fees = UnitFiguresFees.from_dict(d.pop("fees"))




        level = d.pop("level")

        members = d.pop("members")

        members_joined = d.pop("members_joined")

        members_lapsed = d.pop("members_lapsed")

        name = d.pop("name")

        def _parse_parent_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_id_type_0 = UUID(data)



                return parent_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        parent_id = _parse_parent_id(d.pop("parent_id"))


        roles = UnitFiguresRoles.from_dict(d.pop("roles"))




        unit_id = UUID(d.pop("unit_id"))




        units_by_level = UnitFiguresUnitsByLevel.from_dict(d.pop("units_by_level"))




        volunteer_hours = d.pop("volunteer_hours")

        volunteers = d.pop("volunteers")

        youth = d.pop("youth")

        unit_figures = cls(
            children=children,
            code=code,
            collaborators=collaborators,
            fees=fees,
            level=level,
            members=members,
            members_joined=members_joined,
            members_lapsed=members_lapsed,
            name=name,
            parent_id=parent_id,
            roles=roles,
            unit_id=unit_id,
            units_by_level=units_by_level,
            volunteer_hours=volunteer_hours,
            volunteers=volunteers,
            youth=youth,
        )

        return unit_figures

