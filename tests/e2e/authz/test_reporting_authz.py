"""Authorization of the reporting service: every endpoint × every role × in/out of scope, no token.

The membership reports and the per-unit / per-period campaign reports need a token and a scope; the
campaign list and one campaign's progress are public (Decree 93/2021 disclosure). A campaign
organised by ``scene.home_leaf`` is created and launched once through the campaigns service as an
organisation-wide admin, and awaited in the reporting projection. The policy itself is in
``rc_reporting.entrypoints.access``.
"""

from __future__ import annotations

import io
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import Workbook

from rc_shared import clock
from rc_shared.auth import generate_keys, mint
from tests.e2e.authz.common import PUBLIC, Body, Row, Scene, assert_table_covers, run_table
from tests.e2e.harness import AUDIENCE, ISSUER, auth, auth_keys
from tests.integration.shared.helpers import eventually

pytestmark = pytest.mark.e2e

TODAY = clock.today()
Built = tuple[str, Body, dict[str, str]]


def _ok(r: httpx.Response) -> dict[str, Any]:
    assert r.status_code in (200, 201, 202), f"{r.request.method} {r.request.url}: {r.status_code} {r.text}"
    return r.json()  # type: ignore[no-any-return]


async def projected_unit(scene: Scene, unit: uuid.UUID) -> None:
    """Wait until the reporting projection knows ``unit`` (once)."""
    key = f"reporting:unit:{unit}"
    if key in scene.cache:
        return
    async with scene.client("reporting") as c:

        async def known() -> bool:
            return (await c.get(f"/reports/membership/units/{unit}")).status_code == 200

        await eventually(known, timeout=60, what=f"reporting to project unit {unit}")
    scene.cache[key] = True


async def campaign(scene: Scene, organiser: uuid.UUID, participants: tuple[uuid.UUID, ...] = ()) -> str:
    """A launched campaign organised by ``organiser``, projected in reporting (made once)."""
    key = f"reporting:campaign:{organiser}:{participants}"
    if key not in scene.cache:
        body = {
            "code": f"AZR-{uuid.uuid4().hex[:10]}",
            "name": "Ủng hộ đồng bào bị lũ",
            "campaign_type": "emergency_relief",
            "organising_unit_id": str(organiser),
            "participating_unit_ids": [str(u) for u in participants],
            "receiving_from": (TODAY - timedelta(days=5)).isoformat(),
            "receiving_until": (TODAY + timedelta(days=30)).isoformat(),
        }
        async with scene.client("campaigns") as c:
            cid = _ok(await c.post("/campaigns", json=body))["id"]
            _ok(await c.post(f"/campaigns/{cid}/launch", json={}))
        async with scene.client("reporting", {}) as r:

            async def projected() -> bool:
                resp = await r.get(f"/reports/campaigns/{cid}")
                return resp.status_code == 200 and resp.json()["organising_unit_id"] == str(organiser)

            await eventually(projected, timeout=60, what="reporting to project the campaign")
        scene.cache[key] = cid
    return str(scene.cache[key])


# ------------------------------------------------------------------ builders


async def b_membership(scene: Scene, unit: uuid.UUID) -> Built:
    await projected_unit(scene, unit)
    return "/reports/membership", None, {"unit_id": str(unit)}


async def b_membership_unit(scene: Scene, unit: uuid.UUID) -> Built:
    await projected_unit(scene, unit)
    return f"/reports/membership/units/{unit}", None, {}


async def b_status(scene: Scene, unit: uuid.UUID) -> Built:
    return "/reports/status", None, {}


async def b_by_unit(scene: Scene, unit: uuid.UUID) -> Built:
    await projected_unit(scene, unit)
    return "/reports/campaigns/by-unit", None, {"unit_id": str(unit)}


async def b_dashboard(scene: Scene, unit: uuid.UUID) -> Built:
    await projected_unit(scene, unit)
    return "/reports/campaigns/dashboard", None, {"unit_id": str(unit)}


async def b_by_period(scene: Scene, unit: uuid.UUID) -> Built:
    return "/reports/campaigns/by-period", None, {"campaign_id": await campaign(scene, unit)}


async def b_campaigns(scene: Scene, unit: uuid.UUID) -> Built:
    return "/reports/campaigns", None, {}


async def b_campaign(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/reports/campaigns/{await campaign(scene, unit)}", None, {}


async def b_page_campaigns(scene: Scene, unit: uuid.UUID) -> Built:
    return "/public/campaigns", None, {}


async def b_page_campaign(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/public/campaigns/{await campaign(scene, unit)}", None, {}


async def b_review(scene: Scene, unit: uuid.UUID) -> Built:
    await projected_unit(scene, unit)
    return "/reports/review", None, {"unit_id": str(unit)}


async def b_export(scene: Scene, unit: uuid.UUID) -> Built:
    await projected_unit(scene, unit)
    return "/exports/reviews", {"unit_id": str(unit), "format": "csv"}, {}


async def finished_job(scene: Scene, unit: uuid.UUID) -> str:
    """A finished CSV export of ``unit``'s review, started by the organisation-wide admin (made once)."""
    key = f"reporting:job:{unit}"
    if key not in scene.cache:
        await projected_unit(scene, unit)
        async with scene.client("reporting") as c:
            job = _ok(await c.post("/exports/reviews", json={"unit_id": str(unit), "format": "csv"}))

            async def done() -> bool:
                return bool(_ok(await c.get(f"/exports/{job['job_id']}"))["status"] == "done")

            await eventually(done, timeout=60, what="the export job to finish")
        scene.cache[key] = job["job_id"]
    return str(scene.cache[key])


async def b_job(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/exports/{await finished_job(scene, unit)}", None, {}


async def b_job_file(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/exports/{await finished_job(scene, unit)}/file", None, {}


async def b_plan(scene: Scene, unit: uuid.UUID) -> Built:
    await projected_unit(scene, unit)
    return f"/plans/{unit}/{TODAY.year}", None, {}


async def b_put_plan(scene: Scene, unit: uuid.UUID) -> Built:
    await projected_unit(scene, unit)
    return f"/plans/{unit}/{TODAY.year}", {"targets": {"new_members": 3}}, {}


async def b_import_plans(scene: Scene, unit: uuid.UUID) -> Built:
    """An XLSX workbook with one target of ``unit`` (by the code members gave it)."""
    key = f"reporting:plans.xlsx:{unit}"
    if key not in scene.cache:
        await projected_unit(scene, unit)
        async with scene.client("members") as m:
            code = _ok(await m.get(f"/units/{unit}"))["code"]
        book = io.BytesIO()
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.append(["unit_code", "year", "indicator", "target"])
        ws.append([code, TODAY.year, "new_members", 4])
        wb.save(book)
        scene.cache[key] = book.getvalue()
    return "/plans/import", scene.cache[key], {}


# Who may call each endpoint and what they get, stated here (not taken from the production code).
# roles: V viewer, D data_entry, M unit_manager, A admin; "-": refused with 403, in scope or not;
# PUBLIC: no token needed (Decree 93/2021 disclosure). ok: an allowed caller in the HOME subtree
# (and the organisation-wide admin); out: an allowed caller scoped to the OTHER district: 403, except
# the operational status, which shows no unit's data and answers any admin whatever its scope.
# fmt: off
ROWS = [
    #   method path                                    roles      ok   out  builder
    Row("GET", "/reports/membership",                  "V D M A", 200, 403, b_membership),
    Row("GET", "/reports/membership/units/{unit_id}",  "V D M A", 200, 403, b_membership_unit),
    Row("GET", "/reports/status",                      "- - - A", 200, 200, b_status),
    Row("GET", "/reports/campaigns/by-unit",           "V D M A", 200, 403, b_by_unit),
    Row("GET", "/reports/campaigns/by-period",         "V D M A", 200, 403, b_by_period),
    Row("GET", "/reports/campaigns/dashboard",         "V D M A", 200, 403, b_dashboard),
    Row("GET", "/reports/campaigns",                   PUBLIC,    200, 200, b_campaigns),
    Row("GET", "/reports/campaigns/{campaign_id}",     PUBLIC,    200, 200, b_campaign),
    Row("GET", "/public/campaigns",                    PUBLIC,    200, 200, b_page_campaigns),
    Row("GET", "/public/campaigns/{campaign_id}",      PUBLIC,    200, 200, b_page_campaign),
    Row("GET", "/reports/review",                      "V D M A", 200, 403, b_review),
    Row("POST", "/exports/reviews",                    "V D M A", 202, 403, b_export),
    Row("GET", "/exports/{job_id}",                    "V D M A", 200, 403, b_job),
    Row("GET", "/exports/{job_id}/file",               "V D M A", 200, 403, b_job_file),
    Row("GET", "/plans/{unit_id}/{year}",              "V D M A", 200, 403, b_plan),
    Row("PUT", "/plans/{unit_id}/{year}",              "- - M A", 200, 403, b_put_plan),
    # a workbook may name any unit: organisation-wide users only (others set plans one unit at a time)
    Row("POST", "/plans/import",                       "- - M A", 200, 403, b_import_plans, org_only=True),
]
# fmt: on


async def test_the_table_covers_every_endpoint(scene: Scene) -> None:
    async with scene.client("reporting", {}) as c:
        r = await c.get("/openapi.json")
    assert r.status_code == 200, r.text
    assert_table_covers(r.json(), ROWS)


async def test_every_endpoint_checks_role_and_scope(scene: Scene) -> None:
    failures = await run_table(scene, "reporting", ROWS)
    assert not failures, "\n".join(failures)


async def test_expired_and_foreign_tokens_are_refused_and_a_viewer_cannot_administer(
    scene: Scene, tmp_path: Path
) -> None:
    private = auth_keys()[0].read_bytes()
    expired = mint(private, subject="late", role="admin", unit_id=None, issuer=ISSUER, audience=AUDIENCE, ttl_s=-120)
    foreign_private, _ = generate_keys(tmp_path / "foreign")
    foreign = mint(
        foreign_private.read_bytes(), subject="x", role="admin", unit_id=None, issuer=ISSUER, audience=AUDIENCE
    )
    async with scene.client("reporting", {}) as c:
        for tok in (expired, foreign):
            r = await c.get("/reports/membership", headers={"Authorization": f"Bearer {tok}"})
            assert r.status_code == 401, r.text
            # the public disclosure pages ignore the token altogether
            assert (await c.get("/reports/campaigns", headers={"Authorization": f"Bearer {tok}"})).status_code == 200
        r = await c.get("/reports/status", headers=auth("viewer", scene.home))
        assert r.status_code == 403, r.text
        assert "may not admin" in r.json()["message"]


async def test_a_scoped_user_gets_their_own_subtree_by_default(scene: Scene) -> None:
    await projected_unit(scene, scene.home)
    async with scene.client("reporting", auth("viewer", scene.home)) as c:
        membership = _ok(await c.get("/reports/membership"))
        assert [u["unit_id"] for u in membership["units"]] == [str(scene.home)]
        funds = _ok(await c.get("/reports/campaigns/by-unit"))
        assert [u["unit_id"] for u in funds["units"]] == [str(scene.home)]
        assert (await c.get("/reports/membership", params={"unit_id": str(scene.province)})).status_code == 403
    async with scene.client("reporting") as admin:
        roots = {u["unit_id"] for u in _ok(await admin.get("/reports/membership", params={"depth": 0}))["units"]}
        assert str(scene.province) in roots


async def test_the_series_of_every_campaign_is_organisation_wide_and_participants_see_theirs(scene: Scene) -> None:
    shared = await campaign(scene, scene.other_leaf, participants=(scene.home_leaf,))
    async with scene.client("reporting", auth("viewer", scene.home)) as c:
        r = await c.get("/reports/campaigns/by-period")
        assert r.status_code == 403, r.text
        assert "campaign_id" in r.json()["message"]
        # organised by the other district, with the home commune participating
        assert (await c.get("/reports/campaigns/by-period", params={"campaign_id": shared})).status_code == 200
        unknown = {"campaign_id": str(uuid.uuid4())}
        assert (await c.get("/reports/campaigns/by-period", params=unknown)).status_code == 404
    async with scene.client("reporting", auth("viewer", scene.other)) as c:
        own = await campaign(scene, scene.home_leaf)
        assert (await c.get("/reports/campaigns/by-period", params={"campaign_id": own})).status_code == 403
    async with scene.client("reporting") as admin:
        assert (await admin.get("/reports/campaigns/by-period")).status_code == 200
