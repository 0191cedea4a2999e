from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.review_export_in_format import check_review_export_in_format
from ..models.review_export_in_format import ReviewExportInFormat
from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="ReviewExportIn")



@_attrs_define
class ReviewExportIn:
    """ 
        Attributes:
            format_ (ReviewExportInFormat):
            period_from (datetime.date | None | Unset):
            period_to (datetime.date | None | Unset): Last day (inclusive); default: today. A day after today counts up to
                today, and the answer's period_to says so (1.10.0 refused it); a period_from after today is a 422.
            unit_code (None | str | Unset):
            unit_id (None | Unset | UUID):
     """

    format_: ReviewExportInFormat
    period_from: datetime.date | None | Unset = UNSET
    period_to: datetime.date | None | Unset = UNSET
    unit_code: None | str | Unset = UNSET
    unit_id: None | Unset | UUID = UNSET





    def to_dict(self) -> dict[str, Any]:
        format_: str = self.format_

        period_from: None | str | Unset
        if isinstance(self.period_from, Unset):
            period_from = UNSET
        elif isinstance(self.period_from, datetime.date):
            period_from = self.period_from.isoformat()
        else:
            period_from = self.period_from

        period_to: None | str | Unset
        if isinstance(self.period_to, Unset):
            period_to = UNSET
        elif isinstance(self.period_to, datetime.date):
            period_to = self.period_to.isoformat()
        else:
            period_to = self.period_to

        unit_code: None | str | Unset
        if isinstance(self.unit_code, Unset):
            unit_code = UNSET
        else:
            unit_code = self.unit_code

        unit_id: None | str | Unset
        if isinstance(self.unit_id, Unset):
            unit_id = UNSET
        elif isinstance(self.unit_id, UUID):
            unit_id = str(self.unit_id)
        else:
            unit_id = self.unit_id


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "format": format_,
        })
        if period_from is not UNSET:
            field_dict["period_from"] = period_from
        if period_to is not UNSET:
            field_dict["period_to"] = period_to
        if unit_code is not UNSET:
            field_dict["unit_code"] = unit_code
        if unit_id is not UNSET:
            field_dict["unit_id"] = unit_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        format_ = check_review_export_in_format(d.pop("format"))




        def _parse_period_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_from_type_0 = isoparse(data).date()



                return period_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        period_from = _parse_period_from(d.pop("period_from", UNSET))


        def _parse_period_to(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_to_type_0 = isoparse(data).date()



                return period_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        period_to = _parse_period_to(d.pop("period_to", UNSET))


        def _parse_unit_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit_code = _parse_unit_code(d.pop("unit_code", UNSET))


        def _parse_unit_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                unit_id_type_0 = UUID(data)



                return unit_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        unit_id = _parse_unit_id(d.pop("unit_id", UNSET))


        review_export_in = cls(
            format_=format_,
            period_from=period_from,
            period_to=period_to,
            unit_code=unit_code,
            unit_id=unit_id,
        )

        return review_export_in

