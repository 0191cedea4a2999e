"""Authorization of the campaigns service: every endpoint × every role × in/out of scope, no token.

Resources live in ``scene.home_leaf``; they are created once as an organisation-wide admin through
the API and cached in ``scene.cache``. Endpoints that change state get a resource of their own, so
the first allowed caller (the organisation-wide admin) changes it and later allowed callers get a
409, never a 401/403; the out-of-scope checks run before any state check.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from tests.e2e.authz.common import Body, Case, Scene, assert_table_covers, run_table
from tests.e2e.harness import auth

pytestmark = pytest.mark.e2e

TODAY = date.today()
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


async def campaign(
    scene: Scene, unit: uuid.UUID, name: str, state: str = "draft", kind: str = "emergency_relief"
) -> str:
    """A campaign organised by ``unit`` in ``state`` (draft, launched or closed), made once."""
    key = f"campaigns:campaign:{name}:{unit}"
    if key not in scene.cache:
        async with scene.client("campaigns") as c:
            cid = _ok(await c.post("/campaigns", json=campaign_body(unit, kind)))["id"]
            if state in ("launched", "closed"):
                _ok(await c.post(f"/campaigns/{cid}/launch", json={}))
            if state == "closed":
                _ok(await c.post(f"/campaigns/{cid}/close", json={}))
        scene.cache[key] = cid
    return str(scene.cache[key])


async def beneficiary(scene: Scene, unit: uuid.UUID, name: str, verified: bool) -> str:
    key = f"campaigns:beneficiary:{name}:{unit}"
    if key not in scene.cache:
        async with scene.client("campaigns") as c:
            bid = _ok(await c.post("/beneficiaries", json=beneficiary_body(unit)))["id"]
            if verified:
                body = {"verified_by": "cán bộ xã", "verified_on": TODAY.isoformat()}
                _ok(await c.post(f"/beneficiaries/{bid}/verify", json=body))
        scene.cache[key] = bid
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
    return f"/campaigns/{await campaign(scene, unit, 'to-launch')}/launch", {}, {}


async def b_close(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await campaign(scene, unit, 'to-close', 'launched')}/close", {}, {}


async def b_settle(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await campaign(scene, unit, 'to-settle', 'closed')}/settle", {}, {}


async def b_cancel(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await campaign(scene, unit, 'to-cancel')}/cancel", {"reason": "authorization test"}, {}


async def b_public(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{await campaign(scene, unit, 'main', 'launched')}/beneficiaries/public", None, {}


async def b_register(scene: Scene, unit: uuid.UUID) -> Built:
    return "/beneficiaries", beneficiary_body(unit, await campaign(scene, unit, "main", "launched")), {}


async def b_list_beneficiaries(scene: Scene, unit: uuid.UUID) -> Built:
    return "/beneficiaries", None, {"unit_id": str(unit)}


async def b_get_beneficiary(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/beneficiaries/{await beneficiary(scene, unit, 'verified', True)}", None, {}


async def b_verify(scene: Scene, unit: uuid.UUID) -> Built:
    bid = await beneficiary(scene, unit, "to-verify", False)
    return f"/beneficiaries/{bid}/verify", {"verified_by": "cán bộ xã", "verified_on": TODAY.isoformat()}, {}


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


CASES = [
    Case("POST", "/campaigns", "write", b_create_campaign),
    Case("GET", "/campaigns", "read", b_list_campaigns),
    Case("GET", "/campaigns/overdue", "read", b_overdue),
    Case("GET", "/campaigns/{campaign_id}", "read", b_get_campaign),
    Case("PATCH", "/campaigns/{campaign_id}", "write", b_patch),
    Case("POST", "/campaigns/{campaign_id}/launch", "manage", b_launch),
    Case("POST", "/campaigns/{campaign_id}/close", "manage", b_close),
    Case("POST", "/campaigns/{campaign_id}/settle", "manage", b_settle),
    Case("POST", "/campaigns/{campaign_id}/cancel", "manage", b_cancel),
    Case("GET", "/campaigns/{campaign_id}/beneficiaries/public", "public", b_public),
    Case("POST", "/beneficiaries", "write", b_register),
    Case("GET", "/beneficiaries", "read", b_list_beneficiaries),
    Case("GET", "/beneficiaries/{beneficiary_id}", "read", b_get_beneficiary, out_of_scope=(404,)),
    Case("POST", "/beneficiaries/{beneficiary_id}/verify", "manage", b_verify, out_of_scope=(404,)),
    Case("POST", "/beneficiaries/{beneficiary_id}/sponsorships", "manage", b_sponsor, out_of_scope=(404,)),
    Case("POST", "/campaigns/{campaign_id}/blood-sessions", "write", b_schedule),
    Case("GET", "/campaigns/{campaign_id}/blood-sessions", "read", b_list_sessions),
    Case("GET", "/blood-sessions/{session_id}", "read", b_get_session),
    Case("POST", "/blood-sessions/{session_id}/registrations", "write", b_register_donor),
]


async def test_every_campaigns_endpoint_has_a_rule(scene: Scene) -> None:
    async with scene.client("campaigns") as c:
        openapi = _ok(await c.get("/openapi.json"))
    assert_table_covers(openapi, CASES)


async def test_campaigns_authorization_table(scene: Scene) -> None:
    failures = await run_table(scene, "campaigns", CASES)
    assert not failures, "\n".join(failures)
    # the allowed callers really acted: the first one moved each lifecycle resource on
    unit = scene.home_leaf
    expected = {"to-launch": "launched", "to-close": "closed", "to-settle": "settled", "to-cancel": "cancelled"}
    async with scene.client("campaigns") as c:
        for name, state in expected.items():
            cid = await campaign(scene, unit, name)
            assert _ok(await c.get(f"/campaigns/{cid}"))["state"] == state, name
        bid = await beneficiary(scene, unit, "to-verify", False)
        assert _ok(await c.get(f"/beneficiaries/{bid}"))["verified"] is True


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
