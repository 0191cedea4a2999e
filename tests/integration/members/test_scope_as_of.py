"""Scope checks of reads as of a date use the tree valid on that date (real tokens, real PostgreSQL).

The 1 July 2025 reform: the district is dissolved and its commune moves directly under the province.
The district's user still reads the commune as of a day before the reform, and no longer after it."""

from __future__ import annotations

import httpx
import pytest

from tests.integration.members.helpers import bearer, tree

pytestmark = pytest.mark.integration

BEFORE, AFTER = "2025-06-01", "2025-07-01"


async def test_a_district_user_reads_its_former_commune_as_of_a_day_before_the_reform(
    client: httpx.AsyncClient, authed: tuple[httpx.AsyncClient, bytes]
) -> None:
    api, key = authed
    t = await tree(client)
    other = await tree(client)  # another province: never in the district's subtree
    r = await client.post(f"/units/{t['commune']}/move", json={"parent_id": t["province"], "valid_from": AFTER})
    assert r.status_code == 200, r.text
    r = await client.post(f"/units/{t['district']}/dissolve", json={"valid_from": AFTER})
    assert r.status_code == 200, r.text
    district, province = bearer(key, "viewer", t["district"]), bearer(key, "viewer", t["province"])
    commune = t["commune"]

    reads = {
        "unit": (f"/units/{commune}", {}),
        "children": (f"/units/{commune}/children", {}),
        "stats": ("/stats", {"unit_id": commune}),
        "listing": ("/units", {"parent_id": commune}),
    }
    for name, (path, params) in reads.items():
        before = await api.get(path, params={**params, "as_of": BEFORE}, headers=district)
        assert before.status_code == 200, (name, before.text)
        after = await api.get(path, params={**params, "as_of": AFTER}, headers=district)
        assert after.status_code == 403, (name, after.text)
        assert after.json()["error"] == "forbidden"
        for as_of in (BEFORE, AFTER):  # the province's user reads it on both sides of the reform
            r = await api.get(path, params={**params, "as_of": as_of}, headers=province)
            assert r.status_code == 200, (name, as_of, r.text)
        stranger = await api.get(
            path, params={**params, "as_of": BEFORE}, headers=bearer(key, "viewer", other["district"])
        )
        assert stranger.status_code == 403, (name, stranger.text)

    listed = await api.get("/units", params={"as_of": BEFORE}, headers=district)
    assert listed.status_code == 200, listed.text
    assert {u["id"] for u in listed.json()["items"]} == {t["district"], commune, t["branch"]}
    # today the district is gone: its user's listing is empty
    assert (await api.get("/units", headers=district)).json()["items"] == []
