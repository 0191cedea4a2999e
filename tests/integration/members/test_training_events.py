"""Groups and courses are published (ids, types, dates, a course's title and kind), in the same
transaction as the rows, for the reporting service's reviews."""

from __future__ import annotations

import json

import asyncpg
import httpx

from tests.integration.members.helpers import person, tree


async def test_a_course_with_its_kind_and_attendance_and_a_group_are_published(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    t = await tree(client)
    pid = await person(client)
    body = {"unit_id": t["branch"], "title": "Sơ cấp cứu ban đầu", "kind": "first_aid", "starts_on": "2024-05-02",
            "ends_on": "2024-05-03"}  # fmt: skip
    course = await client.post("/courses", json=body)
    assert course.status_code == 201, course.text
    assert course.json()["kind"] == "first_aid"
    cid = course.json()["id"]
    att = await client.post(f"/courses/{cid}/attendance", json={"person_id": pid, "attended": True, "passed": True})
    assert att.status_code in (200, 201), att.text
    plain = await client.post("/courses", json={k: v for k, v in body.items() if k != "kind"})
    assert plain.status_code == 201 and plain.json()["kind"] == "other"
    bad = await client.post("/courses", json={**body, "kind": "cooking"})
    assert bad.status_code == 422 and "kind" in bad.text
    group = await client.post(
        "/groups", json={"unit_id": t["branch"], "type": "first_aid_team", "name": "Đội SCC", "formed_on": "2024-01-01"}
    )
    assert group.status_code == 201, group.text
    gid = group.json()["id"]
    joined = await client.post(f"/groups/{gid}/members", json={"person_id": pid, "joined_on": "2024-02-01"})
    assert joined.status_code in (200, 201), joined.text

    rows = await db.fetch(
        "SELECT event_type, key, payload FROM outbox WHERE event_type LIKE 'members.course.%'"
        " OR event_type LIKE 'members.group.%' ORDER BY id"
    )
    mine = [(r["event_type"], r["key"], json.loads(r["payload"])) for r in rows
            if json.loads(r["payload"]).get("course_id") in (cid, plain.json()["id"])
            or json.loads(r["payload"]).get("group_id") == gid]  # fmt: skip
    assert [(e, k) for e, k, _ in mine] == [
        ("members.course.held.v1", cid),
        ("members.course.attendance_recorded.v1", pid),
        ("members.course.held.v1", plain.json()["id"]),
        ("members.group.formed.v1", gid),
        ("members.group.member_joined.v1", pid),
    ]
    held = mine[0][2]
    assert (held["course_kind"], held["unit_id"], held["starts_on"]) == ("first_aid", t["branch"], "2024-05-02")
    assert mine[1][2]["passed"] is True and mine[2][2]["course_kind"] == "other"
    assert "full_name" not in json.dumps([p for _, _, p in mine])  # ids, types and dates only
