"""A campaign's ledger: when it accepts contributions and distributions, and its balances (pure)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from rc_shared.clock import Window
from rc_shared.errors import Conflict, Invalid

MAX_VND = 10**15
"""Largest amount one entry may carry (a sanity bound; far above any real gift)."""

LedgerStatus = Literal["launched", "closed", "cancelled", "settled"]
DistributionKind = Literal["cash", "goods"]


@dataclass(frozen=True)
class Totals:
    """Running sums kept on the ledger row; every balance is derived from them."""

    cash_received_vnd: int = 0
    cash_reversed_vnd: int = 0
    cash_distributed_vnd: int = 0
    cash_distribution_reversed_vnd: int = 0
    in_kind_received_vnd: int = 0
    in_kind_reversed_vnd: int = 0
    goods_distributed_vnd: int = 0
    goods_distribution_reversed_vnd: int = 0
    blood_units: int = 0
    blood_units_reversed: int = 0

    @property
    def cash_net_received_vnd(self) -> int:
        return self.cash_received_vnd - self.cash_reversed_vnd

    @property
    def cash_net_distributed_vnd(self) -> int:
        return self.cash_distributed_vnd - self.cash_distribution_reversed_vnd

    @property
    def cash_balance_vnd(self) -> int:
        """Cash received − cash reversed − cash distributed + reversed distributions."""
        return self.cash_net_received_vnd - self.cash_net_distributed_vnd

    @property
    def in_kind_net_received_vnd(self) -> int:
        return self.in_kind_received_vnd - self.in_kind_reversed_vnd

    @property
    def goods_net_distributed_vnd(self) -> int:
        return self.goods_distributed_vnd - self.goods_distribution_reversed_vnd

    @property
    def goods_balance_vnd(self) -> int:
        """In-kind value received − reversed − goods distributed + reversed distributions."""
        return self.in_kind_net_received_vnd - self.goods_net_distributed_vnd

    @property
    def blood_units_net(self) -> int:
        return self.blood_units - self.blood_units_reversed

    def available(self, kind: DistributionKind) -> int:
        return self.cash_balance_vnd if kind == "cash" else self.goods_balance_vnd


def check_can_distribute(totals: Totals, kind: DistributionKind, requested_vnd: int) -> None:
    """Refuse a distribution the balance does not cover (the balance never goes below zero)."""
    available = totals.available(kind)
    if requested_vnd > available:
        what = "" if kind == "cash" else " (goods, by value)"
        raise Conflict(
            f"insufficient balance{what}: requested {requested_vnd} VND, available {available} VND",
            requested_vnd=requested_vnd,
            available_vnd=available,
            kind=kind,
        )


def check_covered_from(kind: DistributionKind, requested_vnd: int, day: date, least_balance_vnd: int) -> None:
    """Refuse a distribution dated ``day`` that would spend what arrived after it: ``least_balance_vnd`` is the
    lowest balance of the campaign (cash, or goods by value) on ``day`` and on every later day with a
    movement, by the dates of its gifts, distributions and reversals. Today's balance alone let a
    distribution dated back before the gifts that paid for it, and an as-of report showed money
    distributed that had not been received."""
    if requested_vnd > least_balance_vnd:
        what = "" if kind == "cash" else " (goods, by value)"
        raise Conflict(
            f"insufficient balance{what} on {day}: requested {requested_vnd} VND, but from that day on the "
            f"balance falls to {max(0, least_balance_vnd)} VND (received by then less distributed by then): a "
            "distribution cannot be dated before the gifts that pay for it",
            field="distributed_on",
            requested_vnd=requested_vnd,
            available_vnd=max(0, least_balance_vnd),
        )


def check_support(support_kind: str | None, quantity: int | None, catalogue: Collection[str]) -> int | None:
    """The support kind must be in the configured catalogue; its quantity defaults to 1 (``None`` without one)."""
    if support_kind is None:
        return None
    if support_kind not in catalogue:
        raise Invalid(
            f"unknown support_kind {support_kind!r}: the catalogue has {', '.join(sorted(catalogue))}",
            field="support_kind",
        )
    return 1 if quantity is None else quantity


def check_can_reverse_donation(totals: Totals, kind: str, amount_vnd: int, value_vnd: int) -> None:
    """A reversal may not take back money (or goods) that was already distributed."""
    if kind == "cash" and amount_vnd > totals.cash_balance_vnd:
        raise Conflict(
            f"cannot reverse {amount_vnd} VND: only {totals.cash_balance_vnd} VND is undistributed "
            "(the balance would go negative; reverse distributions first)",
            requested_vnd=amount_vnd,
            available_vnd=totals.cash_balance_vnd,
        )
    if kind == "in_kind" and value_vnd > totals.goods_balance_vnd:
        raise Conflict(
            f"cannot reverse goods worth {value_vnd} VND: only {totals.goods_balance_vnd} VND of goods is "
            "undistributed (the balance would go negative; reverse distributions first)",
            requested_vnd=value_vnd,
            available_vnd=totals.goods_balance_vnd,
        )


@dataclass(frozen=True)
class Ledger:
    campaign_id: uuid.UUID
    code: str
    status: LedgerStatus
    organising_unit_id: uuid.UUID
    participating_unit_ids: Sequence[uuid.UUID]
    receiving_from: date
    receiving_until: date
    distribution_deadline: date | None
    closed_on: date | None = None
    settled_on: date | None = None

    @property
    def label(self) -> str:
        return f"campaign {self.code} ({self.campaign_id})"

    def units(self) -> set[uuid.UUID]:
        return {self.organising_unit_id, *self.participating_unit_ids}

    def check_unit(self, unit_id: uuid.UUID, what: str) -> None:
        if unit_id not in self.units():
            raise Conflict(
                f"{what} {unit_id} is neither the organising unit nor a participating unit of {self.label}",
                field=what,
            )

    @property
    def closed(self) -> bool:
        """The close (or the settlement) has reached this service."""
        return self.status in ("closed", "settled")

    def late(self, today: date) -> bool:
        """Is a contribution recorded ``today`` late, recorded once the close has reached this service and
        its day has come? A close dated ahead (the campaigns service allows it) leaves the campaign
        receiving, nothing late, until its day."""
        return self.closed and (self.closed_on is None or today >= self.closed_on)

    def check_not_cancelled(self) -> None:
        if self.status == "cancelled":
            raise Conflict(
                f"{self.label} was cancelled on {self.closed_on}: nothing is accepted", ledger_status=self.status
            )

    def check_books_open(self) -> None:
        """Contributions are recorded until the campaign is settled or cancelled (409 after)."""
        self.check_not_cancelled()
        if self.status == "settled":
            raise Conflict(
                f"{self.label} was settled on {self.settled_on}: its accounts are final and nothing more is "
                "recorded in them (a transfer that reaches the account later is recorded in the campaign or fund "
                "that took over its remainder)",
                ledger_status=self.status,
                settled_on=self.settled_on,
            )

    def check_accepts(self, received_on: date, today: date) -> bool:
        """May a contribution received on ``received_on`` be recorded now? True: it is *late* (recorded
        after the close took effect: :meth:`late`). Refusals raise 422 (future date) or 409.

        Closing is decided by dates, never by when the close event arrives here (Decree 93: nothing is
        accepted after the committed period, yet money that reached the account must be recorded):

        - ``received_on`` may not lie in the future, and a close date may not lie before today in the
          organisation's clock (the campaigns service refuses it: a close takes effect at the end of its
          date). So a contribution dated after the close date cannot exist before the close event gets
          here: whatever a launched ledger accepts is dated on or before the (future) close date.
        - After the close event, a contribution received on or before ``closed_on`` is still accepted,
          flagged late; one received after it is refused (409).
        - Always within the receiving period (409 outside it). A settled campaign's accounts are final and a
          cancelled campaign accepts nothing (409): a late gift recorded there could be neither distributed
          nor corrected.

        One gap remains: a close dated today, made just before midnight, whose event arrives after
        midnight; a contribution dated the new day and recorded in between is accepted.
        """
        self.check_books_open()
        if received_on > today:
            raise Invalid(f"received_on {received_on} is in the future (today is {today})", field="received_on")
        if self.closed and self.closed_on is not None and received_on > self.closed_on:
            raise Conflict(
                f"{self.label} closed on {self.closed_on}: received_on {received_on} is after the close, "
                "nothing received after it is accepted",
                field="received_on",
                ledger_status=self.status,
                closed_on=self.closed_on,
            )
        if not self.receiving_from <= received_on <= self.receiving_until:
            raise Conflict(
                f"received_on {received_on} is outside the receiving period of {self.label} "
                f"({self.receiving_from} to {self.receiving_until}): nothing is accepted outside it",
                field="received_on",
                receiving_from=self.receiving_from,
                receiving_until=self.receiving_until,
            )
        return self.late(today)

    def check_pledges(self, today: date) -> None:
        """Pledges while the campaign receives: launched, or closed on a date still ahead."""
        receiving = self.status == "launched" or (
            self.status == "closed" and self.closed_on is not None and today < self.closed_on
        )
        if not receiving:
            raise Conflict(f"{self.label} is {self.status}: pledges are only taken while it is launched")

    def check_distributes(self, distributed_on: date, today: date, enforce_deadline: bool, window: Window) -> None:
        """Distributions while launched or closed (not settled or cancelled), up to the deadline, dated
        within ``window`` of today and never in the future."""
        if self.status == "settled":
            raise Conflict(f"{self.label} was settled on {self.settled_on}: no more distributions")
        if self.status == "cancelled":
            raise Conflict(f"{self.label} was cancelled on {self.closed_on}: its contributions are not distributed")
        if distributed_on > today:
            raise Invalid(
                f"distributed_on {distributed_on} is in the future (today is {today})", field="distributed_on"
            )
        window.check("distributed_on", distributed_on, today)
        if distributed_on < self.receiving_from:
            raise Conflict(
                f"distributed_on {distributed_on} is before {self.label} started receiving ({self.receiving_from})",
                field="distributed_on",
            )
        if enforce_deadline and self.distribution_deadline and distributed_on > self.distribution_deadline:
            raise Conflict(
                f"distributed_on {distributed_on} is after the distribution deadline of {self.label} "
                f"({self.distribution_deadline})",
                field="distributed_on",
                distribution_deadline=self.distribution_deadline,
            )

    def check_corrections(self) -> None:
        if self.status == "settled":
            raise Conflict(f"{self.label} was settled on {self.settled_on}: its accounts are final")
