from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from dateutil.parser import isoparse
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.call_document import CallDocument
  from ..models.receiving_point import ReceivingPoint
  from ..models.support_level import SupportLevel





T = TypeVar("T", bound="DisclosureOut")



@_attrs_define
class DisclosureOut:
    """ 
        Attributes:
            call_documents (list[CallDocument]):
            campaign_id (UUID):
            receiving_points (list[ReceivingPoint]):
            support_levels (list[SupportLevel]):
            support_policy (None | str):
            updated_at (datetime.datetime | None):
            version (int): 0: never published; then 1, 2, ... for each change.
     """

    call_documents: list[CallDocument]
    campaign_id: UUID
    receiving_points: list[ReceivingPoint]
    support_levels: list[SupportLevel]
    support_policy: None | str
    updated_at: datetime.datetime | None
    version: int





    def to_dict(self) -> dict[str, Any]:
        from ..models.call_document import CallDocument
        from ..models.receiving_point import ReceivingPoint
        from ..models.support_level import SupportLevel
        call_documents = []
        for call_documents_item_data in self.call_documents:
            call_documents_item = call_documents_item_data.to_dict()
            call_documents.append(call_documents_item)



        campaign_id = str(self.campaign_id)

        receiving_points = []
        for receiving_points_item_data in self.receiving_points:
            receiving_points_item = receiving_points_item_data.to_dict()
            receiving_points.append(receiving_points_item)



        support_levels = []
        for support_levels_item_data in self.support_levels:
            support_levels_item = support_levels_item_data.to_dict()
            support_levels.append(support_levels_item)



        support_policy: None | str
        support_policy = self.support_policy

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        version = self.version


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "call_documents": call_documents,
            "campaign_id": campaign_id,
            "receiving_points": receiving_points,
            "support_levels": support_levels,
            "support_policy": support_policy,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.call_document import CallDocument
        from ..models.receiving_point import ReceivingPoint
        from ..models.support_level import SupportLevel
        d = dict(src_dict)
        call_documents = []
        _call_documents = d.pop("call_documents")
        for call_documents_item_data in (_call_documents):
            call_documents_item = CallDocument.from_dict(call_documents_item_data)



            call_documents.append(call_documents_item)


        campaign_id = UUID(d.pop("campaign_id"))




        receiving_points = []
        _receiving_points = d.pop("receiving_points")
        for receiving_points_item_data in (_receiving_points):
            receiving_points_item = ReceivingPoint.from_dict(receiving_points_item_data)



            receiving_points.append(receiving_points_item)


        support_levels = []
        _support_levels = d.pop("support_levels")
        for support_levels_item_data in (_support_levels):
            support_levels_item = SupportLevel.from_dict(support_levels_item_data)



            support_levels.append(support_levels_item)


        def _parse_support_policy(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        support_policy = _parse_support_policy(d.pop("support_policy"))


        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = isoparse(data)



                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))


        version = d.pop("version")

        disclosure_out = cls(
            call_documents=call_documents,
            campaign_id=campaign_id,
            receiving_points=receiving_points,
            support_levels=support_levels,
            support_policy=support_policy,
            updated_at=updated_at,
            version=version,
        )

        return disclosure_out

