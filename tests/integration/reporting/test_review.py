"""Review reports and annual plans: figures by section against the plan and the previous year, plans
rolled up across the 1 July 2025 reform, plan entry by API and spreadsheet, exports and jobs."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from rc_reporting.domain.model import RoleNames
from rc_reporting.entrypoints.app import build_app
from rc_reporting.entrypoints.review_client import ExportFailed, download_review
from rc_reporting.settings import Settings
from rc_shared import clock
from rc_shared.events.campaigns import BeneficiaryRegistered, BeneficiaryVerified, CampaignLaunched, Targets
from rc_shared.events.donations import DistributionRecorded, DistributionReversed, DonationRecorded, DonationReversed
from rc_shared.events.members import (
    CourseAttendanceRecorded,
    CourseHeld,
    GroupFormed,
    GroupMemberJoined,
    GroupMemberLeft,
    UnitCreated,
    UnitMoved,
)
from tests.integration.reporting.campaign_helpers import Relief, cev, feed_campaigns, lev
from tests.integration.reporting.helpers import ev, feed

pytestmark = pytest.mark.integration


def pdf_text(content: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages))


def extra_activity(s: Relief) -> list[Any]:
    """A blood drive at C3 (2 donations in 2025, 1 in 2024) and Tết gift packages (support kinds) at C1."""
    u = s.tree
    blood, tet_b = uuid.uuid4(), uuid.uuid4()
    donor = uuid.uuid4()
    out: list[Any] = [
        cev(
            CampaignLaunched(
                campaign_id=blood,
                code="HM-2025",
                name="Hiến máu 2025",
                campaign_type="blood_drive",
                organising_unit_id=u.C3,
                receiving_from=date(2024, 6, 1),
                receiving_until=date(2025, 8, 29),
                distribution_deadline=date(2025, 9, 1),
                targets=Targets(blood_units=10),
            ),
        ),
        cev(
            BeneficiaryRegistered(
                beneficiary_id=tet_b, kind="household", unit_id=u.C1, campaign_id=None, household_size=5
            )
        ),
        cev(BeneficiaryVerified(beneficiary_id=tet_b, unit_id=u.C1, verified_on=date(2025, 5, 1))),
    ]
    for i, (on, units) in enumerate(((date(2025, 6, 14), 1), (date(2025, 8, 2), 2), (date(2024, 6, 5), 1))):
        out.append(
            lev(
                DonationRecorded(
                    campaign_id=blood, donation_id=uuid.uuid4(), kind="blood", blood_units=units,
                    donor_id=donor if i < 2 else uuid.uuid4(), donor_type="individual", unit_id=u.C3,
                    channel="other", received_on=on, receipt_no=100 + i,
                )
            )
        )  # fmt: skip
    for qty, people, on in ((10, 10, date(2025, 5, 20)), (4, None, date(2025, 6, 1))):
        out.append(
            lev(
                DistributionRecorded(
                    campaign_id=s.K2, distribution_id=uuid.uuid4(), beneficiary_id=tet_b, kind="cash",
                    amount_vnd=100_000 * qty, unit_id=u.C1, distributed_on=on, support_kind="gift_package",
                    quantity=qty, people_reached=people,
                )
            )
        )  # fmt: skip
    return out


def training(s: Relief) -> list[Any]:
    """Courses: k24 at D2 (2024-11-01: p3 passed); k1 at C1 (2025-03-10: p0 passed, p1 attended, p2 absent);
    k2 at C3 (2025-09-01: p0 passed again). Groups: g1 first-aid team at C1 (2024-05-01: p0 from then, p1
    2024-06-01 to 2025-03-01); g2 club at D1 (2023-01-01: p2), which ends with D1 on 2025-07-01."""
    u, p = s.tree, s.tree.people
    k24, k1, k2, g1, g2 = (uuid.uuid4() for _ in range(5))
    out: list[Any] = [
        ev(CourseHeld(unit_id=u.D2, course_id=k24, title="Sơ cấp cứu", course_kind="first_aid",
                      starts_on=date(2024, 11, 1), ends_on=date(2024, 11, 2))),
        ev(CourseHeld(unit_id=u.C1, course_id=k1, title="Sơ cấp cứu", course_kind="first_aid",
                      starts_on=date(2025, 3, 10), ends_on=date(2025, 3, 12))),
        ev(CourseHeld(unit_id=u.C3, course_id=k2, title="Phòng ngừa thảm họa", course_kind="disaster_preparedness",
                      starts_on=date(2025, 9, 1), ends_on=date(2025, 9, 1))),
        ev(GroupFormed(unit_id=u.C1, group_id=g1, group_type="first_aid_team", formed_on=date(2024, 5, 1))),
        ev(GroupFormed(unit_id=u.D1, group_id=g2, group_type="club", formed_on=date(2023, 1, 1))),
        ev(GroupMemberJoined(person_id=p[0], group_id=g1, unit_id=u.C1, joined_on=date(2024, 5, 1))),
        ev(GroupMemberJoined(person_id=p[1], group_id=g1, unit_id=u.C1, joined_on=date(2024, 6, 1))),
        ev(GroupMemberLeft(person_id=p[1], group_id=g1, unit_id=u.C1, joined_on=date(2024, 6, 1),
                           left_on=date(2025, 3, 1))),
        ev(GroupMemberJoined(person_id=p[2], group_id=g2, unit_id=u.D1, joined_on=date(2023, 1, 1))),
    ]  # fmt: skip
    for course, unit, who, attended, passed in (
        (k24, u.D2, 3, True, True), (k1, u.C1, 0, True, False), (k1, u.C1, 0, True, True),
        (k1, u.C1, 1, True, False), (k1, u.C1, 2, False, False), (k2, u.C3, 0, True, True),
    ):  # fmt: skip
        out.append(ev(CourseAttendanceRecorded(person_id=p[who], course_id=course, unit_id=unit, attended=attended,
                                               passed=passed)))  # fmt: skip
    return out


@pytest.fixture
async def scenario(pool: asyncpg.Pool) -> Relief:
    s = Relief()
    await feed(pool, s.tree.events() + training(s))
    await feed_campaigns(pool, s.events() + extra_activity(s))
    return s


def make_client(pool: asyncpg.Pool, **settings: Any) -> httpx.AsyncClient:
    app = build_app(Settings(**settings), relay=False, consumers=False)
    app.state.runtime.pool = pool
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://reporting")


@pytest.fixture
async def client(pool: asyncpg.Pool) -> AsyncIterator[httpx.AsyncClient]:
    async with make_client(pool) as c:
        yield c


def figures(body: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
    (section,) = [s for s in body["sections"] if s["key"] == key]
    return {f["indicator"]: f for f in section["figures"]}


YEAR = {"period_from": "2025-01-01", "period_to": "2025-12-31"}


async def test_annual_review_of_the_province_by_section_with_previous_year(
    client: httpx.AsyncClient, scenario: Relief
) -> None:
    r = await client.get("/reports/review", params={"unit_id": str(scenario.tree.P), **YEAR})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["unit"]["code"] == "P" and body["plan_year"] == 2025
    assert (body["previous_from"], body["previous_to"]) == ("2024-01-01", "2024-12-31")
    org = figures(body, "organisation")
    assert {k: org[k]["value"] for k in ("members", "new_members", "members_lapsed", "volunteers", "youth")} == {
        "members": 3, "new_members": 1, "members_lapsed": 2, "volunteers": 1, "youth": 1,
    }  # fmt: skip
    assert org["members"]["previous"] == 4 and org["new_members"]["previous"] == 1  # 2024: m2 joined C2
    total = figures(body, "humanitarian")
    # K: 3.0 + 2.0 + 1.5 + 0.5 + 0.7 M cash (d4 reversed) + 0.8 M in kind; K2: 0.4 M cash.
    assert total["cash_raised_vnd"]["value"] == 8_100_000 and total["in_kind_value_vnd"]["value"] == 800_000
    assert total["funds_raised_vnd"]["value"] == 8_900_000 and total["funds_raised_vnd"]["previous"] == 0
    # t1 1.0 M + t2 0.3 M + t3 1.5 M (t4 reversed) + gift packages 1.0 M + 0.4 M
    assert total["support_value_vnd"]["value"] == 4_200_000
    # of which cash: t1, t3 and the gift packages; goods: t2
    assert (total["distributed_cash_vnd"]["value"], total["distributed_goods_vnd"]["value"]) == (3_900_000, 300_000)
    assert total["cash_raised_vnd"]["label"] == "Tiền vận động (tiền mặt, chuyển khoản)"  # transfers too
    # person-times: t1, t2 household of 4 each; t3 a person: 1; gifts: 10 given, then household of 5
    assert total["person_times"]["value"] == 4 + 4 + 1 + 10 + 5
    assert total["beneficiaries"]["value"] == 3
    assert total["support.gift_package"]["value"] == 14 and total["support.gift_package"]["label"] == "Suất quà"
    assert total["support.gift_package"]["measure"] == "suất"  # what the kind is counted in, not "a quantity"
    assert total["campaigns"]["value"] == 2  # K and K2 start in 2025; the blood drive in 2024
    relief = figures(body, "movement:emergency_relief")
    assert relief["emergency_relief.funds_raised_vnd"]["value"] == 8_500_000
    assert (
        relief["emergency_relief.distributed_cash_vnd"]["value"],
        relief["emergency_relief.distributed_goods_vnd"]["value"],
    ) == (2_500_000, 300_000)
    assert relief["emergency_relief.campaigns"]["value"] == 1
    assert (
        relief["emergency_relief.person_times"]["value"] == 9 and "emergency_relief.support.gift_package" not in relief
    )
    tet = figures(body, "movement:tet_nhan_ai")
    assert tet["tet_nhan_ai.support.gift_package"]["value"] == 14 and tet["tet_nhan_ai.person_times"]["value"] == 15
    blood = figures(body, "blood")
    # d8 (2 units by E, in the relief campaign) and the drive's 1 + 2 units by one donor: every blood gift counts
    # in the units, the donations and the donors alike, whatever its campaign (the donations and donors counted
    # the drives' only: 5 units from 2 donations)
    assert (blood["blood_units"]["value"], blood["blood_donations"]["value"], blood["blood_donors"]["value"]) == (
        5,
        3,
        2,
    )
    assert (blood["blood_units"]["previous"], blood["blood_donations"]["previous"]) == (1, 1)
    assert blood["blood_units"]["change_percent"] == 400.0
    train = figures(body, "training")
    # groups on 31 December: g1 (C1) and g2, formed at D1 and the province's since D1's dissolution (its heir)
    assert {k: (train[k]["value"], train[k]["previous"]) for k in train} == {
        "courses": (2, 1), "people_trained": (2, 1), "people_passed": (1, 1), "groups": (2, 2),
        "group_members": (2, 3), "courses.first_aid": (1, 1), "people_trained.first_aid": (2, 1),
        "courses.disaster_preparedness": (1, 0), "people_trained.disaster_preparedness": (1, 0),
    }  # fmt: skip
    assert [u["code"] for u in body["units"]] == ["C1", "C2", "C3"]
    months = {m["month"]: m for m in body["monthly"]}
    assert len(months) == 12 and months["2025-05"]["funds_raised_vnd"] == 3_000_000 + 2_000_000 + 400_000
    assert sum(m["funds_raised_vnd"] for m in body["monthly"]) == 8_900_000


async def test_plans_roll_up_across_the_reform_and_own_targets_win(client: httpx.AsyncClient, scenario: Relief) -> None:
    """2025: D1 and D2 ended on 30 June, C3 took their place under P with its own target; all count once."""
    t = scenario.tree
    for unit, targets in (
        (t.D1, {"new_members": 5, "funds_raised_vnd": 5_000_000}),
        (t.D2, {"new_members": 3}),
        (t.C3, {"new_members": 2, "blood_units": 10}),
        (t.P, {"funds_raised_vnd": 10_000_000}),
    ):
        r = await client.put(f"/plans/{unit}/2025", json={"targets": targets})
        assert r.status_code == 200, r.text
        assert r.json()["targets"] == targets
    plan = (await client.get(f"/plans/{t.P}/2025")).json()
    # new members: C1 and C2, directly under P from July with no target, were under D1 (planned) until then;
    # blood: only C3 planned, C1 and C2 never under a planned unit, so the province has no plan (10 would put
    # its year's blood units at 50 % of a plan of one commune)
    assert plan["rolled_up"] == {"funds_raised_vnd": 10_000_000, "new_members": 10}
    body = (await client.get("/reports/review", params={"unit_id": str(t.P), **YEAR})).json()
    org = figures(body, "organisation")
    assert (org["new_members"]["plan"], org["new_members"]["percent_of_plan"]) == (10, 10.0)
    total = figures(body, "humanitarian")
    assert (total["funds_raised_vnd"]["plan"], total["funds_raised_vnd"]["percent_of_plan"]) == (10_000_000, 89.0)
    blood = figures(body, "blood")["blood_units"]
    assert (blood["plan"], blood["percent_of_plan"]) == (None, None)
    # the district's own review of its half year: its plan, its flows while it existed
    d1 = (
        await client.get("/reports/review", params={"unit_id": str(t.D1), "period_from": "2025-01-01",
                                                    "period_to": "2025-06-30"})
    ).json()  # fmt: skip
    assert figures(d1, "organisation")["new_members"]["plan"] == 5
    # the province's six-month review is measured against its plan of the year, not of its half's tree
    h1 = (
        await client.get("/reports/review", params={"unit_id": str(t.P), "period_from": "2025-01-01",
                                                    "period_to": "2025-06-30"})
    ).json()  # fmt: skip
    assert figures(h1, "organisation")["new_members"]["plan"] == 10
    # a stock (members, counted on 31 December) is planned over the year-end tree: the ended district's
    # target is not the province's (a flow's is: its new members were the province's too)
    await client.put(f"/plans/{t.D1}/2025", json={"targets": {"new_members": 5, "funds_raised_vnd": 5_000_000,
                                                               "members": 100}})  # fmt: skip
    await client.put(f"/plans/{t.C3}/2025", json={"targets": {"new_members": 2, "blood_units": 10, "members": 40}})
    rolled = (await client.get(f"/plans/{t.P}/2025")).json()["rolled_up"]
    # on 31 December C1 and C2 (under P) have no members target, and D1's is not theirs then: no province plan
    # of members (40, C3's, against the members of all three communes); new members: D1's covered them
    assert "members" not in rolled and rolled["new_members"] == 10
    await client.put(f"/plans/{t.C2}/2025", json={"targets": {"members": 20}})
    await client.put(f"/plans/{t.C1}/2025", json={"targets": {"members": 30}})
    body = (await client.get("/reports/review", params={"unit_id": str(t.P), **YEAR})).json()
    assert figures(body, "organisation")["members"]["plan"] == 30 + 20 + 40
    # the district that ended on 30 June: its stock plan is its tree's on its last day (C1 and C2 were its)
    await client.put(f"/plans/{t.D1}/2025", json={"targets": {"new_members": 5}})
    assert (await client.get(f"/plans/{t.D1}/2025")).json()["rolled_up"]["members"] == 30 + 20
    assert (await client.get(f"/plans/{t.P}/2025")).json()["rolled_up"]["members"] == 30 + 20 + 40
    assert figures(d1, "humanitarian")["funds_raised_vnd"]["value"] == 3_000_000 + 1_500_000 + 400_000
    # PUT replaces: an indicator left out is removed
    await client.put(f"/plans/{t.D1}/2025", json={"targets": {"new_members": 6}})
    assert (await client.get(f"/plans/{t.P}/2025")).json()["rolled_up"]["new_members"] == 11
    assert (await client.get(f"/plans/{t.D1}/2025")).json()["targets"] == {"new_members": 6}


@pytest.mark.parametrize(
    ("targets", "field"),
    [
        ({"new_memberz": 1}, "targets.new_memberz"),
        ({"support.spaceship": 1}, "targets.support.spaceship"),
        ({"new_members": -1}, "targets.new_members"),
        ({"tet_nhan_ai.support.gift_package": 10**16}, "targets.tet_nhan_ai.support.gift_package"),
        ({"blood_units": True}, "targets.blood_units"),
        ({"blood_units": 2.5}, "targets.blood_units"),  # 2.0 is a whole number (rc_shared.api.WHOLE)
    ],
)
async def test_bad_plans_are_refused_and_change_nothing(
    client: httpx.AsyncClient, scenario: Relief, targets: dict[str, int], field: str
) -> None:
    t = scenario.tree
    await client.put(f"/plans/{t.C1}/2025", json={"targets": {"new_members": 1}})
    r = await client.put(f"/plans/{t.C1}/2025", json={"targets": {"new_members": 2, **targets}})
    assert r.status_code == 422, r.text
    assert field in r.text
    assert (await client.get(f"/plans/{t.C1}/2025")).json()["targets"] == {"new_members": 1}
    unknown = await client.put(f"/plans/{uuid.uuid4()}/2025", json={"targets": {"new_members": 1}})
    assert unknown.status_code == 422 and unknown.json()["reason"] == "unknown_unit"
    assert (await client.get(f"/plans/{uuid.uuid4()}/2025")).status_code == 404
    assert (await client.get(f"/plans/{t.C1}/1990")).status_code == 404  # C1 exists from 2020 on


def sheet(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


async def test_plan_spreadsheet_import_all_rows_or_none(client: httpx.AsyncClient, scenario: Relief) -> None:
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    good = sheet([
        ["unit_code", "year", "indicator", "target", "note"],
        ["P.D1", 2025, "new_members", 5, "district wound up on 30 June: still planned for 2025"],
        ["C3", 2025, "tet_nhan_ai.support.gift_package", 100, None],
        ["P", "2025", "funds_raised_vnd", 10_000_000.0, None],
    ])  # fmt: skip
    r = await client.post("/plans/import", content=good, headers={"content-type": xlsx})
    assert r.status_code == 200, r.text
    assert r.json() == {"rows": 3, "targets": 3, "changed": 3}
    plan = (await client.get(f"/plans/{scenario.tree.P}/2025")).json()
    # (D1's new members and C3's gift packages each plan part of the province only: not its plan)
    assert plan["rolled_up"] == {"funds_raised_vnd": 10_000_000}
    assert (await client.get(f"/plans/{scenario.tree.C3}/2025")).json()["targets"] == {
        "tet_nhan_ai.support.gift_package": 100
    }
    again = await client.post("/plans/import", content=good, headers={"content-type": xlsx})
    assert again.json()["changed"] == 0
    bad = sheet([
        ["unit_code", "year", "indicator", "target"],
        ["P.D1", 2025, "new_members", 7],
        ["NOPE", 2025, "new_members", 1],
        ["P", 2025, "flying", 1],
        ["P", 2025, "new_members", "many"],
        ["P", "²⁰²⁵", "new_members", "²"],  # digits to str.isdigit(), not to int(): refused, not a 500
    ])  # fmt: skip
    r = await client.post("/plans/import", content=bad, headers={"content-type": xlsx})
    assert r.status_code == 422, r.text
    assert [row["row"] for row in r.json()["rows"]] == [3, 4, 5, 6]
    assert "no unit with code 'NOPE' in 2025" in r.json()["rows"][0]["message"]
    assert (await client.get(f"/plans/{scenario.tree.D1}/2025")).json()["targets"] == {"new_members": 5}
    junk = await client.post("/plans/import", content=b"not a workbook", headers={"content-type": xlsx})
    assert junk.status_code == 422 and junk.json()["field"] == "file"
    headerless = await client.post("/plans/import", content=sheet([["a", "b"]]), headers={"content-type": xlsx})
    assert headerless.status_code == 422 and "missing: unit_code, year, indicator, target" in headerless.text
    # a district's file combining its communes' gives one target twice: the same value is one target, another
    # value refuses the file naming both rows (the last one silently won: 80, with no word of the 120)
    twice = sheet([
        ["unit_code", "year", "indicator", "target"],
        ["C3", 2025, "new_members", 120],
        ["P.D1", 2025, "new_members", 6],
        ["C3", 2025, "new_members", 80],
        ["P.D1", 2025, "new_members", 6],
    ])  # fmt: skip
    r = await client.post("/plans/import", content=twice, headers={"content-type": xlsx})
    assert r.status_code == 422, r.text
    assert r.json()["rows"] == [
        {"row": 4, "message": "row 2 gives C3 2025 new_members the target 120, this row 80: keep one of them"}
    ]
    assert (await client.get(f"/plans/{scenario.tree.C3}/2025")).json()["targets"] == {
        "tet_nhan_ai.support.gift_package": 100
    }
    same = sheet([["unit_code", "year", "indicator", "target"], ["P.D1", 2025, "new_members", 6],
                  ["P.D1", 2025, "new_members", 6]])  # fmt: skip
    r = await client.post("/plans/import", content=same, headers={"content-type": xlsx})
    assert r.json() == {"rows": 2, "targets": 1, "changed": 1}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period_from": "2025-07-01", "period_to": "2025-06-30"}, "period_from"),
        ({"period_from": "2015-01-01", "period_to": "2025-06-30"}, "period_from"),
        ({"period_to": "2025-13-01"}, "period_to"),
        ({"format": "docx"}, "format"),
    ],
)
async def test_bad_review_requests_answer_422(
    client: httpx.AsyncClient, scenario: Relief, params: dict[str, str], field: str
) -> None:
    r = await client.get("/reports/review", params={"unit_id": str(scenario.tree.P), **YEAR, **params})
    assert r.status_code == 422, r.text
    assert field in r.text


async def test_review_of_a_unit_that_ended_before_the_period_end_is_404(
    client: httpx.AsyncClient, scenario: Relief
) -> None:
    r = await client.get("/reports/review", params={"unit_id": str(scenario.tree.D1), **YEAR})
    assert r.status_code == 404 and "review the unit that took its place" in r.json()["message"]
    r = await client.get("/reports/review", params={"unit_code": "NOPE", **YEAR})
    assert r.status_code == 404


async def test_a_period_that_has_not_ended_counts_up_to_today_and_says_so(
    client: httpx.AsyncClient, scenario: Relief
) -> None:
    """The year "up to 31 December" asked on 2 December printed today's figures under the whole year's title
    (1.9.0); 1.10.0 refused it, a value 1.9.0 accepted (the central integrator's review). It now counts up to
    today and ends today: the same review as asked up to today, its period saying so. A period that has not
    begun has no day to count: refused, naming period_from."""
    today = clock.today()
    unit = {"unit_id": str(scenario.tree.P), "period_from": str(date(today.year, 1, 1))}
    so_far = await client.get("/reports/review", params={**unit, "period_to": str(today)})
    ahead = await client.get("/reports/review", params={**unit, "period_to": str(date(today.year, 12, 31))})
    assert so_far.status_code == ahead.status_code == 200, ahead.text
    assert ahead.json()["period_to"] == str(today) and ahead.json() == so_far.json()
    job = await client.post("/exports/reviews", json={**unit, "period_to": str(today + timedelta(days=1)),
                                                      "format": "csv"})  # fmt: skip
    assert job.status_code == 202, job.text
    for path, send in (("/reports/review", "params"), ("/exports/reviews", "json")):
        ask: dict[str, Any] = {"unit_id": str(scenario.tree.P), "period_from": str(today + timedelta(days=1))}
        r = await (
            client.get(path, params=ask) if send == "params" else client.post(path, json={**ask, "format": "csv"})
        )
        assert r.status_code == 422, r.text
        assert r.json()["field"] == "period_from" and "has not come yet" in r.json()["message"], r.text


async def test_an_organisation_wide_caller_without_a_unit_gets_the_top_of_the_tree(
    client: httpx.AsyncClient, scenario: Relief
) -> None:
    r = await client.get("/reports/review", params=YEAR)
    assert r.status_code == 200, r.text
    assert r.json()["unit"]["code"] == "P"
    r = await client.get("/reports/review", params={"unit_id": str(scenario.tree.P), "unit_code": "P", **YEAR})
    assert r.status_code == 422 and r.json()["field"] == "unit_id"


async def test_a_child_row_counts_only_what_the_unit_did_while_under_the_reviewed_unit(
    client: httpx.AsyncClient, pool: asyncpg.Pool, scenario: Relief
) -> None:
    """A commune X of another province Q moves under P on 1 July: P's review and by-unit report count X's March gift
    nowhere (it was Q's), so X's row must not either (it held the whole year's: the rows did not add up to P's
    total), and Q's figures keep it."""
    s, u = scenario, scenario.tree
    q, x, d0 = uuid.uuid4(), uuid.uuid4(), date(2020, 1, 1)
    await feed(
        pool,
        [
            ev(UnitCreated(unit_id=q, valid_from=d0, code="Q", name="Q", level="province", parent_id=None)),
            ev(UnitCreated(unit_id=x, valid_from=d0, code="X", name="X", level="commune", parent_id=q)),
            ev(UnitMoved(unit_id=x, valid_from=date(2025, 7, 1), parent_id=u.P, level="commune")),
        ],
    )  # fmt: skip
    s.d["x_march"], s.d["x_august"] = uuid.uuid4(), uuid.uuid4()
    before = figures((await client.get("/reports/review", params={"unit_id": str(u.P), **YEAR})).json(), "humanitarian")
    await feed_campaigns(
        pool,
        [
            s._donation("x_march", "cash", x, date(2025, 3, 10), amount=3_000_000),
            s._donation("x_august", "cash", x, date(2025, 8, 10), amount=500_000),
        ],
    )
    body = (await client.get("/reports/review", params={"unit_id": str(u.P), **YEAR})).json()
    total = figures(body, "humanitarian")["funds_raised_vnd"]["value"]
    assert total == before["funds_raised_vnd"]["value"] + 500_000  # August only: X was Q's in March
    (row,) = [r for r in body["units"] if r["code"] == "X"]
    assert row["funds_raised_vnd"] == 500_000
    assert sum(r["funds_raised_vnd"] for r in body["units"]) <= total
    other = (await client.get("/reports/review", params={"unit_id": str(q), **YEAR})).json()
    assert figures(other, "humanitarian")["funds_raised_vnd"]["value"] == 3_000_000
    by_unit = (
        await client.get(
            "/reports/campaigns/by-unit",
            params={"unit_id": str(u.P), "depth": "1", "campaign_id": str(s.K), **YEAR},
        )
    ).json()
    (top,) = by_unit["units"]
    rows = {r["code"]: r for r in top["children"]}
    assert rows["X"]["cash_raised_vnd"] == 500_000
    assert sum(r["cash_raised_vnd"] for r in rows.values()) <= top["cash_raised_vnd"]
    # every top unit at once (an organisation-wide report): X's row under P still only its months under P
    everyone = (
        await client.get("/reports/campaigns/by-unit", params={"depth": "1", "campaign_id": str(s.K), **YEAR})
    ).json()
    tops = {r["code"]: r for r in everyone["units"]}
    assert {r["code"]: r["cash_raised_vnd"] for r in tops["P"]["children"]}["X"] == 500_000
    assert tops["Q"]["cash_raised_vnd"] == 3_000_000
    # X's March gift reversed in August, X under P by then: the reversal is Q's (the gift counted for Q), not P's
    await feed_campaigns(
        pool,
        [
            lev(DonationReversed(campaign_id=s.K, reversal_id=uuid.uuid4(), donation_id=s.d["x_march"], kind="cash",
                                 amount_vnd=3_000_000, unit_id=x, reason="trả lại", reversed_on=date(2025, 8, 20))),
        ],
    )  # fmt: skip
    after = (await client.get("/reports/review", params={"unit_id": str(u.P), **YEAR})).json()
    assert figures(after, "humanitarian")["funds_raised_vnd"]["value"] == total
    other = (await client.get("/reports/review", params={"unit_id": str(q), **YEAR})).json()
    assert figures(other, "humanitarian")["funds_raised_vnd"]["value"] == 0


FLOWS = {
    "humanitarian": ("cash_raised_vnd", "funds_raised_vnd", "support_value_vnd", "distributed_cash_vnd",
                     "person_times"),
    "blood": ("blood_units", "blood_donations"),
}  # fmt: skip


async def test_a_reversal_counts_in_the_period_of_its_day_so_halves_add_up_and_a_filed_half_stays(
    client: httpx.AsyncClient, pool: asyncpg.Pool, scenario: Relief
) -> None:
    """A gift, a blood gift and a distribution of June reversed in July: June's half keeps them (as filed), July's
    half deducts them, and the two halves make the year; the year, where each was reversed within it, has none."""
    s, u = scenario, scenario.tree
    s.d["late"], s.d["late_blood"], s.t["late"], s.donors["F"] = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    h1 = {"unit_id": str(u.P), "period_from": "2025-01-01", "period_to": "2025-06-30"}
    h2 = {"unit_id": str(u.P), "period_from": "2025-07-01", "period_to": "2025-12-31"}
    year = {"unit_id": str(u.P), **YEAR}

    async def values(params: dict[str, str]) -> dict[str, Any]:
        r = await client.get("/reports/review", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        out: dict[str, Any] = {f"{k}.{i}": figures(body, k)[i]["value"] for k, ids in FLOWS.items() for i in ids}
        out["beneficiaries"] = figures(body, "humanitarian")["beneficiaries"]["value"]
        out["blood_donors"] = figures(body, "blood")["blood_donors"]["value"]
        out["monthly_funds"] = sum(m["funds_raised_vnd"] for m in body["monthly"])
        return out

    before = {"h1": await values(h1), "h2": await values(h2), "year": await values(year)}
    await feed_campaigns(
        pool,
        [
            s._donation("late", "cash", u.C1, date(2025, 6, 25), amount=2_000_000),
            s._donation("late_blood", "blood", u.C3, date(2025, 6, 16), blood=1, donor="F"),
            s._distribution("late", "b2", "cash", u.C3, date(2025, 6, 28), 200_000),
        ],
    )
    filed = await values(h1)  # the first half as filed on 30 June
    assert filed["humanitarian.cash_raised_vnd"] == before["h1"]["humanitarian.cash_raised_vnd"] + 2_000_000
    assert filed["blood_donors"] == before["h1"]["blood_donors"] + 1
    assert filed["beneficiaries"] == before["h1"]["beneficiaries"] + 1
    await feed_campaigns(
        pool,
        [
            lev(DonationReversed(campaign_id=s.K, reversal_id=uuid.uuid4(), donation_id=s.d["late"], kind="cash",
                                 amount_vnd=2_000_000, unit_id=u.C1, reason="chuyển khoản bị trả lại",
                                 reversed_on=date(2025, 7, 5))),
            lev(DonationReversed(campaign_id=s.K, reversal_id=uuid.uuid4(), donation_id=s.d["late_blood"],
                                 kind="blood", blood_units=1, donor_id=s.donors["F"], unit_id=u.C3,
                                 reason="ghi nhầm", reversed_on=date(2025, 7, 3))),
            lev(DistributionReversed(campaign_id=s.K, reversal_id=uuid.uuid4(), distribution_id=s.t["late"],
                                     beneficiary_id=s.b["b2"], kind="cash", amount_vnd=200_000, unit_id=u.C3,
                                     reason="ghi nhầm hộ", reversed_on=date(2025, 7, 2))),
        ],
    )  # fmt: skip
    after = {"h1": await values(h1), "h2": await values(h2), "year": await values(year)}
    assert after["h1"] == filed  # a later reversal does not change a filed period
    assert after["year"] == before["year"]  # reversed within the year: as if never given
    # the second half carries the adjustments, on the reversals' days
    assert after["h2"]["humanitarian.cash_raised_vnd"] == before["h2"]["humanitarian.cash_raised_vnd"] - 2_000_000
    assert after["h2"]["humanitarian.support_value_vnd"] == before["h2"]["humanitarian.support_value_vnd"] - 200_000
    assert after["h2"]["humanitarian.person_times"] == before["h2"]["humanitarian.person_times"] - 1  # b2: a person
    assert after["h2"]["blood.blood_units"] == before["h2"]["blood.blood_units"] - 1
    assert after["h2"]["blood.blood_donations"] == before["h2"]["blood.blood_donations"] - 1
    assert after["h2"]["monthly_funds"] == before["h2"]["monthly_funds"] - 2_000_000
    for key in (f"{k}.{i}" for k, ids in FLOWS.items() for i in ids):
        assert after["h1"][key] + after["h2"][key] == after["year"][key], key
    assert after["h1"]["monthly_funds"] + after["h2"]["monthly_funds"] == after["year"]["monthly_funds"]


async def test_csv_export_has_the_json_figures(client: httpx.AsyncClient, scenario: Relief) -> None:
    params = {"unit_code": "P", **YEAR}
    body = (await client.get("/reports/review", params=params)).json()
    r = await client.get("/reports/review", params={**params, "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "review-P-2025-01-01-2025-12-31.csv" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    expected = [(s["key"], f["indicator"], f["value"]) for s in body["sections"] for f in s["figures"]]
    assert [(row["section"], row["indicator"], float(row["value"])) for row in rows] == [
        (k, i, float(v)) for k, i, v in expected
    ]


async def test_large_exports_run_as_jobs_with_progress_and_a_download_link(
    pool: asyncpg.Pool, scenario: Relief
) -> None:
    async with make_client(pool, export_sync_max_units=2) as client:
        params = {"unit_code": "P", **YEAR, "format": "xlsx"}
        r = await client.get("/reports/review", params=params)
        assert r.status_code == 303, r.text
        job_url = r.headers["location"]
        r = await client.post("/exports/reviews", json={"unit_code": "P", **YEAR, "format": "pdf"})
        assert r.status_code == 202, r.text
        assert r.json()["status"] in ("queued", "running") and r.headers["location"].endswith(r.json()["job_id"])
        for url in (job_url, r.headers["location"]):
            for _ in range(600):
                job = (await client.get(url)).json()
                if job["status"] in ("done", "failed"):
                    break
                assert 0 <= job["progress"] < 100
                await asyncio.sleep(0.1)
            assert job["status"] == "done", job
            assert job["progress"] == 100 and job["download"].endswith(f"/exports/{job['job_id']}/file")
            f = await client.get(job["download"])
            assert f.status_code == 200
            assert f.content[:4] in (b"PK\x03\x04", b"%PDF")
        wb = load_workbook(io.BytesIO((await client.get(job_url + "/file")).content), read_only=True)
        assert wb.sheetnames == ["Tong hop", "Don vi", "Theo thang"]
        missing = await client.get(f"/exports/{uuid.uuid4()}")
        assert missing.status_code == 404


async def test_a_job_abandoned_by_a_stopped_process_is_reported_failed_not_running_forever(
    pool: asyncpg.Pool, scenario: Relief
) -> None:
    """A job row whose worker stopped renewing the heartbeat for longer than the lease (its process
    was killed: no task works it) reads as failed, saying so; a job with a live heartbeat does not."""
    abandoned, alive = uuid.uuid4(), uuid.uuid4()
    params = json.dumps({"unit_id": str(scenario.tree.P), **YEAR})
    for job_id, age_s in ((abandoned, 61), (alive, 5)):
        await pool.execute(
            "INSERT INTO rpt_export_jobs (job_id, kind, format, params, status, progress, heartbeat_at)"
            " VALUES ($1, 'review', 'pdf', $2::jsonb, 'running', 40, now() - make_interval(secs => $3))",
            job_id,
            params,
            age_s,
        )
    async with make_client(pool, export_job_lease_s=60) as client:
        gone = (await client.get(f"/exports/{abandoned}")).json()
        assert gone["status"] == "failed" and gone["error"].startswith("interrupted:"), gone
        assert gone["finished_at"] is not None and gone["download"] is None
        assert (await client.get(f"/exports/{abandoned}/file")).status_code == 404
        working = (await client.get(f"/exports/{alive}")).json()
        assert working["status"] == "running" and working["error"] is None, working


async def test_a_running_job_renews_its_heartbeat_until_it_ends(
    pool: asyncpg.Pool, scenario: Relief, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rc_reporting.service_layer import exports
    from rc_reporting.service_layer import review as reviews

    real, started = reviews.review, asyncio.Event()

    async def slow_review(*args: Any, **kwargs: Any) -> Any:
        started.set()
        await asyncio.sleep(1.5)  # a long review: six beats of a 1-second lease
        return await real(*args, **kwargs)

    monkeypatch.setattr(reviews, "review", slow_review)
    period = exports.default_period(date(2025, 1, 1), date(2025, 12, 31), date(2025, 12, 31))
    export = exports.ReviewExport(scenario.tree.P, period, "csv")
    async with pool.acquire() as conn:
        job_id = await exports.create_job(conn, export, 3600)
    created = await pool.fetchval("SELECT heartbeat_at FROM rpt_export_jobs WHERE job_id = $1", job_id)
    st = Settings()
    roles = RoleNames(st.role_volunteer, st.role_youth, st.role_collaborator)
    task = asyncio.ensure_future(exports.run_job(pool.acquire, job_id, export, st.support_kinds, roles, None, 1.0))
    await started.wait()
    await asyncio.sleep(1.0)
    beat = await pool.fetchval("SELECT heartbeat_at FROM rpt_export_jobs WHERE job_id = $1", job_id)
    assert beat > created
    await task
    row = await pool.fetchrow("SELECT status, heartbeat_at FROM rpt_export_jobs WHERE job_id = $1", job_id)
    assert row["status"] == "done"
    await asyncio.sleep(0.5)  # beats stop with the job
    assert (
        await pool.fetchval("SELECT heartbeat_at FROM rpt_export_jobs WHERE job_id = $1", job_id) == row["heartbeat_at"]
    )


async def test_a_job_read_as_interrupted_stays_failed_when_its_slow_worker_ends_after_all(
    pool: asyncpg.Pool, scenario: Relief, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rc_reporting.service_layer import exports
    from rc_reporting.service_layer import review as reviews

    real, started, release = reviews.review, asyncio.Event(), asyncio.Event()

    async def stalled_review(*args: Any, **kwargs: Any) -> Any:
        started.set()
        await release.wait()  # a worker that missed its beats (a stalled process) but lives on
        return await real(*args, **kwargs)

    monkeypatch.setattr(reviews, "review", stalled_review)
    period = exports.default_period(date(2025, 1, 1), date(2025, 12, 31), date(2025, 12, 31))
    export = exports.ReviewExport(scenario.tree.P, period, "csv")
    async with pool.acquire() as conn:
        job_id = await exports.create_job(conn, export, 3600)
    st = Settings()
    roles = RoleNames(st.role_volunteer, st.role_youth, st.role_collaborator)
    task = asyncio.ensure_future(exports.run_job(pool.acquire, job_id, export, st.support_kinds, roles, None, 3600))
    await started.wait()
    await pool.execute("UPDATE rpt_export_jobs SET heartbeat_at = now() - interval '2 hours' WHERE job_id = $1", job_id)
    async with pool.acquire() as conn:
        assert (await exports.job(conn, job_id, 60))["status"] == "failed"
    release.set()
    await task
    row = await pool.fetchrow("SELECT status, error, content FROM rpt_export_jobs WHERE job_id = $1", job_id)
    assert row["status"] == "failed" and row["error"] == exports.INTERRUPTED and row["content"] is None


async def test_replacing_a_template_file_changes_the_layout_without_code_changes(
    pool: asyncpg.Pool, scenario: Relief, tmp_path: Path
) -> None:
    (tmp_path / "review.html").write_text(
        "<!doctype html><html><head><style>{% include 'review.css' %}</style></head><body>"
        "<h1>MẪU BÁO CÁO RIÊNG CỦA TỈNH</h1>"
        "{% for s in review.sections %}<p>{{ s.title }}: {{ s.figures | length }} chỉ tiêu</p>{% endfor %}"
        "</body></html>"
    )
    async with make_client(pool) as default, make_client(pool, report_templates_dir=str(tmp_path)) as custom:
        before = pdf_text(
            (await default.get("/reports/review", params={"unit_code": "P", **YEAR, "format": "pdf"})).content
        )
        after_r = await custom.get("/reports/review", params={"unit_code": "P", **YEAR, "format": "pdf"})
        assert after_r.status_code == 200
        after = PdfReader(io.BytesIO(after_r.content))
        text = pdf_text(after_r.content)
    assert "MẪU BÁO CÁO RIÊNG CỦA TỈNH" in text and "MẪU BÁO CÁO RIÊNG CỦA TỈNH" not in before
    assert "Kết quả công tác Hội" in before and "Kết quả công tác Hội" not in text
    assert "Công tác tổ chức, phát triển hội viên: 9 chỉ tiêu" in text
    # only the stylesheet replaced: the packaged document, in the operator's page size
    (tmp_path / "review.html").unlink()
    (tmp_path / "review.css").write_text("@page { size: A5 landscape; } body { font-size: 7pt; }")
    async with make_client(pool, report_templates_dir=str(tmp_path)) as css_only:
        landscape = PdfReader(
            io.BytesIO(
                (await css_only.get("/reports/review", params={"unit_code": "P", **YEAR, "format": "pdf"})).content
            )
        )
    box = landscape.pages[0].mediabox
    assert float(box.width) > float(box.height) and round(float(box.width)) == 595  # A5 landscape: 210 x 148 mm
    assert len(after.pages) == 1


async def test_the_cli_client_starts_a_job_follows_its_progress_and_writes_the_file(
    client: httpx.AsyncClient, scenario: Relief, tmp_path: Path
) -> None:
    body = (await client.get("/reports/review", params={"unit_code": "P", **YEAR})).json()
    path = await download_review(
        client, "P", date(2025, 1, 1), date(2025, 12, 31), "csv", tmp_path / "p.csv", progress=False
    )
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))
    assert [(r["indicator"], float(r["value"])) for r in rows] == [
        (f["indicator"], float(f["value"])) for s in body["sections"] for f in s["figures"]
    ]
    with pytest.raises(ExportFailed, match="404: no unit with code 'NOPE'"):
        await download_review(client, "NOPE", None, date(2025, 12, 31), "pdf", tmp_path / "x.pdf", progress=False)
    assert not (tmp_path / "x.pdf").exists()


async def test_export_jobs_beyond_the_servers_slots_are_refused_at_once(
    pool: asyncpg.Pool, scenario: Relief, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read access started a detached job per request (GET with Prefer: respond-async, or POST), each a
    review query, a render and a stored file: fifty requests, fifty jobs. A process runs
    RC_EXPORT_JOBS_IN_FLIGHT at once; another is refused (503, Retry-After) and creates nothing; a slot
    freed takes the next one."""
    from rc_reporting.service_layer import review as reviews

    real, release = reviews.review, asyncio.Event()

    async def slow_review(*args: Any, **kwargs: Any) -> Any:
        await release.wait()
        return await real(*args, **kwargs)

    monkeypatch.setattr(reviews, "review", slow_review)
    body = {"unit_code": "P", **YEAR, "format": "csv"}
    async with make_client(pool, export_jobs_in_flight=2) as client:
        before = await pool.fetchval("SELECT count(*) FROM rpt_export_jobs")
        # twenty at once: the slot is taken before the request's first await, so two start, not twenty
        together = await asyncio.gather(*(client.post("/exports/reviews", json=body) for _ in range(20)))
        started = [r for r in together if r.status_code == 202]
        assert len(started) == 2 and {r.status_code for r in together} == {202, 503}, [r.text for r in together]
        refused = await client.post("/exports/reviews", json=body)
        asked = await client.get("/reports/review", params=body, headers={"Prefer": "respond-async"})
        for r in (refused, asked):
            assert r.status_code == 503 and r.headers["Retry-After"] == "30", r.text
            assert "RC_EXPORT_JOBS_IN_FLIGHT" in r.json()["detail"]
        assert await pool.fetchval("SELECT count(*) FROM rpt_export_jobs") == before + 2
        release.set()
        for r in started:
            for _ in range(300):
                if (await client.get(r.headers["location"])).json()["status"] == "done":
                    break
                await asyncio.sleep(0.1)
        for _ in range(50):  # the tasks' done callbacks free the slots
            again = await client.post("/exports/reviews", json=body)
            if again.status_code == 202:
                break
            await asyncio.sleep(0.1)
        assert again.status_code == 202, again.text
