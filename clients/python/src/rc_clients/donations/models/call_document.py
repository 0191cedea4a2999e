from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from dateutil.parser import isoparse
from typing import cast
import datetime






T = TypeVar("T", bound="CallDocument")



@_attrs_define
class CallDocument:
    """ A document calling for contributions (Decree 93/2021 Art. 14 (a)): a decision, a letter, an appeal.

        Attributes:
            title (str):
            issued_on (datetime.date | None | Unset):
            number (None | str | Unset): Its number, e.g. 15/QĐ-CTĐ.
            url (None | str | Unset): Where the document is published (http or https).
     """

    title: str
    issued_on: datetime.date | None | Unset = UNSET
    number: None | str | Unset = UNSET
    url: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        title = self.title

        issued_on: None | str | Unset
        if isinstance(self.issued_on, Unset):
            issued_on = UNSET
        elif isinstance(self.issued_on, datetime.date):
            issued_on = self.issued_on.isoformat()
        else:
            issued_on = self.issued_on

        number: None | str | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "title": title,
        })
        if issued_on is not UNSET:
            field_dict["issued_on"] = issued_on
        if number is not UNSET:
            field_dict["number"] = number
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title")

        def _parse_issued_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                issued_on_type_0 = isoparse(data).date()



                return issued_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        issued_on = _parse_issued_on(d.pop("issued_on", UNSET))


        def _parse_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        number = _parse_number(d.pop("number", UNSET))


        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))


        call_document = cls(
            title=title,
            issued_on=issued_on,
            number=number,
            url=url,
        )

        return call_document

