"""The campaign aggregate: its lifecycle state machine and the Decree 93/2021 time limits (pure: no I/O).

Lifecycle::

    draft ──launch──▶ launched ──close──▶ closed ──settle──▶ settled
      │                  │
      └──cancel──▶ cancelled ◀──cancel──┘

Decree 93/2021/NĐ-CP: contributions may be received for at most ``max_receiving_days`` (counted
inclusively, receiving_from is day 1) and distribution must be finished within
``distribution_days`` after the receiving period ends. Both numbers come from settings.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from rc_shared.errors import Conflict, Invalid
from rc_shared.events.campaigns import (
    CampaignCancelled,
    CampaignClosed,
    CampaignLaunched,
    CampaignSettled,
    CampaignType,
    TargetKind,
    Targets,
)
from rc_shared.notes import mask_note

State = Literal["draft", "launched", "closed", "settled", "cancelled"]
Action = Literal["launch", "close", "settle", "cancel"]

STATES: tuple[State, ...] = ("draft", "launched", "closed", "settled", "cancelled")
ACTIONS: tuple[Action, ...] = ("launch", "close", "settle", "cancel")

# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[Action, tuple[frozenset[State], State]] = {
    "launch": (frozenset({"draft"}), "launched"),
    "close": (frozenset({"launched"}), "closed"),
    "settle": (frozenset({"closed"}), "settled"),
    "cancel": (frozenset({"draft", "launched"}), "cancelled"),
}


class IllegalTransition(Conflict):
    """An action the campaign's current state does not allow (409)."""


def allowed_actions(state: State) -> list[Action]:
    """The actions allowed from ``state``, in lifecycle order."""
    return [a for a in ACTIONS if state in TRANSITIONS[a][0]]


def next_state(state: State, action: Action) -> State:
    """The state ``action`` leads to from ``state``; IllegalTransition if it is not allowed."""
    sources, target = TRANSITIONS[action]
    if state not in sources:
        allowed = allowed_actions(state)
        options = ", ".join(allowed) if allowed else f"nothing ({state} is final)"
        raise IllegalTransition(
            f"cannot {action} a {state} campaign; allowed from {state}: {options}",
            state=state,
            action=action,
            allowed=list(allowed),
        )
    return target


@dataclass(frozen=True)
class PeriodRules:
    """The configurable Decree 93/2021 limits."""

    max_receiving_days: int = 90
    distribution_days: int = 20

    def check_period(self, receiving_from: date, receiving_until: date, counted_from: str = "") -> None:
        """Invalid (422) when the receiving period is reversed or longer than allowed (``counted_from``:
        what ``receiving_from`` stands for when it is not the period's own start, e.g. the call)."""
        if receiving_until < receiving_from:
            raise Invalid(
                f"receiving_until ({receiving_until.isoformat()}) is before receiving_from "
                f"({receiving_from.isoformat()})",
                field="receiving_until",
            )
        days = receiving_period_days(receiving_from, receiving_until)
        if days > self.max_receiving_days:
            since = f" counted from {counted_from}" if counted_from else ""
            raise Invalid(
                f"the receiving period is {days} days{since} ({receiving_from.isoformat()} to "
                f"{receiving_until.isoformat()}); Decree 93/2021 allows at most {self.max_receiving_days} days",
                field="receiving_until",
                days=days,
                max_days=self.max_receiving_days,
            )

    def distribution_deadline(self, receiving_ended_on: date) -> date:
        """The last day distribution may happen, for a receiving period that ended on the given day."""
        return receiving_ended_on + timedelta(days=self.distribution_days)


def receiving_period_days(receiving_from: date, receiving_until: date) -> int:
    """Days of the receiving period, both ends included (1 Jan to 31 Mar 2023 is 90 days)."""
    return (receiving_until - receiving_from).days + 1


@dataclass(frozen=True)
class Holdings:
    """What a campaign still holds as this service has heard from the donations ledger: cash raised less
    distributed, goods received less distributed (by value), and the last day a distribution (or its
    reversal) was dated."""

    cash_vnd: int = 0
    goods_vnd: int = 0
    last_movement_on: date | None = None


@dataclass
class Campaign:
    """A campaign and its lifecycle; the transition methods return the event to publish."""

    id: uuid.UUID
    code: str
    name: str
    campaign_type: CampaignType
    organising_unit_id: uuid.UUID
    receiving_from: date
    receiving_until: date
    targets: Targets = field(default_factory=Targets)
    participating_unit_ids: list[uuid.UUID] = field(default_factory=list)
    description: str = ""
    parent_campaign_id: uuid.UUID | None = None
    state: State = "draft"
    launched_on: date | None = None
    closed_on: date | None = None
    settled_on: date | None = None
    cancelled_on: date | None = None
    cancel_reason: str = ""
    settle_note: str = ""
    distribution_deadline: date | None = None

    def announces(self, target: TargetKind, on: date | None = None) -> bool:
        """Is reaching ``target`` on ``on`` news (a CampaignTargetReached)? While launched, every target, and
        so before the day of a close dated ahead (the campaign still receives). After the close (closed, then
        settled), only ``beneficiaries``: it is reached by distributions, which follow the close (Decree
        93/2021: within the distribution period) and may reach this service after the settlement; a raising
        target crossed by a gift recorded after the close counts in the figures but announces nothing.
        Cancelled: nothing."""
        receiving = self.state == "closed" and self.closed_on is not None and on is not None and on < self.closed_on
        if self.state == "launched" or receiving:
            return True
        return self.state in ("closed", "settled") and target == "beneficiaries"

    def _move(self, action: Action) -> None:
        self.state = next_state(self.state, action)

    def check_editable(self) -> None:
        if self.state != "draft":
            raise Conflict(
                f"only a draft campaign can be edited; this campaign is {self.state}",
                state=self.state,
                allowed=list(allowed_actions(self.state)),
            )

    def launch(self, on: date, rules: PeriodRules) -> CampaignLaunched:
        """Launch (the call) on ``on``. Decree 93/2021 counts the receiving period from the call: a call
        made before the receiving period starts uses up days of it, and a call after it ended receives
        nothing."""
        next_state(self.state, "launch")  # the state first: a 409 says more than a 422 here
        if on > self.receiving_until:
            raise Invalid(
                f"launched_on ({on.isoformat()}) is after the receiving period ended "
                f"({self.receiving_until.isoformat()}): a call made then could receive nothing; edit the period",
                field="launched_on",
            )
        rules.check_period(self.receiving_from, self.receiving_until)
        if on < self.receiving_from:
            rules.check_period(on, self.receiving_until, counted_from="the call")
        self._move("launch")
        self.launched_on = on
        self.distribution_deadline = rules.distribution_deadline(self.receiving_until)
        return CampaignLaunched(
            campaign_id=self.id,
            code=self.code,
            name=self.name,
            campaign_type=self.campaign_type,
            organising_unit_id=self.organising_unit_id,
            participating_unit_ids=list(self.participating_unit_ids),
            receiving_from=self.receiving_from,
            receiving_until=self.receiving_until,
            distribution_deadline=self.distribution_deadline,
            targets=self.targets,
            parent_campaign_id=self.parent_campaign_id,
        )

    def close(self, on: date, rules: PeriodRules, today: date) -> CampaignClosed:
        """Close at the end of ``on``, which may not lie before ``today`` (the organisation's clock).

        The donations service learns the close date only when this event reaches it; until then it
        accepts any contribution not dated in the future. A close date of today or later means no
        contribution it accepted meanwhile can be dated after the close, so whether a contribution
        counts depends on its date alone (see the donations ledger's ``check_accepts``)."""
        next_state(self.state, "close")
        if on < self.receiving_from:
            raise Invalid(
                f"closed_on ({on.isoformat()}) is before the receiving period starts "
                f"({self.receiving_from.isoformat()}); cancel the campaign instead",
                field="closed_on",
            )
        if self.launched_on is not None and on < self.launched_on:
            raise Invalid(
                f"closed_on ({on.isoformat()}) is before the launch ({self.launched_on.isoformat()})",
                field="closed_on",
            )
        if on < today:
            raise Invalid(
                f"closed_on ({on.isoformat()}) is before today ({today.isoformat()}): a close takes effect at "
                "the end of its date and cannot be backdated (contributions already received up to today "
                "would be dated after it)",
                field="closed_on",
                earliest=today,
            )
        self._move("close")
        self.closed_on = on
        # the receiving period ended on the close, or on its planned end if it was closed late (nothing was
        # accepted after that end: a late close does not give distribution more time)
        self.distribution_deadline = rules.distribution_deadline(min(on, self.receiving_until))
        return CampaignClosed(campaign_id=self.id, closed_on=on, distribution_deadline=self.distribution_deadline)

    def settle(self, on: date, holdings: Holdings | None = None, note: str = "") -> CampaignSettled:
        """Settle (distribution finished) on ``on``: not before the close, nor before the last distribution
        or correction (a distribution's or a gift's reversal) the campaign holds; while money or goods are
        left undistributed (``holdings``), only with a ``note`` saying what is done with them (Decree
        93/2021: contributions go to the stated purpose, and what is left is allotted by decision, not left
        unaccounted). Once settled, the ledger takes no
        distribution, so a remainder settled without a word was money nobody could account for."""
        next_state(self.state, "settle")
        assert self.closed_on is not None
        if on < self.closed_on:
            raise Invalid(
                f"settled_on ({on.isoformat()}) is before the campaign closed ({self.closed_on.isoformat()})",
                field="settled_on",
            )
        held = holdings or Holdings()
        if held.last_movement_on is not None and on < held.last_movement_on:
            raise Invalid(
                f"settled_on ({on.isoformat()}) is before the campaign's last distribution or correction "
                f"({held.last_movement_on.isoformat()}): its accounts could not be final on that day",
                field="settled_on",
                earliest=held.last_movement_on,
            )
        if (held.cash_vnd > 0 or held.goods_vnd > 0) and not note.strip():
            raise Conflict(
                f"the campaign still holds {held.cash_vnd} VND undistributed and goods worth {held.goods_vnd} VND: "
                "distribute them, or settle with a remainder_note saying what is done with them (the decision "
                "that allots them)",
                field="remainder_note",
                cash_vnd=held.cash_vnd,
                goods_vnd=held.goods_vnd,
            )
        self._move("settle")
        self.settled_on = on
        self.settle_note = note.strip()
        # (published: on the public pages, with any phone, identity or account number masked)
        return CampaignSettled(campaign_id=self.id, settled_on=on, remainder_note=mask_note(self.settle_note) or "")

    def cancel(self, on: date, reason: str = "", today: date | None = None) -> CampaignCancelled:
        """Cancel on ``on``. A launched campaign's cancellation is not backdated before ``today`` (the
        organisation's clock), as a close is not: the ledger refuses everything from the moment it hears
        of it, and contributions received up to today would be dated after it."""
        next_state(self.state, "cancel")
        # a call dated ahead (launched_on after today) is still to come: cancelled before it is made, as a
        # draft is (its launch date is ahead of any date a cancellation may take)
        call_ahead = self.launched_on is not None and today is not None and self.launched_on > today
        if self.state == "launched" and today is not None and on < today:
            raise Invalid(
                f"cancelled_on ({on.isoformat()}) is before today ({today.isoformat()}): a launched campaign's "
                "cancellation cannot be backdated (contributions already received up to today would be dated "
                "after it)",
                field="cancelled_on",
                earliest=today,
            )
        if self.launched_on is not None and on < self.launched_on and not call_ahead:
            raise Invalid(
                f"cancelled_on ({on.isoformat()}) is before the launch ({self.launched_on.isoformat()})",
                field="cancelled_on",
            )
        self._move("cancel")
        self.cancelled_on = on
        self.cancel_reason = reason
        # (the reason leaves the service: phone, identity and account numbers masked)
        return CampaignCancelled(campaign_id=self.id, cancelled_on=on, reason=mask_note(reason) or "")


OverdueReason = Literal["receiving_period_ended", "distribution_deadline_passed"]
OverdueAction = Literal["close", "settle"]  # what an overdue campaign is waiting for


@dataclass(frozen=True)
class Overdue:
    reason: OverdueReason
    action: OverdueAction
    due_on: date
    days_overdue: int


def overdue(
    state: State,
    receiving_until: date,
    closed_on: date | None,
    as_of: date,
    rules: PeriodRules,
) -> Overdue | None:
    """Why a campaign is overdue on ``as_of``, if it is.

    A launched campaign is overdue once ``as_of`` is after receiving_until (it should be closed:
    nothing may be accepted after the period). A closed campaign is overdue once ``as_of`` is after
    its receiving period's end (closed_on, or receiving_until if it was closed later) + distribution_days
    (it should be settled). The due day itself is not overdue.
    """
    if state == "launched" and as_of > receiving_until:
        return Overdue("receiving_period_ended", "close", receiving_until, (as_of - receiving_until).days)
    if state == "closed" and closed_on is not None:
        deadline = rules.distribution_deadline(min(closed_on, receiving_until))
        if as_of > deadline:
            return Overdue("distribution_deadline_passed", "settle", deadline, (as_of - deadline).days)
    return None


_MARKS = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """A text as searched, as the database's ``rc_fold`` makes it: diacritics removed (NFD, combining
    marks dropped), đ/Đ → d, lower case, whitespace collapsed. "Tết Nhân ái" → "tet nhan ai"."""
    plain = _MARKS.sub("", unicodedata.normalize("NFD", text)).translate(str.maketrans("đĐ", "dD"))
    return " ".join(plain.lower().split())


def campaign_query(q: str, of: str = "the code or name") -> str:
    """A fragment of a campaign's code or name (or of ``of``) to search for: NFC, whitespace collapsed; at
    least one letter or digit, no control characters (Invalid naming ``q``)."""
    text = " ".join(unicodedata.normalize("NFC", q).split())
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        raise Invalid("q must not contain control characters", field="q")
    if not any(ch.isalnum() for ch in text):
        raise Invalid(f"q must contain at least one letter or digit of {of}", field="q")
    return text


@dataclass(frozen=True)
class CampaignFilter:
    """Which campaigns a listing asks for (``None``: any). ``unit_id``: organising or participating;
    ``within``: only campaigns organised by, or with a participating unit among, these units."""

    state: str | None = None
    campaign_type: str | None = None
    unit_id: uuid.UUID | None = None
    parent_campaign_id: uuid.UUID | None = None
    within: Sequence[uuid.UUID] | None = None
    q: str | None = None  # a fragment of the code or name (diacritics and case folded)

    def matches(self, c: Campaign) -> bool:
        units = {c.organising_unit_id, *c.participating_unit_ids}
        return (
            (self.q is None or fold(self.q) in fold(f"{c.code} {c.name}"))
            and (self.state is None or c.state == self.state)
            and (self.campaign_type is None or c.campaign_type == self.campaign_type)
            and (self.unit_id is None or self.unit_id in units)
            and (self.parent_campaign_id is None or c.parent_campaign_id == self.parent_campaign_id)
            and (self.within is None or not units.isdisjoint(self.within))
        )
