from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.figure_out import FigureOut





T = TypeVar("T", bound="SectionOut")



@_attrs_define
class SectionOut:
    """ 
        Attributes:
            figures (list[FigureOut]):
            key (str): organisation, humanitarian, movement:<campaign_type>, blood, training.
            title (str):
     """

    figures: list[FigureOut]
    key: str
    title: str





    def to_dict(self) -> dict[str, Any]:
        from ..models.figure_out import FigureOut
        figures = []
        for figures_item_data in self.figures:
            figures_item = figures_item_data.to_dict()
            figures.append(figures_item)



        key = self.key

        title = self.title


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "figures": figures,
            "key": key,
            "title": title,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.figure_out import FigureOut
        d = dict(src_dict)
        figures = []
        _figures = d.pop("figures")
        for figures_item_data in (_figures):
            figures_item = FigureOut.from_dict(figures_item_data)



            figures.append(figures_item)


        key = d.pop("key")

        title = d.pop("title")

        section_out = cls(
            figures=figures,
            key=key,
            title=title,
        )

        return section_out

