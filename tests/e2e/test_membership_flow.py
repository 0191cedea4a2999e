"""End to end over HTTP: units and members created in the members service reach the reporting
service through Kafka, rolled up the organisation tree as of a date."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from rc_members.entrypoints.demo import demo_rows, load_demo
from tests.e2e.conftest import System
from tests.e2e.harness import auth, token
from tests.integration.shared.helpers import eventually


async def _post(client: httpx.AsyncClient, path: str, body: dict[str, Any], status: int = 201) -> dict[str, Any]:
    r = await client.post(path, json=body)
    assert r.status_code == status, f"{path}: {r.status_code} {r.text}"
    return r.json()  # type: ignore[no-any-return]


async def _report(reporting: httpx.AsyncClient, **params: str) -> dict[str, Any]:
    r = await reporting.get("/reports/membership", params=params)
    return r.json() if r.status_code == 200 else {}


async def test_units_and_members_created_over_http_roll_up_in_reporting(system: System) -> None:
    consent = {"purpose": "membership records", "given_on": "2024-01-02"}
    async with (
        httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members,
        httpx.AsyncClient(base_url=system.url("reporting"), timeout=30, headers=auth()) as reporting,
    ):
        prov = await _post(
            members, "/units", {"code": "E2E", "name": "Tỉnh E2E", "level": "province", "valid_from": "2024-01-01"}
        )
        dist = await _post(
            members,
            "/units",
            {
                "code": "E2E-D",
                "name": "Huyện E2E",
                "level": "district",
                "parent_id": prov["id"],
                "valid_from": "2024-01-01",
            },
        )
        communes = [
            await _post(
                members,
                "/units",
                {
                    "code": f"E2E-C{i}",
                    "name": f"Xã {i}",
                    "level": "commune",
                    "parent_id": dist["id"],
                    "valid_from": "2024-01-01",
                },
            )
            for i in range(2)
        ]
        people = []
        for i in range(6):
            p = await _post(
                members, "/people", {"full_name": f"Nguyễn Văn {i}", "birth_date": "1990-05-05", "consent": consent}
            )
            await _post(
                members,
                f"/people/{p['id']}/membership",
                {"unit_id": communes[i % 2]["id"], "joined_on": "2024-02-01", "fee_status": "paid"},
            )
            people.append(p)
        await _post(
            members,
            f"/people/{people[0]['id']}/roles",
            {"role": "volunteer", "unit_id": communes[0]["id"], "start_on": "2024-03-01"},
        )
        r = await members.patch(
            f"/people/{people[5]['id']}/membership", json={"status": "lapsed", "effective_on": "2024-06-01"}
        )
        assert r.status_code == 200, r.text

        # The 2025 reform: the district is wound up, its communes move under the province.
        for c in communes:
            await _post(members, f"/units/{c['id']}/move", {"parent_id": prov["id"], "valid_from": "2025-07-01"}, 200)
        await _post(members, f"/units/{dist['id']}/dissolve", {"valid_from": "2025-07-01"}, 200)

        async def rolled_up() -> bool:
            body = await _report(reporting, as_of="2025-08-01", unit_id=prov["id"])
            units = body.get("units") or [{}]
            return units[0].get("units_by_level") == {"province": 1, "commune": 2}

        await eventually(rolled_up, timeout=60, what="reporting to see the reform through Kafka")
        before = (await _report(reporting, as_of="2024-12-31", unit_id=prov["id"], period_from="2024-01-01"))["units"][
            0
        ]
        assert before["units_by_level"] == {"province": 1, "district": 1, "commune": 2}
        assert before["members"] == 5
        assert before["volunteers"] == 1
        assert before["members_joined"] == 6
        assert before["members_lapsed"] == 1
        assert [c["code"] for c in before["children"]] == ["E2E-D"]
        after = (await _report(reporting, as_of="2025-08-01", unit_id=prov["id"]))["units"][0]
        assert after["members"] == 5
        assert sorted(c["code"] for c in after["children"]) == ["E2E-C0", "E2E-C1"]
        assert sorted(c["members"] for c in after["children"]) == [2, 3]


async def test_demo_dataset_report_matches_the_plan_figures(system: System, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RC_API_TOKEN", token())
    counts = load_demo(system.url("members"), progress=False)
    assert counts["members"] == 11_603 and counts["volunteers"] == 2_193
    async with httpx.AsyncClient(base_url=system.url("reporting"), timeout=30, headers=auth()) as reporting:

        async def caught_up() -> bool:
            units = (await _report(reporting, as_of="2023-03-31")).get("units", [])
            bl = [u for u in units if u.get("code") == "BL"]
            return bool(bl) and bl[0]["members"] == 11_603 and bl[0]["volunteers"] == 2_193

        await eventually(caught_up, timeout=120, what="reporting to show the plan's figures")
        units = (await _report(reporting, as_of="2023-03-31"))["units"]
        bl = next(u for u in units if u["code"] == "BL")
        assert bl["units_by_level"] == {"province": 1, "district": 7, "grassroots": 68, "branch": 504}
        assert (bl["members"], bl["volunteers"]) == (11_603, 2_193)
        assert len(bl["children"]) == 7
        assert sum(c["members"] for c in bl["children"]) == 11_603
        # 2023 fees of the active members, each counted once: exactly the statuses of the demo's rows
        expected = {status: 0 for status in ("paid", "unpaid", "exempted")}
        for row in demo_rows():
            if row["membership"] == "yes":
                expected[row["fee_status"]] += 1
        assert sum(expected.values()) == 11_603
        assert bl["fees"] == expected
