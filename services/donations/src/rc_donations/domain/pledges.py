"""Pledges: an instalment schedule and how payments settle it (pure, integer VND)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rc_shared.errors import Invalid


@dataclass(frozen=True)
class Instalment:
    number: int
    due_on: date
    amount_vnd: int


def schedule(amount_vnd: int, instalments: int, first_due_on: date, interval_days: int) -> list[Instalment]:
    """Equal instalments; the VND that do not divide evenly go to the first ones (the sum is exact)."""
    if instalments < 1 or interval_days < 1:
        raise Invalid("instalments and interval_days must be at least 1")
    if amount_vnd < instalments:
        raise Invalid(
            f"amount_vnd {amount_vnd} cannot be split into {instalments} instalments of at least 1 VND",
            field="instalments",
        )
    base, extra = divmod(amount_vnd, instalments)
    return [
        Instalment(i + 1, first_due_on + timedelta(days=i * interval_days), base + (1 if i < extra else 0))
        for i in range(instalments)
    ]


def settle(plan: list[Instalment], paid_vnd: int, today: date) -> list[dict[str, Any]]:
    """Apply the amount paid to instalments in order; each gets a status."""
    left = paid_vnd
    out: list[dict[str, Any]] = []
    for inst in plan:
        covered = min(left, inst.amount_vnd)
        left -= covered
        if covered == inst.amount_vnd:
            status = "paid"
        elif inst.due_on < today:
            status = "overdue"
        elif inst.due_on == today:
            status = "due"
        else:
            status = "upcoming"
        out.append(
            {
                "number": inst.number,
                "due_on": inst.due_on,
                "amount_vnd": inst.amount_vnd,
                "paid_vnd": covered,
                "status": status,
            }
        )
    return out
