"""The reporting projection against a real PostgreSQL: events in, rolled-up reports out."""

from __future__ import annotations

import uuid
from datetime import date

import asyncpg
import pytest

from rc_shared.errors import NotFound
from rc_shared.events.members import MembershipStarted, MembershipStatusChanged, RoleAssigned, UnitCreated
from tests.integration.reporting.conftest import PoolFactory
from tests.integration.reporting.helpers import (
    Restructure,
    child,
    ev,
    feed,
    interleave,
    people_first,
    report,
)

pytestmark = pytest.mark.integration


async def test_report_as_of_2024_uses_the_tree_before_the_restructure(pool: asyncpg.Pool) -> None:
    s = Restructure()
    await feed(pool, s.events())

    (top,) = await report(pool, date(2024, 12, 31))

    assert top["unit_id"] == str(s.P) and top["name"] == "Bạc Liêu"
    assert top["units_by_level"] == {"province": 1, "district": 2, "grassroots": 3}
    assert [c["code"] for c in top["children"]] == ["P.D1", "P.D2"]
    assert top["members"] == 4  # m1, m2, m4, m5 (m3 joins in 2025)
    assert child(top, "P.D1")["members"] == 4
    assert child(top, "P.D1")["units_by_level"] == {"district": 1, "grassroots": 2}
    assert child(top, "P.D2")["members"] == 0
    assert (top["volunteers"], top["youth"], top["collaborators"]) == (1, 0, 1)
    assert top["members_joined"] == 1  # m2, in 2024 (default period: the year up to as_of)
    assert top["members_lapsed"] == 0
    assert top["volunteer_hours"] == 2.0


async def test_report_after_the_restructure_puts_communes_under_the_province(pool: asyncpg.Pool) -> None:
    s = Restructure()
    await feed(pool, s.events())

    (top,) = await report(pool, date(2025, 12, 31))

    assert top["name"] == "Cà Mau"
    assert top["units_by_level"] == {"province": 1, "commune": 3}
    assert [c["code"] for c in top["children"]] == ["C1", "C2", "C3"]
    assert child(top, "C3")["name"] == "Phường C3"
    assert top["members"] == 3  # m1 in C1; m3 and m5 in C3
    assert [child(top, c)["members"] for c in ("C1", "C2", "C3")] == [1, 0, 2]
    assert (top["volunteers"], top["youth"], top["collaborators"]) == (1, 1, 0)
    assert top["members_joined"] == 1 and child(top, "C3")["members_joined"] == 1


async def test_lapsed_in_the_period_counts_for_ancestors_even_from_a_dissolved_district(pool: asyncpg.Pool) -> None:
    s = Restructure()
    await feed(pool, s.events())

    (top,) = await report(pool, date(2025, 12, 31))
    assert top["members_lapsed"] == 2  # m2 in C2 (Feb) and m4 in D1 itself (March, D1 gone since July)
    assert child(top, "C2")["members_lapsed"] == 1
    assert child(top, "C1")["members_lapsed"] == 0

    (h1,) = await report(pool, date(2025, 12, 31), period_from=date(2025, 3, 1), period_to=date(2025, 12, 31))
    assert h1["members_lapsed"] == 1  # only m4 falls in March..December

    (d1,) = await report(pool, date(2025, 6, 30), unit_id=s.D1)
    assert d1["members_lapsed"] == 2  # m2 in C2 and m4 in D1, both before July
    assert d1["members"] == 2 and child(d1, "C1")["members"] == 2  # m1 and m5, both in C1


async def test_volunteer_hours_sum_over_the_period_only(pool: asyncpg.Pool) -> None:
    s = Restructure()
    await feed(pool, s.events())

    (top,) = await report(pool, date(2025, 12, 31))
    assert top["volunteer_hours"] == 7.5
    (first_half,) = await report(pool, date(2025, 12, 31), period_from=date(2025, 1, 1), period_to=date(2025, 6, 30))
    assert first_half["volunteer_hours"] == 4.0
    (d1,) = await report(pool, date(2025, 6, 30), unit_id=s.D1, period_from=date(2024, 1, 1))
    assert d1["volunteer_hours"] == 6.0


async def test_transfer_moves_the_member_between_units_on_its_date(pool: asyncpg.Pool) -> None:
    s = Restructure()
    await feed(pool, s.events())

    (before,) = await report(pool, date(2025, 8, 31))
    (after,) = await report(pool, date(2025, 9, 1))

    assert (child(before, "C1")["members"], child(before, "C3")["members"]) == (2, 1)
    assert (child(after, "C1")["members"], child(after, "C3")["members"]) == (1, 2)
    assert before["members"] == after["members"] == 3


async def test_role_ending_on_a_day_no_longer_counts_on_that_day(pool: asyncpg.Pool) -> None:
    s = Restructure()
    await feed(pool, s.events())

    (on_29,) = await report(pool, date(2025, 6, 29))
    (on_30,) = await report(pool, date(2025, 6, 30))
    assert (on_29["collaborators"], on_30["collaborators"]) == (1, 0)
    assert on_29["roles"] == {"collaborator": 1, "volunteer": 1, "youth": 1}


async def test_unknown_unit_or_unit_not_existing_on_as_of_is_not_found(pool: asyncpg.Pool) -> None:
    s = Restructure()
    await feed(pool, s.events())

    with pytest.raises(NotFound, match="does not exist on 2025-07-01 \\(it exists on other dates\\)"):
        await report(pool, date(2025, 7, 1), unit_id=s.D1)
    with pytest.raises(NotFound):
        await report(pool, date(2025, 7, 1), unit_id=uuid.uuid4())
    with pytest.raises(NotFound):  # before the tree existed
        await report(pool, date(2019, 12, 31), unit_id=s.P)
    (d1,) = await report(pool, date(2025, 6, 30), unit_id=s.D1)
    assert d1["unit_id"] == str(s.D1)


async def test_depth_controls_how_many_levels_of_children_are_listed(pool: asyncpg.Pool) -> None:
    s = Restructure()
    await feed(pool, s.events())

    (d0,) = await report(pool, date(2024, 12, 31), depth=0)
    (d2,) = await report(pool, date(2024, 12, 31), depth=2)
    assert d0["children"] == [] and d0["members"] == 4
    assert [c["code"] for c in child(d2, "P.D1")["children"]] == ["C1", "C2"]
    assert child(child(d2, "P.D1"), "C1")["members"] == 2
    assert child(child(d2, "P.D1"), "C1")["children"] == []


async def test_membership_arriving_before_its_unit_gives_the_same_report(new_pool: PoolFactory) -> None:
    s = Restructure()
    in_order, out_of_order = await new_pool(), await new_pool()
    await feed(in_order, s.events())
    await feed(out_of_order, people_first(s.events()))

    for as_of in (date(2024, 12, 31), date(2025, 6, 30), date(2025, 12, 31)):
        assert await report(out_of_order, as_of, depth=3) == await report(in_order, as_of, depth=3)
    (top,) = await report(out_of_order, date(2025, 12, 31))
    assert top["members"] == 3


async def test_redelivered_events_are_ignored(pool: asyncpg.Pool) -> None:
    s = Restructure()
    events = s.events()
    first = await feed(pool, events)
    before = await report(pool, date(2025, 12, 31), depth=3)

    again = await feed(pool, events[5:] + events[:5])

    assert first.applied == len(events) and first.duplicates == 0
    assert again.applied == 0 and again.duplicates == len(events)
    assert await report(pool, date(2025, 12, 31), depth=3) == before


async def test_same_facts_republished_under_new_event_ids_do_not_double_count(pool: asyncpg.Pool) -> None:
    s = Restructure()
    await feed(pool, s.events())
    before = await report(pool, date(2025, 12, 31), depth=3)
    old = await report(pool, date(2024, 12, 31), depth=3)

    # an upstream re-publication (e.g. after an outbox restore): same facts, fresh ids; hours
    # entries keep their entry_id, so they replace rather than add
    republished = [e for e in s.events() if e.type != "members.volunteer.hours_logged.v1"]
    await feed(pool, [ev(e.data) for e in republished])

    assert await report(pool, date(2025, 12, 31), depth=3) == before
    assert await report(pool, date(2024, 12, 31), depth=3) == old


async def test_replaying_every_event_into_a_fresh_database_gives_identical_reports(new_pool: PoolFactory) -> None:
    s = Restructure()
    events = s.events()
    a, b = await new_pool(), await new_pool()
    await feed(a, interleave(events, seed=1), batch=7)
    await feed(b, interleave(events, seed=2), batch=500)

    for as_of in (date(2023, 6, 1), date(2024, 12, 31), date(2025, 7, 1), date(2025, 12, 31)):
        ra, rb = await report(a, as_of, depth=3), await report(b, as_of, depth=3)
        assert ra == rb
    tables = (
        "rpt_unit_versions ORDER BY unit_id, valid_from",
        "rpt_membership_spans ORDER BY membership_id, valid_from",
        "rpt_membership_changes ORDER BY event_id",
        "rpt_role_spans ORDER BY role_id",
        "rpt_volunteer_hours ORDER BY entry_id",
        "rpt_fee_statuses ORDER BY membership_id, year",
    )
    for t in tables:
        async with a.acquire() as ca, b.acquire() as cb:
            assert [dict(r) for r in await ca.fetch(f"SELECT * FROM {t}")] == [
                dict(r) for r in await cb.fetch(f"SELECT * FROM {t}")
            ], t


async def test_unit_versions_are_closed_and_opened_at_valid_from(pool: asyncpg.Pool) -> None:
    s = Restructure()
    await feed(pool, s.events())
    async with pool.acquire() as conn:
        c3 = await conn.fetch(
            "SELECT valid_from, valid_to, name, level, parent_id FROM rpt_unit_versions WHERE unit_id = $1"
            " ORDER BY valid_from",
            s.C3,
        )
        d1 = await conn.fetch("SELECT valid_to, end_reason FROM rpt_unit_versions WHERE unit_id = $1", s.D1)
    # the move and the rename on the same day make one new version, not two
    assert [tuple(r) for r in c3] == [
        (date(2020, 1, 1), date(2025, 7, 1), "C3", "grassroots", s.D2),
        (date(2025, 7, 1), None, "Phường C3", "commune", s.P),
    ]
    assert [tuple(r) for r in d1] == [(date(2025, 7, 1), "dissolved")]


async def test_lapsed_member_reactivated_counts_again_from_the_reactivation(pool: asyncpg.Pool) -> None:
    unit, person, membership = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await feed(
        pool,
        [
            ev(
                UnitCreated(
                    unit_id=unit, valid_from=date(2020, 1, 1), code="X", name="X", level="commune", parent_id=None
                )
            ),
            ev(MembershipStarted(person_id=person, membership_id=membership, unit_id=unit, joined_on=date(2021, 1, 1))),
            ev(
                MembershipStatusChanged(
                    person_id=person,
                    membership_id=membership,
                    unit_id=unit,
                    status="lapsed",
                    effective_on=date(2022, 1, 1),
                )
            ),
            ev(
                MembershipStatusChanged(
                    person_id=person,
                    membership_id=membership,
                    unit_id=unit,
                    status="active",
                    effective_on=date(2023, 1, 1),
                )
            ),
        ],
    )
    counts = [
        (await report(pool, d, depth=0))[0]["members"] for d in (date(2021, 6, 1), date(2022, 6, 1), date(2023, 6, 1))
    ]
    assert counts == [1, 0, 1]


async def test_a_person_with_the_role_in_two_units_counts_once_above_them(pool: asyncpg.Pool) -> None:
    s = Restructure()
    await feed(pool, s.unit_events())
    person = uuid.uuid4()
    await feed(
        pool,
        [
            ev(
                RoleAssigned(
                    person_id=person, role_id=uuid.uuid4(), role="volunteer", unit_id=u, start_on=date(2024, 1, 1)
                )
            )
            for u in (s.C1, s.C3)
        ],
    )
    (top,) = await report(pool, date(2024, 6, 1))
    assert top["volunteers"] == 1
    assert [child(top, c)["volunteers"] for c in ("P.D1", "P.D2")] == [1, 1]


async def test_a_memberships_first_fee_status_counts_for_the_year_it_was_given_for(pool: asyncpg.Pool) -> None:
    """``fee_year`` of members.membership.started.v1: a member who joined in 2021 with their 2024 fee
    paid is paid in 2024 (not in 2021); an event written before the field counts for joined_on's year."""
    unit, people, memberships = uuid.uuid4(), [uuid.uuid4(), uuid.uuid4()], [uuid.uuid4(), uuid.uuid4()]
    created = UnitCreated(
        unit_id=unit, valid_from=date(2020, 1, 1), code="F", name="F", level="commune", parent_id=None
    )
    joined = date(2021, 3, 1)
    await feed(
        pool,
        [
            ev(created),
            ev(
                MembershipStarted(
                    person_id=people[0],
                    membership_id=memberships[0],
                    unit_id=unit,
                    joined_on=joined,
                    fee_status="paid",
                    fee_year=2024,
                )
            ),
            ev(
                MembershipStarted(
                    person_id=people[1], membership_id=memberships[1], unit_id=unit, joined_on=joined, fee_status="paid"
                )
            ),
        ],
    )
    async with pool.acquire() as conn:
        rows = await conn.fetch(
            "SELECT membership_id, year, fee_status FROM rpt_fee_statuses WHERE membership_id = ANY($1::uuid[])",
            memberships,
        )
    assert sorted((r["membership_id"] == memberships[0], r["year"], r["fee_status"]) for r in rows) == [
        (False, 2021, "paid"),
        (True, 2024, "paid"),
    ]
