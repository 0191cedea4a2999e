"""The organisation tree over HTTP against real PostgreSQL: dated versions and the 2025 restructure."""

from __future__ import annotations

import httpx
import pytest

from tests.integration.members.helpers import person, row_counts, tree, unit

pytestmark = pytest.mark.integration


async def test_2025_restructure_communes_under_province_and_district_dissolved_with_history_kept(
    client: httpx.AsyncClient,
) -> None:
    t = await tree(client)
    r = await client.post(f"/units/{t['commune']}/move", json={"parent_id": t["province"], "valid_from": "2025-07-01"})
    assert r.status_code == 200, r.text
    r = await client.post(f"/units/{t['district']}/dissolve", json={"valid_from": "2025-07-01"})
    assert r.status_code == 200, r.text

    before = (await client.get(f"/units/{t['commune']}", params={"as_of": "2025-06-30"})).json()
    after = (await client.get(f"/units/{t['commune']}", params={"as_of": "2025-07-01"})).json()
    assert [p["id"] for p in before["path"]] == [t["province"], t["district"]]
    assert [p["id"] for p in after["path"]] == [t["province"]]

    kids_2024 = (await client.get(f"/units/{t['province']}/children", params={"as_of": "2024-01-01"})).json()
    kids_2026 = (await client.get(f"/units/{t['province']}/children", params={"as_of": "2026-01-01"})).json()
    assert [k["id"] for k in kids_2024["items"]] == [t["district"]]
    assert [k["id"] for k in kids_2026["items"]] == [t["commune"]]

    districts_2024 = await client.get("/units", params={"as_of": "2024-01-01", "level": "district"})
    districts_2026 = await client.get("/units", params={"as_of": "2026-01-01", "level": "district"})
    assert t["district"] in [u["id"] for u in districts_2024.json()["items"]]
    assert t["district"] not in [u["id"] for u in districts_2026.json()["items"]]

    gone = await client.get(f"/units/{t['district']}", params={"as_of": "2025-07-01"})
    assert gone.status_code == 404
    history = (await client.get(f"/units/{t['commune']}/history")).json()["versions"]
    assert [(v["parent_id"], v["valid_from"], v["valid_to"]) for v in history] == [
        (t["district"], "2023-01-01", "2025-07-01"),
        (t["province"], "2025-07-01", None),
    ]
    district = (await client.get(f"/units/{t['district']}/history")).json()
    assert district["end_reason"] == "dissolved" and district["ended_on"] == "2025-07-01"


async def test_rename_is_dated_and_old_name_shows_for_earlier_dates(client: httpx.AsyncClient) -> None:
    t = await tree(client)
    r = await client.post(f"/units/{t['branch']}/rename", json={"name": "Chi hội mới", "valid_from": "2024-01-01"})
    assert r.status_code == 200, r.text
    old = (await client.get(f"/units/{t['branch']}", params={"as_of": "2023-12-31"})).json()
    new = (await client.get(f"/units/{t['branch']}", params={"as_of": "2024-01-01"})).json()
    assert old["name"] == f"Unit P{t['tag']}-D-C-B" and new["name"] == "Chi hội mới"


async def test_moving_a_unit_under_its_own_descendant_is_409_and_changes_nothing(
    client: httpx.AsyncClient, db: object
) -> None:
    t = await tree(client)
    before = await row_counts(db)  # type: ignore[arg-type]
    r = await client.post(f"/units/{t['district']}/move", json={"parent_id": t["branch"], "valid_from": "2024-01-01"})
    assert r.status_code == 409 and "descendant" in r.json()["message"]
    r = await client.post(f"/units/{t['district']}/move", json={"parent_id": t["district"], "valid_from": "2024-01-01"})
    assert r.status_code == 409
    assert await row_counts(db) == before  # type: ignore[arg-type]


async def test_child_level_not_below_parent_is_409(client: httpx.AsyncClient) -> None:
    t = await tree(client)
    r = await client.post(
        "/units",
        json={
            "code": f"X{t['tag']}",
            "name": "x",
            "level": "province",
            "parent_id": t["district"],
            "valid_from": "2023-01-01",
        },
    )
    assert r.status_code == 409 and "below" in r.json()["message"]


async def test_dissolving_a_unit_with_children_or_members_is_409_unless_told_where_they_go(
    client: httpx.AsyncClient, db: object
) -> None:
    t = await tree(client)
    other = await unit(client, f"P{t['tag']}-D2", "district", t["province"])
    pid = await person(client)
    r = await client.post(f"/people/{pid}/membership", json={"unit_id": t["commune"], "joined_on": "2023-02-01"})
    assert r.status_code == 201, r.text
    before = await row_counts(db)  # type: ignore[arg-type]
    r = await client.post(f"/units/{t['commune']}/dissolve", json={"valid_from": "2024-01-01"})
    assert r.status_code == 409 and "child unit" in r.json()["message"]
    r = await client.post(
        f"/units/{t['commune']}/dissolve", json={"valid_from": "2024-01-01", "reassign_children_to": other}
    )
    assert r.status_code == 409 and "membership" in r.json()["message"]
    assert await row_counts(db) == before  # type: ignore[arg-type]
    new_commune = await unit(client, f"P{t['tag']}-D2-C", "commune", other)
    r = await client.post(
        f"/units/{t['commune']}/dissolve",
        json={"valid_from": "2024-01-01", "reassign_children_to": new_commune, "reassign_members_to": new_commune},
    )
    assert r.status_code == 200, r.text
    p = (await client.get(f"/people/{pid}")).json()
    assert p["memberships"][0]["unit_id"] == new_commune
    branch = (await client.get(f"/units/{t['branch']}", params={"as_of": "2024-01-01"})).json()
    assert branch["parent_id"] == new_commune


async def test_a_dissolved_units_groups_go_to_its_heir_even_without_members_to_move(
    client: httpx.AsyncClient,
) -> None:
    """A branch with a first-aid team and no member is dissolved: its team goes on under the unit it was under
    (the dissolution's heir_unit_id, as the event says), not left on a unit that no longer exists."""
    t = await tree(client)
    body = {"unit_id": t["branch"], "type": "first_aid_team", "name": "Đội SCC", "formed_on": "2023-03-01"}
    group = await client.post("/groups", json=body)
    assert group.status_code == 201, group.text
    r = await client.post(f"/units/{t['branch']}/dissolve", json={"valid_from": "2024-01-01"})
    assert r.status_code == 200, r.text
    assert (await client.get(f"/groups/{group.json()['id']}")).json()["unit_id"] == t["commune"]


async def test_merge_moves_children_memberships_and_roles_and_writes_their_events(
    client: httpx.AsyncClient, db: object
) -> None:
    t = await tree(client)
    target = await unit(client, f"P{t['tag']}-D9", "district", t["province"])
    pid = await person(client)
    assert (
        await client.post(f"/people/{pid}/membership", json={"unit_id": t["district"], "joined_on": "2023-02-01"})
    ).status_code == 201
    r = await client.post(
        f"/people/{pid}/roles", json={"role": "volunteer", "unit_id": t["district"], "start_on": "2023-02-01"}
    )
    assert r.status_code == 201, r.text
    r = await client.post(f"/units/{t['district']}/merge", json={"into_unit_id": target, "valid_from": "2024-06-01"})
    assert r.status_code == 200, r.text
    assert r.json()["end_reason"] == "merged" and r.json()["merged_into"] == target
    commune = (await client.get(f"/units/{t['commune']}", params={"as_of": "2024-06-01"})).json()
    assert commune["parent_id"] == target
    p = (await client.get(f"/people/{pid}")).json()
    assert p["memberships"][0]["unit_id"] == target
    assert [(r["unit_id"], r["end_on"]) for r in p["roles"]] == [(t["district"], "2024-06-01"), (target, None)]
    types = [
        r["event_type"]
        for r in await db.fetch(  # type: ignore[attr-defined]
            "SELECT event_type FROM outbox WHERE key = ANY($1::text[]) ORDER BY id", [t["district"], pid]
        )
    ]
    for expected in (
        "members.membership.transferred.v1",
        "members.role.ended.v1",
        "members.role.assigned.v1",
        "members.unit.merged.v1",
    ):
        assert expected in types
