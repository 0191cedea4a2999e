"""Authorization of the campaigns service: every endpoint × every role × in/out of scope, no token.

Resources live in ``scene.home_leaf``; they are created as an organisation-wide admin through the
API. A request that changes its target (the lifecycle, a verification) gets a fresh target for
every caller, so each allowed caller must get the route's own success status; other targets are
made once and cached in ``scene.cache``. The expected answers are the table ``ROWS`` below.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest

from rc_shared import clock
from tests.e2e.authz.common import PUBLIC, Body, Row, Scene, assert_table_covers, run_table
from tests.e2e.harness import auth

pytestmark = pytest.mark.e2e

TODAY = clock.today()
Built = tuple[str, Body, dict[str, str]]


def _ok(r: httpx.Response) -> dict[str, Any]:
    assert r.status_code in (200, 201), f"{r.request.method} {r.request.url}: {r.status_code} {r.text}"
    return r.json()  # type: ignore[no-any-return]


def _tag() -> str:
    return uuid.uuid4().hex[:10]


def campaign_body(unit: uuid.UUID, kind: str = "emergency_relief") -> dict[str, Any]:
    return {
        "code": f"AZ-{_tag()}",
        "name": "Authorization check",
        "campaign_type": kind,
        "organising_unit_id": str(unit),
        "receiving_from": (TODAY - timedelta(days=5)).isoformat(),
        "receiving_until": (TODAY + timedelta(days=30)).isoformat(),
    }


def beneficiary_body(unit: uuid.UUID, campaign_id: str | None = None) -> dict[str, Any]:
    tag = _tag()
    return {
        "kind": "household",
        "unit_id": str(unit),
        "full_name": f"Hộ {tag}",
        "address": f"Số {tag}, thôn Đông",
        "commune": "Xã Thử",
        "household_size": 4,
        "humanitarian_address": True,
        "campaign_id": campaign_id,
        "consent": {"purpose": "relief support", "given_on": TODAY.isoformat()},
    }


async def new_campaign(scene: Scene, unit: uuid.UUID, state: str = "draft", kind: str = "emergency_relief") -> str:
    """A new campaign organised by ``unit`` in ``state`` (draft, launched or closed)."""
    async with scene.client("campaigns") as c:
        cid = str(_ok(await c.post("/campaigns", json=campaign_body(unit, kind)))["id"])
        if state in ("launched", "closed"):
            _ok(await c.post(f"/campaigns/{cid}/launch", json={}))
        if state == "closed":
            _ok(await c.post(f"/campaigns/{cid}/close", json={}))
    return cid


async def campaign(
    scene: Scene, unit: uuid.UUID, name: str, state: str = "draft", kind: str = "emergency_relief"
) -> str:
    """:func:`new_campaign`, made once per name (for requests that leave it as it was)."""
    key = f"campaigns:campaign:{name}:{unit}"
    if key not in scene.cache:
        scene.cache[key] = await new_campaign(scene, unit, state, kind)
    return str(scene.cache[key])


async def new_beneficiary(scene: Scene, unit: uuid.UUID, verified: bool) -> str:
    async with scene.client("campaigns") as c:
        bid = str(_ok(await c.post("/beneficiaries", json=beneficiary_body(unit)))["id"])
        if verified:
            body = {"verified_by": "cán bộ xã", "verified_on": TODAY.isoformat()}
            _ok(await c.post(f"/beneficiaries/{bid}/verify", json=body))
    return bid


async def beneficiary(scene: Scene, unit: uuid.UUID, name: str, verified: bool) -> str:
    key = f"campaigns:beneficiary:{name}:{unit}"
    if key not in scene.cache:
        scene.cache[key] = await new_beneficiary(scene, unit, verified)
    return str(scene.cache[key])


async def blood_session(scene: Scene, unit: uuid.UUID) -> str:
    key = f"campaigns:session:{unit}"
    if key not in scene.cache:
        cid = await campaign(scene, unit, "blood", "launched", kind="blood_drive")
        async with scene.client("campaigns") as c:
            body = {"held_on": TODAY.isoformat(), "place": "Nhà văn hoá", "capacity": 1000}
            scene.cache[key] = _ok(await c.post(f"/campaigns/{cid}/blood-sessions", json=body))["id"]
    return str(scene.cache[key])


# ------------------------------------------------------------------ builders


async def b_create_campaign(scene: Scene, unit: uuid.UUID) -> Built:
    return "/campaigns", campaign_body(unit), {}


async def b_list_campaigns(scene: Scene, unit: uuid.UUID) -> Built:
    return "/campaigns", None, {"unit_id": str(unit)}


async def b_overdue(scene: Scene, unit: uuid.UUID) -> Built:
    return "/campaigns/overdue", None, {"unit_id": str(unit)}


async def b_get_campaign(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await campaign(scene, unit, 'main', 'launched')}", None, {}


async def b_patch(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await campaign(scene, unit, 'edit')}", {"name": f"Renamed {_tag()}"}, {}


async def b_launch(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await new_campaign(scene, unit)}/launch", {}, {}


async def b_close(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await new_campaign(scene, unit, 'launched')}/close", {}, {}


async def b_settle(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await new_campaign(scene, unit, 'closed')}/settle", {}, {}


async def b_cancel(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await new_campaign(scene, unit)}/cancel", {"reason": "authorization test"}, {}


async def b_public(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await campaign(scene, unit, 'main', 'launched')}/beneficiaries/public", None, {}


DISCLOSURE = {
    "support_policy": "Hộ bị thiệt hại nặng",
    "receiving_points": [{"method": "in_person", "location": "Trụ sở"}],
}


async def b_put_disclosure(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await campaign(scene, unit, 'main', 'launched')}/disclosure", DISCLOSURE, {}


async def b_get_disclosure(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await campaign(scene, unit, 'main', 'launched')}/disclosure", None, {}


async def b_register(scene: Scene, unit: uuid.UUID) -> Built:
    return "/beneficiaries", beneficiary_body(unit, await campaign(scene, unit, "main", "launched")), {}


async def b_list_beneficiaries(scene: Scene, unit: uuid.UUID) -> Built:
    return "/beneficiaries", None, {"unit_id": str(unit)}


async def b_get_beneficiary(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/beneficiaries/{await beneficiary(scene, unit, 'verified', True)}", None, {}


async def b_correct(scene: Scene, unit: uuid.UUID) -> Built:
    bid = await new_beneficiary(scene, unit, verified=False)
    return f"/beneficiaries/{bid}", {"notes": f"sửa {_tag()}"}, {}


async def b_erase_beneficiary(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/beneficiaries/{await new_beneficiary(scene, unit, verified=False)}/personal-data", None, {}


async def b_verify(scene: Scene, unit: uuid.UUID) -> Built:
    bid = await new_beneficiary(scene, unit, verified=False)
    return f"/beneficiaries/{bid}/verify", {"verified_by": "cán bộ xã", "verified_on": TODAY.isoformat()}, {}


async def b_enrol(scene: Scene, unit: uuid.UUID) -> Built:
    bid = await new_beneficiary(scene, unit, verified=True)
    return f"/beneficiaries/{bid}/campaigns", {"campaign_id": await campaign(scene, unit, "launched", "launched")}, {}


async def b_sponsor(scene: Scene, unit: uuid.UUID) -> Built:
    bid = await beneficiary(scene, unit, "verified", True)
    body = {
        "sponsor_type": "individual",
        "sponsor_name": f"Nhà hảo tâm {_tag()}",
        "sponsor_contact": "0900000000",
        "start_on": TODAY.isoformat(),
        "commitment": "500,000 VND a month",
    }
    return f"/beneficiaries/{bid}/sponsorships", body, {}


async def b_schedule(scene: Scene, unit: uuid.UUID) -> Built:
    cid = await campaign(scene, unit, "blood", "launched", kind="blood_drive")
    return f"/campaigns/{cid}/blood-sessions", {"held_on": TODAY.isoformat(), "place": "Trạm y tế", "capacity": 50}, {}


async def b_list_sessions(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await campaign(scene, unit, 'blood', 'launched', kind='blood_drive')}/blood-sessions", None, {}


async def b_get_session(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/blood-sessions/{await blood_session(scene, unit)}", None, {}


async def b_register_donor(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/blood-sessions/{await blood_session(scene, unit)}/registrations", {"donor_ref": str(uuid.uuid4())}, {}


# Who may call each endpoint and what they get, stated here (not taken from the production code).
# roles: V viewer, D data_entry, M unit_manager, A admin; "-": refused with 403, in scope or not;
# PUBLIC: no token needed. ok: an allowed caller in the HOME subtree (and the organisation-wide
# admin); out: an allowed caller scoped to the OTHER district, for the same existing resource:
# 403, except beneficiaries (personal data), which do not exist outside the scope (404).
# fmt: off
ROWS = [
    #   method   path                                             roles      ok   out  builder
    Row("POST",  "/campaigns",                                    "- D M A", 201, 403, b_create_campaign),
    Row("GET",   "/campaigns",                                    "V D M A", 200, 403, b_list_campaigns),
    Row("GET",   "/campaigns/overdue",                            "V D M A", 200, 403, b_overdue),
    Row("GET",   "/campaigns/{campaign_id}",                      "V D M A", 200, 403, b_get_campaign),
    Row("PATCH", "/campaigns/{campaign_id}",                      "- D M A", 200, 403, b_patch),
    Row("POST",  "/campaigns/{campaign_id}/launch",               "- - M A", 200, 403, b_launch),
    Row("POST",  "/campaigns/{campaign_id}/close",                "- - M A", 200, 403, b_close),
    Row("POST",  "/campaigns/{campaign_id}/settle",               "- - M A", 200, 403, b_settle),
    Row("POST",  "/campaigns/{campaign_id}/cancel",               "- - M A", 200, 403, b_cancel),
    Row("GET",   "/campaigns/{campaign_id}/beneficiaries/public", PUBLIC,    200, 200, b_public),
    Row("PUT",   "/campaigns/{campaign_id}/disclosure",           "- - M A", 200, 403, b_put_disclosure),
    Row("GET",   "/campaigns/{campaign_id}/disclosure",           PUBLIC,    200, 200, b_get_disclosure),
    Row("POST",  "/beneficiaries",                                "- D M A", 201, 403, b_register),
    Row("GET",   "/beneficiaries",                                "V D M A", 200, 403, b_list_beneficiaries),
    Row("GET",   "/beneficiaries/{beneficiary_id}",               "V D M A", 200, 404, b_get_beneficiary),
    Row("PATCH", "/beneficiaries/{beneficiary_id}",               "- D M A", 200, 404, b_correct),
    Row("DELETE", "/beneficiaries/{beneficiary_id}/personal-data", "- - M A", 200, 404, b_erase_beneficiary),
    Row("POST",  "/beneficiaries/{beneficiary_id}/verify",        "- - M A", 200, 404, b_verify),
    Row("POST",  "/beneficiaries/{beneficiary_id}/campaigns",     "- - M A", 200, 404, b_enrol),
    Row("POST",  "/beneficiaries/{beneficiary_id}/sponsorships",  "- - M A", 201, 404, b_sponsor),
    Row("POST",  "/campaigns/{campaign_id}/blood-sessions",       "- D M A", 201, 403, b_schedule),
    Row("GET",   "/campaigns/{campaign_id}/blood-sessions",       "V D M A", 200, 403, b_list_sessions),
    Row("GET",   "/blood-sessions/{session_id}",                  "V D M A", 200, 403, b_get_session),
    Row("POST",  "/blood-sessions/{session_id}/registrations",    "- D M A", 201, 403, b_register_donor),
]
# fmt: on


async def test_every_campaigns_endpoint_has_a_rule(scene: Scene) -> None:
    async with scene.client("campaigns") as c:
        openapi = _ok(await c.get("/openapi.json"))
    assert_table_covers(openapi, ROWS)


async def test_campaigns_authorization_table(scene: Scene) -> None:
    failures = await run_table(scene, "campaigns", ROWS)
    assert not failures, "\n".join(failures)


async def test_listings_without_a_filter_show_only_the_users_subtree(scene: Scene) -> None:
    unit = scene.home_leaf
    cid = await campaign(scene, unit, "main", "launched")
    bid = await beneficiary(scene, unit, "verified", True)
    for root, sees in ((scene.home, True), (scene.other, False), (scene.province, True)):
        async with scene.client("campaigns", auth("viewer", root)) as c:
            campaigns = _ok(await c.get("/campaigns", params={"limit": 1000}))["items"]
            people = _ok(await c.get("/beneficiaries", params={"limit": 1000}))["items"]
        assert (cid in {x["id"] for x in campaigns}) is sees, root
        assert (bid in {x["id"] for x in people}) is sees, root
        if not sees:
            assert all(x["unit_id"] != str(unit) for x in people)


async def test_a_viewer_reads_beneficiaries_without_their_circumstances_notes_or_whole_identity_number(
    scene: Scene,
) -> None:
    """A household's circumstances may say its health (sensitive data): a read-only role gets neither
    them nor the staff's notes, and the identity number masked, in the record and in the list; a role
    that keeps the record (data entry and up) gets all of it."""
    idn = f"0951{uuid.uuid4().int % 10**8:08d}"
    body = beneficiary_body(scene.home_leaf) | {
        "id_number": idn,
        "situation": "Chồng bị ung thư giai đoạn cuối",
        "notes": "Gọi trước khi đến",
    }
    async with scene.client("campaigns") as admin:
        bid = _ok(await admin.post("/beneficiaries", json=body))["id"]
    seen: dict[str, Any] = {}
    for role in ("viewer", "data_entry"):
        async with scene.client("campaigns", auth(role, scene.home)) as c:
            one = _ok(await c.get(f"/beneficiaries/{bid}"))
            listed = _ok(await c.get("/beneficiaries", params={"unit_id": str(scene.home_leaf), "limit": 10_000}))
            row = next(b for b in listed["items"] if b["id"] == bid)
            seen[role] = {k: (one[k], row[k]) for k in ("situation", "notes", "id_number")}
            assert one["full_name"] == body["full_name"]  # the rest is there for every role
    assert seen["viewer"] == {"situation": (None, None), "notes": (None, None), "id_number": ("•" * 9 + idn[-3:],) * 2}
    assert seen["data_entry"] == {k: (body[k], body[k]) for k in ("situation", "notes", "id_number")}


async def test_an_enrolment_needs_both_the_beneficiary_and_the_campaign_in_scope(scene: Scene) -> None:
    """A manager enrols a household of their own scope in a campaign of their scope; a campaign of another
    district (403) or a household of another (404, as any read of it) is refused, and nothing is enrolled."""
    manager = auth("unit_manager", scene.home)
    own, others = (
        await new_beneficiary(scene, scene.home_leaf, True),
        await new_beneficiary(scene, scene.other_leaf, True),
    )
    here = await new_campaign(scene, scene.home_leaf, "launched")
    there = await new_campaign(scene, scene.other_leaf, "launched")
    async with scene.client("campaigns") as admin:
        r = await admin.post(f"/beneficiaries/{own}/campaigns", json={"campaign_id": there}, headers=manager)
        assert r.status_code == 403, r.text
        r = await admin.post(f"/beneficiaries/{others}/campaigns", json={"campaign_id": here}, headers=manager)
        assert r.status_code == 404, r.text
        assert _ok(await admin.get(f"/beneficiaries/{own}"))["enrolled_campaign_ids"] == []
        assert _ok(await admin.get(f"/beneficiaries/{others}"))["enrolled_campaign_ids"] == []
        r = await admin.post(f"/beneficiaries/{own}/campaigns", json={"campaign_id": here}, headers=manager)
        assert _ok(r)["enrolled_now"] is True
