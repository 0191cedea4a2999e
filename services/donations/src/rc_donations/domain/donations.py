"""Donations: in-kind valuation, donors and public naming (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rc_donations.domain.ledger import MAX_VND
from rc_shared.errors import Invalid

ANONYMOUS_LABEL = "Nhà hảo tâm ẩn danh"


@dataclass(frozen=True)
class Item:
    item: str
    quantity: int
    unit: str
    assessed_value_vnd: int


def in_kind_value(items: Iterable[Item]) -> int:
    """The value of a gift in kind: the sum of the items' assessed values (at market value)."""
    total = sum(i.assessed_value_vnd for i in items)
    if total <= 0:
        raise Invalid("the items' assessed value must be more than 0 VND", field="items")
    if total > MAX_VND:
        raise Invalid(f"the items' assessed value {total} VND exceeds {MAX_VND} VND", field="items")
    return total


def public_name(publicly_named: bool, name: str | None, label: str = ANONYMOUS_LABEL) -> str:
    """Name shown in the Decree 93 disclosure: only with the donor's consent."""
    return name if publicly_named and name else label
