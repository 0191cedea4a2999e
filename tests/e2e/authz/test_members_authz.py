"""Authorization of the members service: every endpoint × every role × in/out of scope, no token.

Resources live in ``scene.home_leaf`` (a commune under the HOME district); they are created through
the API as an organisation-wide admin. A request that changes its target (rename, move, merge,
dissolve, erasure, a membership's status, a transfer...) gets a fresh target for every caller, so
each allowed caller must get the route's own success status; targets that a request leaves as they
were are made once and cached in ``scene.cache``. The expected answers are the table ``ROWS``
below; the policy it checks is in ``rc_members.entrypoints.access``.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from rc_shared import clock
from rc_shared.auth import generate_keys, mint
from tests.e2e.authz.common import Body, Row, Scene, assert_table_covers, run_table
from tests.e2e.harness import AUDIENCE, ISSUER, auth, auth_keys

pytestmark = pytest.mark.e2e

TODAY = clock.today().isoformat()
SINCE = "2020-06-01"  # the scene's units exist from 2020-01-01
Built = tuple[str, Body, dict[str, str]]
CONSENT = {"purpose": "membership records", "given_on": SINCE}


def _ok(r: httpx.Response) -> dict[str, Any]:
    assert r.status_code in (200, 201), f"{r.request.method} {r.request.url}: {r.status_code} {r.text}"
    return r.json()  # type: ignore[no-any-return]


def _tag() -> str:
    return uuid.uuid4().hex[:10].upper()


def unit_body(parent: uuid.UUID | str | None, level: str = "grassroots") -> dict[str, Any]:
    tag = _tag()
    return {
        "code": f"AZ-{tag}",
        "name": f"Chi hội {tag}",
        "level": level,
        "parent_id": str(parent) if parent else None,
        "valid_from": SINCE,
    }


def person_body(unit: uuid.UUID | str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"full_name": f"Lê Văn {_tag()}", "birth_date": "1990-05-05", "consent": CONSENT}
    if unit is not None:
        body["unit_id"] = str(unit)
    return body


async def fresh_unit(scene: Scene, parent: uuid.UUID) -> str:
    async with scene.client("members") as c:
        return str(_ok(await c.post("/units", json=unit_body(parent)))["id"])


async def child(scene: Scene, parent: uuid.UUID, name: str) -> str:
    """A grassroots unit under ``parent``, made once per name."""
    key = f"members:unit:{name}:{parent}"
    if key not in scene.cache:
        scene.cache[key] = await fresh_unit(scene, parent)
    return str(scene.cache[key])


async def unit_code(scene: Scene, unit: uuid.UUID) -> str:
    key = f"members:code:{unit}"
    if key not in scene.cache:
        async with scene.client("members") as c:
            scene.cache[key] = _ok(await c.get(f"/units/{unit}"))["code"]
    return str(scene.cache[key])


async def new_person(scene: Scene, unit: uuid.UUID, member: bool = True, volunteer: bool = False) -> str:
    """A new person registered by ``unit`` (a member of it, a volunteer there)."""
    async with scene.client("members") as c:
        pid = str(_ok(await c.post("/people", json=person_body(unit)))["id"])
        if member:
            _ok(await c.post(f"/people/{pid}/membership", json={"unit_id": str(unit), "joined_on": SINCE}))
        if volunteer:
            body = {"role": "volunteer", "unit_id": str(unit), "start_on": SINCE}
            _ok(await c.post(f"/people/{pid}/roles", json=body))
    return pid


async def person(scene: Scene, unit: uuid.UUID, name: str, member: bool = True, volunteer: bool = False) -> str:
    """:func:`new_person`, made once per name (for requests that leave the person as they were)."""
    key = f"members:person:{name}:{unit}"
    if key not in scene.cache:
        scene.cache[key] = await new_person(scene, unit, member, volunteer)
    return str(scene.cache[key])


async def new_consent(scene: Scene, person_id: str) -> str:
    async with scene.client("members") as c:
        body = {"purpose": "photos in the newsletter", "given_on": SINCE}
        return str(_ok(await c.post(f"/people/{person_id}/consents", json=body))["id"])


async def new_role(scene: Scene, person_id: str, unit: uuid.UUID) -> str:
    async with scene.client("members") as c:
        body = {"role": "collaborator", "unit_id": str(unit), "start_on": SINCE}
        return str(_ok(await c.post(f"/people/{person_id}/roles", json=body))["id"])


async def group(scene: Scene, unit: uuid.UUID) -> str:
    key = f"members:group:{unit}"
    if key not in scene.cache:
        async with scene.client("members") as c:
            body = {"unit_id": str(unit), "type": "first_aid_team", "name": "Đội sơ cấp cứu", "formed_on": SINCE}
            scene.cache[key] = _ok(await c.post("/groups", json=body))["id"]
    return str(scene.cache[key])


async def course(scene: Scene, unit: uuid.UUID) -> str:
    key = f"members:course:{unit}"
    if key not in scene.cache:
        async with scene.client("members") as c:
            body = {"unit_id": str(unit), "title": "Sơ cấp cứu cơ bản", "starts_on": SINCE, "ends_on": SINCE}
            scene.cache[key] = _ok(await c.post("/courses", json=body))["id"]
    return str(scene.cache[key])


async def import_row(scene: Scene, unit: uuid.UUID) -> dict[str, Any]:
    return {
        "member_code": f"AZ{_tag()}",
        "unit_code": await unit_code(scene, unit),
        "full_name": "Phạm Thị Nhập",
        "birth_date": "1991-02-03",
        "joined_on": SINCE,
        "consent_purpose": "membership records",
        "consent_given_on": SINCE,
    }


# ------------------------------------------------------------------ builders


async def b_create_unit(scene: Scene, unit: uuid.UUID) -> Built:
    return "/units", unit_body(unit), {}


async def b_units_batch(scene: Scene, unit: uuid.UUID) -> Built:
    return "/units/batch", {"units": [unit_body(unit)]}, {}


async def b_list_units(scene: Scene, unit: uuid.UUID) -> Built:
    return "/units", None, {"parent_id": str(unit)}


async def b_unit(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/units/{unit}", None, {}


async def b_children(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/units/{unit}/children", None, {}


async def b_history(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/units/{unit}/history", None, {}


async def b_rename(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/units/{await fresh_unit(scene, unit)}/rename", {"name": f"Tên {_tag()}", "valid_from": TODAY}, {}


async def b_move(scene: Scene, unit: uuid.UUID) -> Built:
    # a fresh unit moved under a sibling (one level down)
    target = await child(scene, unit, "target")
    body = {"parent_id": target, "level": "branch", "valid_from": TODAY}
    return f"/units/{await fresh_unit(scene, unit)}/move", body, {}


async def b_merge(scene: Scene, unit: uuid.UUID) -> Built:
    target = await child(scene, unit, "target")
    return f"/units/{await fresh_unit(scene, unit)}/merge", {"into_unit_id": target, "valid_from": TODAY}, {}


async def b_dissolve(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/units/{await fresh_unit(scene, unit)}/dissolve", {"valid_from": TODAY}, {}


async def b_stats(scene: Scene, unit: uuid.UUID) -> Built:
    return "/stats", None, {"unit_id": str(unit)}


async def b_register(scene: Scene, unit: uuid.UUID) -> Built:
    return "/people", person_body(unit), {}


async def b_list_people(scene: Scene, unit: uuid.UUID) -> Built:
    return "/people", None, {"unit_id": str(unit), "q": "Lê Văn"}


async def b_get_person(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/people/{await person(scene, unit, 'main', volunteer=True)}", None, {}


async def b_patch_person(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/people/{await person(scene, unit, 'main', volunteer=True)}", {"phone": "0912 345 678"}, {}


async def b_erase(scene: Scene, unit: uuid.UUID) -> Built:
    # a person with no membership: their unit is the registering unit, kept after erasure
    return f"/people/{await new_person(scene, unit, member=False)}/personal-data", None, {}


async def b_add_consent(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await person(scene, unit, "consents")
    return f"/people/{pid}/consents", {"purpose": "SMS reminders", "given_on": TODAY}, {}


async def b_withdraw(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await person(scene, unit, "consents")
    return f"/people/{pid}/consents/{await new_consent(scene, pid)}/withdraw", {"withdrawn_on": TODAY}, {}


async def b_start_membership(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await new_person(scene, unit, member=False)
    return f"/people/{pid}/membership", {"unit_id": str(unit), "joined_on": TODAY}, {}


async def b_status(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await new_person(scene, unit)
    return f"/people/{pid}/membership", {"status": "lapsed", "effective_on": TODAY}, {}


async def b_death(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await new_person(scene, unit)
    return f"/people/{pid}/death", {"deceased_on": TODAY}, {}


async def b_fee(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await new_person(scene, unit)
    return f"/people/{pid}/membership/fees/{clock.today().year}", {"fee_status": "paid"}, {}


async def b_transfer(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await new_person(scene, unit)
    target = await child(scene, unit, "transfer-target")
    return f"/people/{pid}/transfers", {"to_unit_id": target, "effective_on": TODAY}, {}


async def b_assign_role(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await new_person(scene, unit)
    return f"/people/{pid}/roles", {"role": "collaborator", "unit_id": str(unit), "start_on": TODAY}, {}


async def b_end_role(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await new_person(scene, unit)
    return f"/people/{pid}/roles/{await new_role(scene, pid, unit)}/end", {"end_on": TODAY}, {}


async def b_hours(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await person(scene, unit, "main", volunteer=True)
    return f"/people/{pid}/hours", {"hours": 0.5, "worked_on": TODAY}, {}


async def b_training(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await new_person(scene, unit)
    return f"/people/{pid}/training", {"kind": "first_aid", "completed_on": TODAY, "hours": 8, "unit_id": str(unit)}, {}


async def b_create_group(scene: Scene, unit: uuid.UUID) -> Built:
    return "/groups", {"unit_id": str(unit), "type": "club", "name": "CLB Thanh niên", "formed_on": SINCE}, {}


async def b_get_group(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/groups/{await group(scene, unit)}", None, {}


async def b_add_group_member(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await new_person(scene, unit, volunteer=True)
    return f"/groups/{await group(scene, unit)}/members", {"person_id": pid, "joined_on": SINCE}, {}


async def b_remove_group_member(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await new_person(scene, unit, volunteer=True)
    gid = await group(scene, unit)
    async with scene.client("members") as c:
        _ok(await c.post(f"/groups/{gid}/members", json={"person_id": pid, "joined_on": SINCE}))
    return f"/groups/{gid}/members/{pid}/remove", {"left_on": TODAY}, {}


async def b_create_course(scene: Scene, unit: uuid.UUID) -> Built:
    return "/courses", {"unit_id": str(unit), "title": "Tập huấn", "starts_on": SINCE, "ends_on": SINCE}, {}


async def b_get_course(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/courses/{await course(scene, unit)}", None, {}


async def b_attendance(scene: Scene, unit: uuid.UUID) -> Built:
    pid = await new_person(scene, unit, volunteer=True)
    return f"/courses/{await course(scene, unit)}/attendance", {"person_id": pid, "attended": True, "passed": True}, {}


async def b_import(scene: Scene, unit: uuid.UUID) -> Built:
    return "/imports/members", {"source": "authz.csv", "rows": [await import_row(scene, unit)]}, {}


# Who may call each endpoint and what they get, stated here (not taken from the production code).
# roles: V viewer, D data_entry, M unit_manager, A admin; "-": refused with 403, in scope or not.
# ok: an allowed caller in the HOME subtree (and the organisation-wide admin); out: an allowed caller
# scoped to the OTHER district, for the same existing resource. This service answers 403 out of scope.
# fmt: off
ROWS = [
    #   method    path                                                  roles      ok   out  builder
    Row("POST",   "/units",                                             "- - M A", 201, 403, b_create_unit),
    Row("POST",   "/units/batch",                                       "- - M A", 200, 403, b_units_batch),
    Row("GET",    "/units",                                             "V D M A", 200, 403, b_list_units),
    Row("GET",    "/units/{unit_id}",                                   "V D M A", 200, 403, b_unit),
    Row("GET",    "/units/{unit_id}/children",                          "V D M A", 200, 403, b_children),
    Row("GET",    "/units/{unit_id}/history",                           "V D M A", 200, 403, b_history),
    Row("POST",   "/units/{unit_id}/rename",                            "- - M A", 200, 403, b_rename),
    Row("POST",   "/units/{unit_id}/move",                              "- - M A", 200, 403, b_move),
    Row("POST",   "/units/{unit_id}/merge",                             "- - M A", 200, 403, b_merge),
    Row("POST",   "/units/{unit_id}/dissolve",                          "- - M A", 200, 403, b_dissolve),
    Row("GET",    "/stats",                                             "V D M A", 200, 403, b_stats),
    Row("POST",   "/people",                                            "- D M A", 201, 403, b_register),
    Row("GET",    "/people",                                            "V D M A", 200, 403, b_list_people),
    Row("GET",    "/people/{person_id}",                                "V D M A", 200, 403, b_get_person),
    Row("PATCH",  "/people/{person_id}",                                "- D M A", 200, 403, b_patch_person),
    Row("DELETE", "/people/{person_id}/personal-data",                  "- - M A", 200, 403, b_erase),
    Row("POST",   "/people/{person_id}/consents",                       "- D M A", 201, 403, b_add_consent),
    Row("POST",   "/people/{person_id}/consents/{consent_id}/withdraw", "- D M A", 200, 403, b_withdraw),
    Row("POST",   "/people/{person_id}/membership",                     "- D M A", 201, 403, b_start_membership),
    Row("PATCH",  "/people/{person_id}/membership",                     "- D M A", 200, 403, b_status),
    Row("PUT",    "/people/{person_id}/membership/fees/{year}",         "- D M A", 200, 403, b_fee),
    Row("POST",   "/people/{person_id}/death",                          "- D M A", 200, 403, b_death),
    Row("POST",   "/people/{person_id}/transfers",                      "- D M A", 200, 403, b_transfer),
    Row("POST",   "/people/{person_id}/roles",                          "- D M A", 201, 403, b_assign_role),
    Row("POST",   "/people/{person_id}/roles/{role_id}/end",            "- D M A", 200, 403, b_end_role),
    Row("POST",   "/people/{person_id}/hours",                          "- D M A", 201, 403, b_hours),
    Row("POST",   "/people/{person_id}/training",                       "- D M A", 201, 403, b_training),
    Row("POST",   "/groups",                                            "- D M A", 201, 403, b_create_group),
    Row("GET",    "/groups/{group_id}",                                 "V D M A", 200, 403, b_get_group),
    Row("POST",   "/groups/{group_id}/members",                         "- D M A", 201, 403, b_add_group_member),
    Row("POST",   "/groups/{group_id}/members/{person_id}/remove",      "- D M A", 200, 403, b_remove_group_member),
    Row("POST",   "/courses",                                           "- D M A", 201, 403, b_create_course),
    Row("GET",    "/courses/{course_id}",                               "V D M A", 200, 403, b_get_course),
    Row("POST",   "/courses/{course_id}/attendance",                    "- D M A", 200, 403, b_attendance),
    Row("POST",   "/imports/members",                                   "- D M A", 200, 403, b_import),
]
# fmt: on


async def test_the_table_covers_every_endpoint(scene: Scene) -> None:
    async with scene.client("members", {}) as c:
        r = await c.get("/openapi.json")
    assert r.status_code == 200, r.text
    assert_table_covers(r.json(), ROWS)


async def test_every_endpoint_checks_role_and_scope(scene: Scene) -> None:
    failures = await run_table(scene, "members", ROWS)
    assert not failures, "\n".join(failures)


async def test_expired_and_foreign_tokens_are_refused_and_a_viewer_cannot_write(scene: Scene, tmp_path: Path) -> None:
    private = auth_keys()[0].read_bytes()
    expired = mint(private, subject="late", role="admin", unit_id=None, issuer=ISSUER, audience=AUDIENCE, ttl_s=-120)
    foreign_private, _ = generate_keys(tmp_path / "foreign")
    foreign = mint(
        foreign_private.read_bytes(), subject="x", role="admin", unit_id=None, issuer=ISSUER, audience=AUDIENCE
    )
    async with scene.client("members", {}) as c:
        for tok in (expired, foreign):
            r = await c.get(f"/units/{scene.home}", headers={"Authorization": f"Bearer {tok}"})
            assert r.status_code == 401, r.text
            assert r.json()["error"] == "unauthorized"
        r = await c.post("/people", json=person_body(scene.home_leaf), headers=auth("viewer", scene.home))
        assert r.status_code == 403, r.text
        assert "may not write" in r.json()["message"]
        r = await c.get(f"/units/{scene.home}", headers=auth("viewer", scene.home))
        assert r.status_code == 200, r.text


async def test_lists_and_statistics_keep_to_the_users_subtree(scene: Scene) -> None:
    async with scene.client("members", auth("viewer", scene.home)) as c:
        listed = {u["id"] for u in _ok(await c.get("/units", params={"limit": 10000}))["items"]}
        assert str(scene.home) in listed and str(scene.home_leaf) in listed
        assert not listed & {str(scene.province), str(scene.other), str(scene.other_leaf)}
        r = await c.get("/units", params={"parent_id": str(scene.province)})
        assert r.status_code == 403, r.text
        stats = _ok(await c.get("/stats"))
        assert stats["unit_id"] == str(scene.home)
        assert (await c.get("/stats", params={"unit_id": str(scene.province)})).status_code == 403


async def test_registration_needs_a_unit_in_scope(scene: Scene) -> None:
    async with scene.client("members", auth("data_entry", scene.home)) as c:
        assert (await c.post("/people", json=person_body(None))).status_code == 403
        assert (await c.post("/people", json=person_body(scene.other_leaf))).status_code == 403
        created = _ok(await c.post("/people", json=person_body(scene.home_leaf)))
        assert created["registered_unit_id"] == str(scene.home_leaf)
    async with scene.client("members") as admin:
        anywhere = _ok(await admin.post("/people", json=person_body(None)))  # organisation-wide: allowed
    async with scene.client("members", auth("admin", scene.home)) as c:
        assert (await c.get(f"/people/{anywhere['id']}")).status_code == 403


async def test_a_person_follows_their_membership_across_a_transfer(scene: Scene) -> None:
    pid = await person(scene, scene.home_leaf, "transferred-away")
    home, other = auth("viewer", scene.home), auth("viewer", scene.other)
    async with scene.client("members") as admin:
        assert (await admin.get(f"/people/{pid}", headers=home)).status_code == 200
        assert (await admin.get(f"/people/{pid}", headers=other)).status_code == 403
        # a home data clerk cannot send the member out of the home subtree
        body = {"to_unit_id": str(scene.other_leaf), "effective_on": TODAY}
        r = await admin.post(f"/people/{pid}/transfers", json=body, headers=auth("data_entry", scene.home))
        assert r.status_code == 403, r.text
        _ok(await admin.post(f"/people/{pid}/transfers", json=body))  # the organisation-wide admin can
        assert (await admin.get(f"/people/{pid}", headers=home)).status_code == 403
        assert (await admin.get(f"/people/{pid}", headers=other)).status_code == 200


async def test_a_role_held_here_does_not_give_the_membership_held_elsewhere(scene: Scene) -> None:
    """A member of another district who volunteers here is this unit's to see, not to transfer away, resign
    or mark paid: the membership's unit must be in scope too (security review: a clerk of the commune where
    the member volunteers moved the membership, and its roles, out of the commune they belong to)."""
    pid = await new_person(scene, scene.other_leaf)
    await new_role(scene, pid, scene.home_leaf)
    clerk = auth("data_entry", scene.home)
    year = clock.today().year
    async with scene.client("members") as admin:
        assert (await admin.get(f"/people/{pid}", headers=clerk)).status_code == 200
        for method, path, body in [
            ("POST", f"/people/{pid}/transfers", {"to_unit_id": str(scene.home_leaf), "effective_on": TODAY}),
            ("PATCH", f"/people/{pid}/membership", {"status": "lapsed", "effective_on": TODAY}),
            ("PUT", f"/people/{pid}/membership/fees/{year}", {"fee_status": "paid"}),
            ("POST", f"/people/{pid}/death", {"deceased_on": TODAY}),  # (final: the membership ends for good)
        ]:
            r = await admin.request(method, path, json=body, headers=clerk)
            assert r.status_code == 403, (path, r.text)
            assert "the membership's unit" in r.json()["message"], r.text
        m = _ok(await admin.get(f"/people/{pid}"))["memberships"][0]
        assert (m["unit_id"], m["status"], m["fees"]) == (
            str(scene.other_leaf),
            "active",
            {SINCE[:4]: "unpaid"},
        )  # nothing changed
        # a clerk of the member's own district may, and the role stays where it is held
        other_clerk = auth("data_entry", scene.other)
        _ok(await admin.put(f"/people/{pid}/membership/fees/{year}", json={"fee_status": "paid"}, headers=other_clerk))


async def test_an_import_with_a_row_outside_the_scope_is_refused_whole(scene: Scene) -> None:
    rows = [await import_row(scene, scene.home_leaf), await import_row(scene, scene.other_leaf)]
    body = {"source": "mixed.csv", "first_row": 2, "rows": rows}
    async with scene.client("members", auth("data_entry", scene.home)) as c:
        r = await c.post("/imports/members", json=body)
        assert r.status_code == 403, r.text
        problem = r.json()
        assert problem["rows"] == [{"row": 3, "unit_code": rows[1]["unit_code"]}]
        assert "outside your unit's scope" in problem["message"]
        ok = _ok(await c.post("/imports/members", json={**body, "rows": rows[:1]}))
        assert ok["created"] == 1  # nothing of the refused request was written
        person_id = ok["results"][0]["person_id"]
        assert _ok(await c.get(f"/people/{person_id}"))["registered_unit_id"] == str(scene.home_leaf)
    async with scene.client("members") as admin:
        assert _ok(await admin.post("/imports/members", json=body))["created"] == 1  # row 3 only
