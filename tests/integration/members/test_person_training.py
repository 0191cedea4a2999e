"""A person's training over HTTP against real PostgreSQL: recorded, read with the person, published
without its text, scoped like the person's other records, and its certificate number erased with them."""

from __future__ import annotations

import json

import asyncpg
import httpx
import pytest

from tests.integration.members.helpers import bearer, person, row_counts, tree

pytestmark = pytest.mark.integration


async def test_training_is_recorded_read_with_the_person_and_published_with_ids_kind_dates_and_hours(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    t = await tree(client)
    pid = await person(client)
    body = {"kind": "first_aid", "title": "  Sơ cấp cứu ban đầu ", "completed_on": "2024-05-10", "hours": 16.5,
            "unit_id": t["commune"], "provider": "Trung tâm Huấn luyện SCC",
            "certificate_no": "SCC-2024/015"}  # fmt: skip
    r = await client.post(f"/people/{pid}/training", json=body)
    assert r.status_code == 201, r.text
    first = r.json()
    assert (first["person_id"], first["kind"], first["completed_on"], first["hours"]) == (
        pid,
        "first_aid",
        "2024-05-10",
        16.5,
    )
    later = {"kind": "blood_donation", "completed_on": "2024-09-02", "hours": 4, "unit_id": t["branch"]}
    r = await client.post(f"/people/{pid}/training", json=later)
    assert r.status_code == 201, r.text
    second = r.json()["id"]

    view = (await client.get(f"/people/{pid}")).json()
    assert view["training"] == [
        {"id": second, "kind": "blood_donation", "title": None, "completed_on": "2024-09-02", "hours": 4.0,
         "unit_id": t["branch"], "unit_code": f"P{t['tag']}-D-C-B", "unit_name": f"Unit P{t['tag']}-D-C-B",
         "provider": None, "certificate_no": None},
        {"id": first["id"], "kind": "first_aid", "title": "Sơ cấp cứu ban đầu", "completed_on": "2024-05-10",
         "hours": 16.5, "unit_id": t["commune"], "unit_code": f"P{t['tag']}-D-C", "unit_name": f"Unit P{t['tag']}-D-C",
         "provider": "Trung tâm Huấn luyện SCC", "certificate_no": "SCC-2024/015"},
    ]  # fmt: skip

    rows = await db.fetch(
        "SELECT key, payload FROM outbox WHERE event_type = 'members.training.recorded.v1' ORDER BY id"
    )
    mine = [(r["key"], json.loads(r["payload"])) for r in rows if json.loads(r["payload"])["person_id"] == pid]
    assert [k for k, _ in mine] == [pid, pid]
    assert mine[0][1] == {
        "person_id": pid,
        "training_id": first["id"],
        "unit_id": t["commune"],
        "course_kind": "first_aid",
        "completed_on": "2024-05-10",
        "hours": 16.5,
    }
    assert "SCC" not in json.dumps([p for _, p in mine])  # no title, provider or certificate

    before = await row_counts(db)
    again = await client.post(f"/people/{pid}/training", json={**body, "completed_on": "2024-06-01"})
    assert again.status_code == 409 and "certificate SCC-2024/015 is already recorded" in again.text
    assert await row_counts(db) == before


async def test_a_persons_view_lists_the_courses_they_attended(client: httpx.AsyncClient) -> None:
    t = await tree(client)
    pid = await person(client)
    assert (await client.get(f"/people/{pid}")).json()["courses"] == []
    course = {"unit_id": t["district"], "title": "Ứng phó thảm hoạ", "kind": "disaster_preparedness",
              "starts_on": "2024-03-01", "ends_on": "2024-03-03"}  # fmt: skip
    cid = (await client.post("/courses", json=course)).json()["id"]
    r = await client.post(f"/courses/{cid}/attendance", json={"person_id": pid, "attended": True, "passed": True})
    assert r.status_code == 200, r.text
    assert (await client.get(f"/people/{pid}")).json()["courses"] == [
        {"course_id": cid, "title": "Ứng phó thảm hoạ", "kind": "disaster_preparedness", "unit_id": t["district"],
         "unit_code": f"P{t['tag']}-D", "unit_name": f"Unit P{t['tag']}-D", "starts_on": "2024-03-01",
         "ends_on": "2024-03-03", "attended": True, "passed": True},
    ]  # fmt: skip


async def test_erasure_clears_the_certificate_number_and_keeps_the_training(client: httpx.AsyncClient) -> None:
    t = await tree(client)
    pid = await person(client)
    body = {"kind": "staff", "completed_on": "2024-01-15", "hours": 40, "unit_id": t["commune"],
            "certificate_no": "CB-77"}  # fmt: skip
    assert (await client.post(f"/people/{pid}/training", json=body)).status_code == 201
    assert (await client.delete(f"/people/{pid}/personal-data")).status_code == 200
    [kept] = (await client.get(f"/people/{pid}")).json()["training"]
    assert (kept["kind"], kept["hours"], kept["certificate_no"]) == ("staff", 40.0, None)
    # a certificate's number leads back to the person: none is stored again once their data is erased
    again = await client.post(f"/people/{pid}/training", json=body | {"certificate_no": "CB-78"})
    assert again.status_code == 409, again.text
    assert "erased" in again.json()["message"], again.json()
    assert [t["certificate_no"] for t in (await client.get(f"/people/{pid}")).json()["training"]] == [None]
    without = await client.post(
        f"/people/{pid}/training", json={k: v for k, v in body.items() if k != "certificate_no"}
    )
    assert without.status_code == 201, without.text  # the training itself, without what identifies them


async def test_training_is_recorded_by_writers_of_the_persons_unit_in_a_unit_of_their_scope(
    client: httpx.AsyncClient, authed: tuple[httpx.AsyncClient, bytes], db: asyncpg.Connection
) -> None:
    t = await tree(client)
    other = await tree(client)
    pid = await person(client, unit_id=t["commune"])
    api, key = authed
    body = {"kind": "community_health", "completed_on": "2024-02-01", "hours": 6, "unit_id": t["branch"]}
    before = await row_counts(db)
    refused = [
        (bearer(key, "viewer", t["commune"]), body, 403),  # a viewer may not write
        (bearer(key, "data_entry", other["commune"]), body, 403),  # another commune's person
        (bearer(key, "data_entry", t["commune"]), {**body, "unit_id": other["branch"]}, 403),  # a unit out of scope
    ]
    for headers, sent, status in refused:
        r = await api.post(f"/people/{pid}/training", json=sent, headers=headers)
        assert r.status_code == status, r.text
    assert await row_counts(db) == before
    r = await api.post(f"/people/{pid}/training", json=body, headers=bearer(key, "data_entry", t["commune"]))
    assert r.status_code == 201, r.text
    seen = await api.get(f"/people/{pid}", headers=bearer(key, "viewer", t["commune"]))
    assert [x["id"] for x in seen.json()["training"]] == [r.json()["id"]]
