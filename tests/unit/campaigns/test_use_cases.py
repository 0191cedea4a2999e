"""The campaigns use cases' rules, run on the in-memory unit of work (no database, no Kafka).

Each test drives a use case the way a route does (``async with uow``, the use case, ``commit``)
and checks what it stored, what it refused with which error, and which events reached the outbox:
exactly those of a committed unit of work, none of a failed one.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import Any, TypeVar

import pytest

from rc_campaigns.domain.beneficiaries import DuplicateBeneficiary
from rc_campaigns.domain.campaigns import CampaignFilter, Holdings, IllegalTransition
from rc_campaigns.domain.progress import Totals
from rc_campaigns.service_layer import beneficiaries, blood, campaigns
from rc_campaigns.service_layer.policy import Policy
from rc_shared.auth import Forbidden
from rc_shared.errors import Conflict, Invalid, NotFound
from rc_shared.events.campaigns import (
    BeneficiaryRegistered,
    BeneficiaryVerified,
    BloodDonorRegistered,
    BloodSessionScheduled,
    CampaignCancelled,
    CampaignClosed,
    CampaignLaunched,
    CampaignSettled,
    SponsorPaired,
)
from tests.unit.campaigns.fakes import FakeUnitOfWork

TODAY = date(2025, 1, 10)
POLICY = Policy(today=lambda: TODAY)
UNIT = uuid.uuid4()
OTHER_UNIT = uuid.uuid4()
T = TypeVar("T")


async def run(uow: FakeUnitOfWork, use_case: Callable[[FakeUnitOfWork], Awaitable[T]]) -> T:
    """As a route does: the use case in the unit of work, then commit (an error skips the commit)."""
    async with uow:
        out = await use_case(uow)
        await uow.commit()
        return out


def campaign_fields(**over: Any) -> dict[str, Any]:
    return {
        "code": f"C-{uuid.uuid4().hex[:8]}",
        "name": "Tết Nhân ái 2025",
        "description": "",
        "campaign_type": "tet_nhan_ai",
        "organising_unit_id": UNIT,
        "participating_unit_ids": [],
        "receiving_from": date(2025, 1, 1),
        "receiving_until": date(2025, 3, 1),
        "targets": {"cash_vnd": 1_000_000},
        "parent_campaign_id": None,
        **over,
    }


async def new_campaign(uow: FakeUnitOfWork, **over: Any) -> uuid.UUID:
    return await run(uow, lambda u: campaigns.create_campaign(u, campaign_fields(**over)))


async def act(uow: FakeUnitOfWork, campaign_id: uuid.UUID, action: Any, on: date | None = None, **kw: Any) -> None:
    await run(uow, lambda u: campaigns.transition(u, POLICY, campaign_id, action, on, **kw))


async def state_of(uow: FakeUnitOfWork, campaign_id: uuid.UUID) -> str:
    c = await uow.campaigns.get(campaign_id)
    assert c is not None
    return c.state


# ------------------------------------------------------------------ create and edit drafts


async def test_a_new_campaign_is_a_stored_draft_and_publishes_nothing() -> None:
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow, participating_unit_ids=[OTHER_UNIT, OTHER_UNIT])
    c = await uow.campaigns.get(cid)
    assert c is not None and c.state == "draft" and c.participating_unit_ids == [OTHER_UNIT]
    assert uow.commits == 1 and uow.committed == []


async def test_a_duplicate_code_is_a_conflict_naming_the_existing_campaign() -> None:
    uow = FakeUnitOfWork()
    first = await new_campaign(uow, code="TNA-2025")
    with pytest.raises(Conflict) as exc:
        await new_campaign(uow, code="TNA-2025")
    assert exc.value.details == {"campaign_code": "TNA-2025", "campaign_id": str(first)}
    assert list(uow.campaigns.rows) == [first] and uow.commits == 1


async def test_a_parent_must_exist() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(Invalid) as exc:
        await new_campaign(uow, parent_campaign_id=uuid.uuid4())
    assert exc.value.details["field"] == "parent_campaign_id" and uow.campaigns.rows == {}


async def test_a_campaign_cannot_be_its_own_parent_nor_below_its_descendants() -> None:
    uow = FakeUnitOfWork()
    top = await new_campaign(uow)
    middle = await new_campaign(uow, parent_campaign_id=top)
    bottom = await new_campaign(uow, parent_campaign_id=middle)
    with pytest.raises(Invalid, match="its own parent"):
        await run(uow, lambda u: campaigns.update_draft(u, top, {"parent_campaign_id": top}))
    with pytest.raises(Invalid, match="is below this campaign") as exc:
        await run(uow, lambda u: campaigns.update_draft(u, top, {"parent_campaign_id": bottom}))
    assert exc.value.details["field"] == "parent_campaign_id"
    c = await uow.campaigns.get(top)
    assert c is not None and c.parent_campaign_id is None
    # moving the bottom one under the top one is not a cycle
    await run(uow, lambda u: campaigns.update_draft(u, bottom, {"parent_campaign_id": top}))
    assert (await uow.campaigns.ancestors(bottom)) == [bottom, top]


async def test_editing_a_draft_keeps_its_own_code_and_merges_targets() -> None:
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow, code="KEEP", targets={"cash_vnd": 5, "blood_units": 7})
    await run(
        uow,
        lambda u: campaigns.update_draft(u, cid, {"code": "KEEP", "targets": {"blood_units": 9}, "description": None}),
    )
    c = await uow.campaigns.get(cid)
    assert c is not None
    assert (c.code, c.targets.cash_vnd, c.targets.blood_units, c.description) == ("KEEP", 5, 9, "")


async def test_editing_to_another_campaigns_code_is_a_conflict() -> None:
    uow = FakeUnitOfWork()
    await new_campaign(uow, code="TAKEN")
    cid = await new_campaign(uow, code="MINE")
    with pytest.raises(Conflict, match="TAKEN"):
        await run(uow, lambda u: campaigns.update_draft(u, cid, {"code": "TAKEN"}))
    c = await uow.campaigns.get(cid)
    assert c is not None and c.code == "MINE"


async def test_an_edit_that_reverses_the_receiving_period_is_refused() -> None:
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow)
    with pytest.raises(Invalid) as exc:
        await run(uow, lambda u: campaigns.update_draft(u, cid, {"receiving_until": date(2024, 12, 31)}))
    assert exc.value.details["field"] == "receiving_until"
    c = await uow.campaigns.get(cid)
    assert c is not None and c.receiving_until == date(2025, 3, 1)


async def test_only_a_draft_can_be_edited_and_the_conflict_names_what_is_allowed() -> None:
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow)
    await act(uow, cid, "launch")
    with pytest.raises(Conflict) as exc:
        await run(uow, lambda u: campaigns.update_draft(u, cid, {"name": "renamed"}))
    assert exc.value.details == {"state": "launched", "allowed": ["close", "cancel"]}


async def test_an_unknown_campaign_is_not_found() -> None:
    uow = FakeUnitOfWork()
    missing = uuid.uuid4()
    with pytest.raises(NotFound) as exc:
        await act(uow, missing, "launch")
    assert exc.value.details == {"campaign_id": str(missing)}


# ------------------------------------------------------------------ lifecycle


async def test_the_lifecycle_publishes_one_event_per_committed_transition() -> None:
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow)
    await act(uow, cid, "launch", date(2025, 1, 2))
    await act(uow, cid, "close", TODAY)
    await act(uow, cid, "settle", TODAY)  # never ahead of today
    assert [type(e) for e in uow.committed] == [CampaignLaunched, CampaignClosed, CampaignSettled]
    launched, closed, settled = uow.committed
    assert isinstance(launched, CampaignLaunched) and launched.campaign_id == cid
    assert launched.distribution_deadline == date(2025, 3, 21)  # receiving_until + 20 days
    assert isinstance(closed, CampaignClosed) and closed.closed_on == TODAY
    assert isinstance(settled, CampaignSettled) and settled.settled_on == TODAY
    c = await uow.campaigns.get(cid)
    assert c is not None
    assert (c.state, c.launched_on, c.closed_on, c.distribution_deadline) == (
        "settled",
        date(2025, 1, 2),
        TODAY,
        date(2025, 1, 30),
    )


async def test_the_dates_default_to_today_of_the_policy_clock() -> None:
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow)
    await act(uow, cid, "launch")
    await act(uow, cid, "cancel", reason="flood over")
    c = await uow.campaigns.get(cid)
    assert c is not None and (c.launched_on, c.cancelled_on, c.cancel_reason) == (TODAY, TODAY, "flood over")
    cancelled = uow.committed[-1]
    assert isinstance(cancelled, CampaignCancelled) and cancelled.reason == "flood over"


ILLEGAL = [
    ("draft", "close", ["launch", "cancel"]),
    ("draft", "settle", ["launch", "cancel"]),
    ("launched", "launch", ["close", "cancel"]),
    ("launched", "settle", ["close", "cancel"]),
    ("closed", "launch", ["settle"]),
    ("closed", "cancel", ["settle"]),
    ("settled", "cancel", []),
    ("cancelled", "launch", []),
]


async def _in_state(uow: FakeUnitOfWork, state: str) -> uuid.UUID:
    cid = await new_campaign(uow)
    path = {
        "draft": [],
        "launched": ["launch"],
        "closed": ["launch", "close"],
        "settled": ["launch", "close", "settle"],
        "cancelled": ["cancel"],
    }[state]
    for action in path:
        await act(uow, cid, action)
    return cid


@pytest.mark.parametrize(("state", "action", "allowed"), ILLEGAL)
async def test_an_illegal_transition_is_a_conflict_naming_the_allowed_actions_and_changes_nothing(
    state: str, action: str, allowed: list[str]
) -> None:
    uow = FakeUnitOfWork()
    cid = await _in_state(uow, state)
    published = list(uow.committed)
    with pytest.raises(IllegalTransition) as exc:
        # a date far outside every window: the state is checked first (409, not 422)
        await act(uow, cid, action, TODAY + timedelta(days=3650))
    assert exc.value.details == {"state": state, "action": action, "allowed": allowed}
    assert await state_of(uow, cid) == state
    assert uow.committed == published and uow.pending == []


@pytest.mark.parametrize(
    ("action", "field", "days"),
    [("launch", "launched_on", 31), ("launch", "launched_on", -91), ("close", "closed_on", 31)],
)
async def test_a_transition_date_outside_its_window_is_invalid_and_publishes_nothing(
    action: str, field: str, days: int
) -> None:
    uow = FakeUnitOfWork()
    cid = await _in_state(uow, "launched" if action == "close" else "draft")
    published = len(uow.committed)
    with pytest.raises(Invalid) as exc:
        await act(uow, cid, action, TODAY + timedelta(days=days))
    assert exc.value.details["field"] == field
    assert len(uow.committed) == published and uow.pending == []


async def test_a_backdated_close_says_it_cannot_be_backdated() -> None:
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow)
    await act(uow, cid, "launch", date(2025, 1, 2))
    with pytest.raises(Invalid, match="cannot be backdated") as exc:
        await act(uow, cid, "close", TODAY - timedelta(days=1))
    assert exc.value.details == {"field": "closed_on", "earliest": TODAY}
    assert await state_of(uow, cid) == "launched"


async def test_a_receiving_period_longer_than_decree_93_allows_cannot_be_launched() -> None:
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow, receiving_from=date(2025, 1, 1), receiving_until=date(2025, 4, 1))  # 91 days
    with pytest.raises(Invalid) as exc:
        await act(uow, cid, "launch")
    assert exc.value.details["days"] == 91 and exc.value.details["max_days"] == 90
    assert await state_of(uow, cid) == "draft" and uow.committed == []


async def test_the_receiving_period_is_counted_from_a_call_made_before_it_starts() -> None:
    """Decree 93/2021: at most 90 days from the call. A call on 1 December for 1 January to 31 March
    (90 days on its own) is 121 days from the call: refused; the same call on 1 January is accepted."""
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow, receiving_from=date(2025, 1, 1), receiving_until=date(2025, 3, 31))
    with pytest.raises(Invalid, match="121 days counted from the call") as exc:
        await act(uow, cid, "launch", date(2024, 12, 1))
    assert exc.value.details["days"] == 121 and exc.value.details["field"] == "receiving_until"
    assert await state_of(uow, cid) == "draft" and uow.committed == []
    await act(uow, cid, "launch", date(2025, 1, 1))
    assert await state_of(uow, cid) == "launched"


async def test_a_call_after_its_receiving_period_ended_is_refused() -> None:
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow, receiving_from=date(2024, 12, 1), receiving_until=date(2025, 1, 5))
    with pytest.raises(Invalid, match="after the receiving period ended") as exc:
        await act(uow, cid, "launch", date(2025, 1, 6))
    assert exc.value.details == {"field": "launched_on"}
    assert await state_of(uow, cid) == "draft" and uow.committed == []


async def test_a_cancellation_is_never_dated_ahead_and_a_launched_ones_never_backdated() -> None:
    uow = FakeUnitOfWork()
    draft = await new_campaign(uow)
    with pytest.raises(Invalid, match="outside the allowed range") as exc:
        await act(uow, draft, "cancel", date(2099, 12, 31))
    assert exc.value.details["field"] == "cancelled_on" and exc.value.details["latest"] == TODAY
    launched = await new_campaign(uow)
    await act(uow, launched, "launch", date(2025, 1, 2))
    with pytest.raises(Invalid, match="cannot be backdated") as exc:
        await act(uow, launched, "cancel", TODAY - timedelta(days=1))
    assert exc.value.details == {"field": "cancelled_on", "earliest": TODAY}
    assert await state_of(uow, draft) == "draft" and await state_of(uow, launched) == "launched"
    await act(uow, draft, "cancel", TODAY - timedelta(days=30))  # a draft's, recorded late
    await act(uow, launched, "cancel", TODAY)
    assert await state_of(uow, draft) == "cancelled" and await state_of(uow, launched) == "cancelled"


async def test_a_campaign_whose_call_is_dated_ahead_can_be_cancelled_today() -> None:
    """Launched with a call dated ahead (up to RC_LAUNCH_DAYS_AHEAD), it is cancelled before the call is
    made: today (a cancellation is never ahead, never before today once launched, and the call is later)."""
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow, receiving_from=TODAY + timedelta(days=10), receiving_until=TODAY + timedelta(days=40))
    await act(uow, cid, "launch", TODAY + timedelta(days=10))
    await act(uow, cid, "cancel", TODAY, reason="bão đã qua")
    c = await uow.campaigns.get(cid)
    assert c is not None and (c.state, c.cancelled_on) == ("cancelled", TODAY)
    launched = await new_campaign(uow)
    await act(uow, launched, "launch", TODAY)
    await act(uow, launched, "cancel", TODAY)  # a call made today: cancelled today
    assert await state_of(uow, launched) == "cancelled"


async def test_a_settle_before_the_close_is_invalid() -> None:
    uow = FakeUnitOfWork()
    cid = await _in_state(uow, "closed")
    with pytest.raises(Invalid) as exc:
        await act(uow, cid, "settle", TODAY - timedelta(days=1))
    assert exc.value.details["field"] == "settled_on"


async def test_a_campaign_holding_money_or_goods_is_settled_only_with_a_note_on_the_remainder() -> None:
    """Once settled, the ledger takes no distribution: 50,000,000 VND settled without a word was money
    nobody could account for, and the campaign left the overdue list. While it holds any, the settlement
    says what is done with it; nothing changes on a refusal."""
    uow = FakeUnitOfWork()
    cid = await _in_state(uow, "closed")
    uow.campaigns.holdings_by_id[cid] = Holdings(cash_vnd=50_000_000, goods_vnd=0)
    with pytest.raises(Conflict, match="still holds 50000000 VND undistributed") as exc:
        await act(uow, cid, "settle", TODAY)
    assert exc.value.details == {"field": "remainder_note", "cash_vnd": 50_000_000, "goods_vnd": 0}
    with pytest.raises(Conflict):
        await act(uow, cid, "settle", TODAY, reason="   ")
    assert await state_of(uow, cid) == "closed"
    await act(uow, cid, "settle", TODAY, reason=" Chuyển số dư sang quỹ cứu trợ (QĐ 12/QĐ-CTĐ), gọi 0912345678 ")
    view = await campaigns.get_campaign(uow.campaigns, POLICY, cid)
    assert view["state"] == "settled"
    assert view["remainder_note"] == "Chuyển số dư sang quỹ cứu trợ (QĐ 12/QĐ-CTĐ), gọi 0912345678"  # staff's own
    # the settlement's event tells the public pages where the remainder went (a phone number masked)
    settled = uow.committed[-1]
    assert isinstance(settled, CampaignSettled)
    assert settled.remainder_note == "Chuyển số dư sang quỹ cứu trợ (QĐ 12/QĐ-CTĐ), gọi •••"
    goods = await _in_state(uow, "closed")
    uow.campaigns.holdings_by_id[goods] = Holdings(goods_vnd=1)
    with pytest.raises(Conflict, match="goods worth 1 VND"):
        await act(uow, goods, "settle", TODAY)
    nothing_left = await _in_state(uow, "closed")
    uow.campaigns.holdings_by_id[nothing_left] = Holdings(cash_vnd=0, goods_vnd=0)
    await act(uow, nothing_left, "settle", TODAY)
    assert (await campaigns.get_campaign(uow.campaigns, POLICY, nothing_left))["remainder_note"] == ""


async def test_a_settlement_is_not_dated_before_the_campaigns_last_distribution() -> None:
    uow = FakeUnitOfWork()
    cid = await _in_state(uow, "closed")
    uow.campaigns.rows[cid].closed_on = TODAY - timedelta(days=10)  # closed ten days ago, distributed until today
    uow.campaigns.holdings_by_id[cid] = Holdings(last_movement_on=TODAY)
    with pytest.raises(Invalid, match=r"before the campaign's last distribution") as exc:
        await act(uow, cid, "settle", TODAY - timedelta(days=1))
    assert exc.value.details == {"field": "settled_on", "earliest": TODAY}
    await act(uow, cid, "settle", TODAY)
    assert await state_of(uow, cid) == "settled"


async def test_events_emitted_in_a_unit_of_work_that_fails_are_never_committed() -> None:
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow)

    async def launch_then_fail(u: FakeUnitOfWork) -> None:
        await campaigns.transition(u, POLICY, cid, "launch", None)
        assert u.pending and isinstance(u.pending[0], CampaignLaunched)  # emitted, not yet committed
        raise RuntimeError("the request failed after the use case")

    with pytest.raises(RuntimeError):
        await run(uow, launch_then_fail)
    assert uow.committed == [] and uow.pending == [] and uow.commits == 1  # only the creation committed


# ------------------------------------------------------------------ queries


async def test_a_campaign_view_has_progress_and_overdue_from_the_policy_clock() -> None:
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow, receiving_from=date(2024, 11, 1), receiving_until=date(2025, 1, 5))
    await act(uow, cid, "launch", date(2024, 11, 1))
    uow.campaigns.totals_by_id[cid] = Totals(cash_vnd=250_000)
    view = await campaigns.get_campaign(uow.campaigns, POLICY, cid)
    assert view["allowed_actions"] == ["close", "cancel"]
    assert view["progress"]["cash_vnd"] == {
        "raised": 250_000,
        "target": 1_000_000,
        "percent": 25.0,
        "target_reached_at": None,
    }
    assert view["overdue"] == {"reason": "receiving_period_ended", "due_on": date(2025, 1, 5), "action": "close"}


async def test_overdue_lists_only_campaigns_of_the_units_asked_for() -> None:
    uow = FakeUnitOfWork()
    mine = await new_campaign(uow, receiving_from=date(2024, 11, 1), receiving_until=date(2025, 1, 5))
    theirs = await new_campaign(
        uow, organising_unit_id=OTHER_UNIT, receiving_from=date(2024, 11, 1), receiving_until=date(2025, 1, 5)
    )
    on_time = await new_campaign(uow)
    for cid in (mine, theirs, on_time):
        await act(uow, cid, "launch", date(2024, 11, 1) if cid != on_time else None)
    everyone = await campaigns.overdue_campaigns(uow.campaigns, POLICY, TODAY)
    assert {r["id"] for r in everyone} == {mine, theirs}
    scoped = await campaigns.overdue_campaigns(uow.campaigns, POLICY, TODAY, within=[UNIT])
    assert [(r["id"], r["days_overdue"]) for r in scoped] == [(mine, 5)]


async def test_a_listing_keeps_the_campaigns_its_filter_and_scope_allow() -> None:
    uow = FakeUnitOfWork()
    mine = await new_campaign(uow)
    joined = await new_campaign(uow, organising_unit_id=OTHER_UNIT, participating_unit_ids=[UNIT])
    theirs = await new_campaign(uow, organising_unit_id=OTHER_UNIT, campaign_type="emergency_relief")
    await act(uow, theirs, "launch")

    async def ids(where: CampaignFilter) -> set[uuid.UUID]:
        return {r["id"] for r in await campaigns.list_campaigns(uow.campaigns, POLICY, where, 100, 0)}

    assert await ids(CampaignFilter()) == {mine, joined, theirs}
    assert await ids(CampaignFilter(unit_id=UNIT)) == {mine, joined}
    assert await ids(CampaignFilter(within=[OTHER_UNIT])) == {joined, theirs}
    assert await ids(CampaignFilter(state="launched")) == {theirs}
    assert await ids(CampaignFilter(campaign_type="emergency_relief", within=[UNIT])) == set()


# ------------------------------------------------------------------ beneficiaries


def beneficiary_fields(**over: Any) -> dict[str, Any]:
    return {
        "kind": "household",
        "unit_id": UNIT,
        "full_name": "Nguyễn Văn An",
        "id_number": None,
        "address": "Số 12, Ấp 3, X. Vĩnh Trạch",
        "commune": "Vĩnh Trạch",
        "household_size": 4,
        "situation": "",
        "notes": "",
        "humanitarian_address": False,
        "campaign_id": None,
        "consent": {"purpose": "relief", "given_on": date(2025, 1, 2)},
        **over,
    }


async def register(uow: FakeUnitOfWork, **over: Any) -> uuid.UUID:
    return await run(uow, lambda u: beneficiaries.register(u, POLICY, beneficiary_fields(**over)))


async def test_a_registration_publishes_no_personal_data() -> None:
    uow = FakeUnitOfWork()
    bid = await register(uow, id_number="012345678901", situation="diabetic")
    [event] = uow.committed
    assert isinstance(event, BeneficiaryRegistered) and event.beneficiary_id == bid
    assert set(event.model_dump()).isdisjoint(beneficiaries.PERSONAL_FIELDS)
    assert event.household_size == 4 and event.unit_id == UNIT


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"consent": {"purpose": "relief", "given_on": TODAY + timedelta(days=1)}}, "consent"),
        ({"kind": "person", "household_size": 2}, "household_size"),
        ({"campaign_id": uuid.uuid4()}, "campaign_id"),
    ],
)
async def test_a_bad_registration_is_invalid_naming_the_field_and_stores_nothing(
    over: dict[str, Any], field: str
) -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(Invalid) as exc:
        await register(uow, **over)
    assert exc.value.details["field"] == field
    assert uow.beneficiaries.rows == {} and uow.committed == []


@pytest.mark.parametrize("state", ["settled", "cancelled"])
async def test_no_beneficiary_joins_a_finished_campaign(state: str) -> None:
    uow = FakeUnitOfWork()
    cid = await _in_state(uow, state)
    published = len(uow.committed)
    with pytest.raises(Conflict) as exc:
        await register(uow, campaign_id=cid)
    assert exc.value.details == {"state": state}
    assert uow.beneficiaries.rows == {} and len(uow.committed) == published


async def test_the_same_id_number_written_differently_in_another_unit_is_a_duplicate() -> None:
    uow = FakeUnitOfWork()
    first = await register(uow, id_number="0123 4567-8901")
    with pytest.raises(DuplicateBeneficiary) as exc:
        await register(
            uow, unit_id=OTHER_UNIT, full_name="Trần Thị Bình", address="elsewhere", id_number="012.345.678.901"
        )
    assert (exc.value.existing_id, exc.value.existing_unit_id, exc.value.by) == (first, UNIT, "id_number")
    assert str(first) not in exc.value.message  # named only to a caller allowed to read it (the route decides)
    assert list(uow.beneficiaries.rows) == [first] and len(uow.committed) == 1


async def test_the_same_name_and_address_with_abbreviations_is_a_duplicate_of_the_same_kind() -> None:
    uow = FakeUnitOfWork()
    first = await register(uow)
    with pytest.raises(DuplicateBeneficiary) as exc:
        await register(uow, full_name="nguyễn  văn an", address="12 ấp 3 xã Vĩnh Trạch", unit_id=OTHER_UNIT)
    assert (exc.value.existing_id, exc.value.by) == (first, "name_and_address")
    # a person (not a household) of that name at that address is another beneficiary
    await register(uow, kind="person", household_size=None)
    # a different tone mark is a different name
    await register(uow, full_name="Nguyễn Văn Ân")
    assert len(uow.beneficiaries.rows) == 3


async def test_verification_rules() -> None:
    uow = FakeUnitOfWork()
    bid = await register(uow)  # consent given on 2 Jan
    for on, match in ((TODAY + timedelta(days=1), "in the future"), (date(2025, 1, 1), "before consent")):
        with pytest.raises(Invalid, match=match):
            await run(uow, lambda u, on=on: beneficiaries.verify(u, POLICY, bid, "staff", on))
    await run(uow, lambda u: beneficiaries.verify(u, POLICY, bid, "staff", date(2025, 1, 2)))
    with pytest.raises(Conflict, match="already verified on 2025-01-02"):
        await run(uow, lambda u: beneficiaries.verify(u, POLICY, bid, "other", TODAY))
    assert [type(e) for e in uow.committed] == [BeneficiaryRegistered, BeneficiaryVerified]
    assert uow.beneficiaries.rows[bid]["verified_by"] == "staff"


def sponsorship(**over: Any) -> dict[str, Any]:
    return {
        "sponsor_type": "organisation",
        "sponsor_name": "Công ty ABC",
        "sponsor_contact": "0901 234 567",
        "start_on": date(2025, 1, 1),
        "end_on": date(2025, 12, 31),
        "commitment": "500,000 VND a month",
        **over,
    }


async def _verified_address(uow: FakeUnitOfWork) -> uuid.UUID:
    bid = await register(uow, humanitarian_address=True)
    await run(uow, lambda u: beneficiaries.verify(u, POLICY, bid, "staff", TODAY))
    return bid


async def test_only_a_verified_humanitarian_address_gets_a_sponsor() -> None:
    uow = FakeUnitOfWork()
    plain = await register(uow)
    with pytest.raises(Conflict, match="not a humanitarian address"):
        await run(uow, lambda u: beneficiaries.add_sponsorship(u, plain, sponsorship()))
    unverified = await register(uow, full_name="Lê Thị Cúc", humanitarian_address=True)
    with pytest.raises(Conflict, match="not verified yet"):
        await run(uow, lambda u: beneficiaries.add_sponsorship(u, unverified, sponsorship()))
    assert uow.beneficiaries.sponsorship_rows == {}


async def test_the_same_sponsor_cannot_sponsor_one_address_twice_in_overlapping_periods() -> None:
    uow = FakeUnitOfWork()
    bid = await _verified_address(uow)
    first = await run(uow, lambda u: beneficiaries.add_sponsorship(u, bid, sponsorship()))
    same_sponsor = sponsorship(sponsor_name="CÔNG TY  ABC", start_on=date(2025, 12, 31), end_on=None)
    with pytest.raises(Conflict) as exc:
        await run(uow, lambda u: beneficiaries.add_sponsorship(u, bid, same_sponsor))
    assert exc.value.details == {"sponsorship_id": str(first["id"])}
    # the day after the first one ends, or another sponsor at the same time: fine
    later = await run(
        uow, lambda u: beneficiaries.add_sponsorship(u, bid, sponsorship(start_on=date(2026, 1, 1), end_on=None))
    )
    assert later["sponsor_id"] == first["sponsor_id"]
    other = await run(uow, lambda u: beneficiaries.add_sponsorship(u, bid, sponsorship(sponsor_contact="other")))
    assert other["sponsor_id"] != first["sponsor_id"]
    paired = [e for e in uow.committed if isinstance(e, SponsorPaired)]
    assert [e.sponsorship_id for e in paired] == [first["id"], later["id"], other["id"]]
    assert {"sponsor_name", "sponsor_contact"}.isdisjoint(paired[0].model_dump())


async def test_a_sponsorship_ending_before_it_starts_is_invalid() -> None:
    uow = FakeUnitOfWork()
    bid = await _verified_address(uow)
    with pytest.raises(Invalid) as exc:
        await run(uow, lambda u: beneficiaries.add_sponsorship(u, bid, sponsorship(end_on=date(2024, 12, 31))))
    assert exc.value.details["field"] == "end_on"


async def test_the_public_list_shows_name_commune_and_support_only() -> None:
    """The name only with the consent to publish it (a purpose of its own); without it, withdrawn, or erased, the
    commune and the support under a label."""
    uow = FakeUnitOfWork()
    cid = await new_campaign(uow)
    consent = {"purpose": "relief", "given_on": date(2025, 1, 2), "publish_name": True}
    bid = await register(uow, campaign_id=cid, id_number="079123456789", consent=consent)
    uow.beneficiaries.support[bid] = {"cash_vnd": 300_000, "goods_value_vnd": 50_000}
    quiet = await register(uow, campaign_id=cid, full_name="Trần Thị Lặng", address="Ấp 9")
    uow.beneficiaries.support[quiet] = {"cash_vnd": 100_000, "goods_value_vnd": 0}
    await register(uow, campaign_id=cid, full_name="Lê Văn Chờ")  # not verified, no support: not named
    assert await beneficiaries.public_list(uow.campaigns, uow.beneficiaries, cid) == []  # a draft: not yet
    await act(uow, cid, "launch")
    listed = await beneficiaries.public_list(uow.campaigns, uow.beneficiaries, cid)
    assert listed == [
        {
            "name": "Nguyễn Văn An",
            "commune": "Vĩnh Trạch",
            "support_received_vnd": 350_000,
            "cash_vnd": 300_000,
            "goods_value_vnd": 50_000,
        },
        {
            "name": "(không công bố tên)",
            "commune": "Vĩnh Trạch",
            "support_received_vnd": 100_000,
            "cash_vnd": 100_000,
            "goods_value_vnd": 0,
        },
    ]
    await run(uow, lambda u: beneficiaries.correct(u, bid, {"publish_name": False}, may_verify=False))
    await run(uow, lambda u: beneficiaries.correct(u, quiet, {"publish_name": True}, may_verify=False))
    listed = await beneficiaries.public_list(uow.campaigns, uow.beneficiaries, cid)
    assert sorted(x["name"] for x in listed) == ["(không công bố tên)", "Trần Thị Lặng"]
    await run(uow, lambda u: beneficiaries.erase(u, quiet))
    listed = await beneficiaries.public_list(uow.campaigns, uow.beneficiaries, cid)
    assert sorted(x["name"] for x in listed) == ["(không công bố tên)", "(ẩn danh theo yêu cầu)"]
    with pytest.raises(NotFound):
        await beneficiaries.public_list(uow.campaigns, uow.beneficiaries, uuid.uuid4())


# ------------------------------------------------------------------ blood drives


async def _blood_drive(uow: FakeUnitOfWork) -> uuid.UUID:
    return await new_campaign(uow, campaign_type="blood_drive", targets={"blood_units": 100})


async def schedule(uow: FakeUnitOfWork, cid: uuid.UUID, **over: Any) -> uuid.UUID:
    kw: dict[str, Any] = {"held_on": date(2025, 2, 1), "place": "Nhà văn hoá", "capacity": 2, "unit_id": None, **over}
    return await run(uow, lambda u: blood.schedule_session(u, cid, **kw))


async def test_sessions_belong_to_open_blood_drives_within_their_period() -> None:
    uow = FakeUnitOfWork()
    relief = await new_campaign(uow)
    with pytest.raises(Conflict) as exc:
        await schedule(uow, relief)
    assert exc.value.details == {"campaign_type": "tet_nhan_ai"}
    drive = await _blood_drive(uow)
    with pytest.raises(Invalid) as bad:
        await schedule(uow, drive, held_on=date(2025, 3, 2))
    assert bad.value.details["field"] == "held_on"
    sid = await schedule(uow, drive)
    [event] = uow.committed
    assert isinstance(event, BloodSessionScheduled) and event.session_id == sid and event.unit_id == UNIT
    await act(uow, drive, "cancel")
    with pytest.raises(Conflict, match="no new sessions"):
        await schedule(uow, drive)
    assert list(uow.blood.session_rows) == [sid]


async def test_a_donor_registers_once_per_session_and_a_full_session_refuses_more() -> None:
    uow = FakeUnitOfWork()
    drive = await _blood_drive(uow)
    sid = await schedule(uow, drive)
    first = await run(uow, lambda u: blood.register_donor(u, sid, donor_ref="BC-0042", blood_group="O+", note=""))
    with pytest.raises(Conflict) as exc:
        await run(uow, lambda u: blood.register_donor(u, sid, donor_ref=" bc-0042 ", blood_group=None, note=""))
    assert exc.value.details == {"registration_id": str(first["id"]), "donor_id": str(first["donor_id"])}
    await run(uow, lambda u: blood.register_donor(u, sid, donor_ref="BC-0043", blood_group=None, note=""))
    with pytest.raises(Conflict, match="full") as full:
        await run(uow, lambda u: blood.register_donor(u, sid, donor_ref="BC-0044", blood_group=None, note=""))
    assert full.value.details == {"registered": 2, "capacity": 2}
    registered = [e for e in uow.committed if isinstance(e, BloodDonorRegistered)]
    assert len(registered) == 2 and registered[0].donor_id == first["donor_id"]
    assert (await blood.get_session(uow.blood, sid))["places_left"] == 0


async def test_registrations_close_with_the_campaign() -> None:
    uow = FakeUnitOfWork()
    drive = await _blood_drive(uow)
    sid = await schedule(uow, drive)
    await act(uow, drive, "launch")
    await act(uow, drive, "close")
    with pytest.raises(Conflict, match="registrations are closed"):
        await run(uow, lambda u: blood.register_donor(u, sid, donor_ref="BC-1", blood_group=None, note=""))
    assert uow.blood.registrations == {}


async def test_who_a_verified_beneficiary_is_is_corrected_only_by_a_role_that_may_verify() -> None:
    """Support goes to verified beneficiaries: a data-entry user rewriting a verified record's name, identity
    number or address would send it to someone nobody verified (403). Notes and circumstances stay theirs to
    correct, and a unit manager corrects the identity; an unverified record is anyone's who may write."""
    uow = FakeUnitOfWork()
    bid = await register(uow)
    await run(uow, lambda u: beneficiaries.correct(u, bid, {"full_name": "Nguyễn Văn Ân"}, may_verify=False))
    await run(uow, lambda u: beneficiaries.verify(u, POLICY, bid, "cán bộ xã", TODAY))
    for change in ({"full_name": "Người Khác"}, {"id_number": "079000000111"}, {"address": "Ấp 9"}):
        with pytest.raises(Forbidden, match="corrected by a role that may verify"):
            await run(uow, lambda u, c=change: beneficiaries.correct(u, bid, c, may_verify=False))
    await run(uow, lambda u: beneficiaries.correct(u, bid, {"notes": "đã chuyển nhà"}, may_verify=False))
    await run(uow, lambda u: beneficiaries.correct(u, bid, {"full_name": "Nguyễn Văn Ấn"}, may_verify=True))
    row = uow.beneficiaries.rows[bid]
    assert (row["full_name"], row["notes"]) == ("Nguyễn Văn Ấn", "đã chuyển nhà")
