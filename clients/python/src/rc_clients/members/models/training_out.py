from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.training_out_kind import check_training_out_kind
from ..models.training_out_kind import TrainingOutKind
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="TrainingOut")



@_attrs_define
class TrainingOut:
    """ 
        Attributes:
            certificate_no (None | str):
            completed_on (datetime.date):
            hours (float):
            id (UUID):
            kind (TrainingOutKind):
            provider (None | str):
            title (None | str):
            unit_code (str):
            unit_id (UUID):
            unit_name (str): The unit's name as staff know it now (its version in force today).
     """

    certificate_no: None | str
    completed_on: datetime.date
    hours: float
    id: UUID
    kind: TrainingOutKind
    provider: None | str
    title: None | str
    unit_code: str
    unit_id: UUID
    unit_name: str





    def to_dict(self) -> dict[str, Any]:
        certificate_no: None | str
        certificate_no = self.certificate_no

        completed_on = self.completed_on.isoformat()

        hours = self.hours

        id = str(self.id)

        kind: str = self.kind

        provider: None | str
        provider = self.provider

        title: None | str
        title = self.title

        unit_code = self.unit_code

        unit_id = str(self.unit_id)

        unit_name = self.unit_name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "certificate_no": certificate_no,
            "completed_on": completed_on,
            "hours": hours,
            "id": id,
            "kind": kind,
            "provider": provider,
            "title": title,
            "unit_code": unit_code,
            "unit_id": unit_id,
            "unit_name": unit_name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_certificate_no(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        certificate_no = _parse_certificate_no(d.pop("certificate_no"))


        completed_on = isoparse(d.pop("completed_on")).date()




        hours = d.pop("hours")

        id = UUID(d.pop("id"))




        kind = check_training_out_kind(d.pop("kind"))




        def _parse_provider(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        provider = _parse_provider(d.pop("provider"))


        def _parse_title(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        title = _parse_title(d.pop("title"))


        unit_code = d.pop("unit_code")

        unit_id = UUID(d.pop("unit_id"))




        unit_name = d.pop("unit_name")

        training_out = cls(
            certificate_no=certificate_no,
            completed_on=completed_on,
            hours=hours,
            id=id,
            kind=kind,
            provider=provider,
            title=title,
            unit_code=unit_code,
            unit_id=unit_id,
            unit_name=unit_name,
        )

        return training_out

