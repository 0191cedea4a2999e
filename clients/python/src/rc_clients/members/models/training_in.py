from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.training_in_kind import check_training_in_kind
from ..models.training_in_kind import TrainingInKind
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="TrainingIn")



@_attrs_define
class TrainingIn:
    """ 
        Attributes:
            completed_on (datetime.date): A date, YYYY-MM-DD, 1900-01-01 to 2100-12-31.
            hours (float):
            kind (TrainingInKind): What the training was for (the catalogue courses use).
            unit_id (UUID): The unit that gave or records the training (in your scope).
            certificate_no (None | str | Unset): The certificate's number (once per person).
            provider (None | str | Unset): An outside organiser (a blood centre, a hospital...).
            title (None | str | Unset): The course's name, e.g. 'Sơ cấp cứu ban đầu'.
     """

    completed_on: datetime.date
    hours: float
    kind: TrainingInKind
    unit_id: UUID
    certificate_no: None | str | Unset = UNSET
    provider: None | str | Unset = UNSET
    title: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        completed_on = self.completed_on.isoformat()

        hours = self.hours

        kind: str = self.kind

        unit_id = str(self.unit_id)

        certificate_no: None | str | Unset
        if isinstance(self.certificate_no, Unset):
            certificate_no = UNSET
        else:
            certificate_no = self.certificate_no

        provider: None | str | Unset
        if isinstance(self.provider, Unset):
            provider = UNSET
        else:
            provider = self.provider

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "completed_on": completed_on,
            "hours": hours,
            "kind": kind,
            "unit_id": unit_id,
        })
        if certificate_no is not UNSET:
            field_dict["certificate_no"] = certificate_no
        if provider is not UNSET:
            field_dict["provider"] = provider
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        completed_on = isoparse(d.pop("completed_on")).date()




        hours = d.pop("hours")

        kind = check_training_in_kind(d.pop("kind"))




        unit_id = UUID(d.pop("unit_id"))




        def _parse_certificate_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        certificate_no = _parse_certificate_no(d.pop("certificate_no", UNSET))


        def _parse_provider(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        provider = _parse_provider(d.pop("provider", UNSET))


        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))


        training_in = cls(
            completed_on=completed_on,
            hours=hours,
            kind=kind,
            unit_id=unit_id,
            certificate_no=certificate_no,
            provider=provider,
            title=title,
        )

        return training_in

