from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.call_document import CallDocument
  from ..models.receiving_point import ReceivingPoint
  from ..models.support_level import SupportLevel





T = TypeVar("T", bound="DisclosureIn")



@_attrs_define
class DisclosureIn:
    """ A campaign's Decree 93/2021 Art. 14 disclosure, replaced whole: (a) the call documents, (c) the
    support policy and levels, (d) the receiving points. Published on the public ledger page.

        Attributes:
            call_documents (list[CallDocument] | Unset):
            receiving_points (list[ReceivingPoint] | Unset):
            support_levels (list[SupportLevel] | Unset):
            support_policy (None | str | Unset): Who is supported and how (Art. 14 (c)).
     """

    call_documents: list[CallDocument] | Unset = UNSET
    receiving_points: list[ReceivingPoint] | Unset = UNSET
    support_levels: list[SupportLevel] | Unset = UNSET
    support_policy: None | str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.call_document import CallDocument
        from ..models.receiving_point import ReceivingPoint
        from ..models.support_level import SupportLevel
        call_documents: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.call_documents, Unset):
            call_documents = []
            for call_documents_item_data in self.call_documents:
                call_documents_item = call_documents_item_data.to_dict()
                call_documents.append(call_documents_item)



        receiving_points: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.receiving_points, Unset):
            receiving_points = []
            for receiving_points_item_data in self.receiving_points:
                receiving_points_item = receiving_points_item_data.to_dict()
                receiving_points.append(receiving_points_item)



        support_levels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.support_levels, Unset):
            support_levels = []
            for support_levels_item_data in self.support_levels:
                support_levels_item = support_levels_item_data.to_dict()
                support_levels.append(support_levels_item)



        support_policy: None | str | Unset
        if isinstance(self.support_policy, Unset):
            support_policy = UNSET
        else:
            support_policy = self.support_policy


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if call_documents is not UNSET:
            field_dict["call_documents"] = call_documents
        if receiving_points is not UNSET:
            field_dict["receiving_points"] = receiving_points
        if support_levels is not UNSET:
            field_dict["support_levels"] = support_levels
        if support_policy is not UNSET:
            field_dict["support_policy"] = support_policy

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.call_document import CallDocument
        from ..models.receiving_point import ReceivingPoint
        from ..models.support_level import SupportLevel
        d = dict(src_dict)
        _call_documents = d.pop("call_documents", UNSET)
        call_documents: list[CallDocument] | Unset = UNSET
        if _call_documents is not UNSET:
            call_documents = []
            for call_documents_item_data in _call_documents:
                call_documents_item = CallDocument.from_dict(call_documents_item_data)



                call_documents.append(call_documents_item)


        _receiving_points = d.pop("receiving_points", UNSET)
        receiving_points: list[ReceivingPoint] | Unset = UNSET
        if _receiving_points is not UNSET:
            receiving_points = []
            for receiving_points_item_data in _receiving_points:
                receiving_points_item = ReceivingPoint.from_dict(receiving_points_item_data)



                receiving_points.append(receiving_points_item)


        _support_levels = d.pop("support_levels", UNSET)
        support_levels: list[SupportLevel] | Unset = UNSET
        if _support_levels is not UNSET:
            support_levels = []
            for support_levels_item_data in _support_levels:
                support_levels_item = SupportLevel.from_dict(support_levels_item_data)



                support_levels.append(support_levels_item)


        def _parse_support_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        support_policy = _parse_support_policy(d.pop("support_policy", UNSET))


        disclosure_in = cls(
            call_documents=call_documents,
            receiving_points=receiving_points,
            support_levels=support_levels,
            support_policy=support_policy,
        )

        return disclosure_in

