"""Scope checks of reads as of a date use the tree valid on that date (real tokens, real PostgreSQL).

The 1 July 2025 reform: the district is dissolved and its commune moves directly under the province.
The district's user still reads the commune as of a day before the reform, and no longer after it."""

from __future__ import annotations

import httpx
import pytest

from tests.integration.members.helpers import bearer, id_number, person, tree, unit

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


async def test_former_members_of_a_merged_or_dissolved_unit_are_reached_through_its_heir(
    client: httpx.AsyncClient, authed: tuple[httpx.AsyncClient, bytes]
) -> None:
    """A person who left a commune before the commune was merged (or dissolved) holds no open membership
    to move: their access unit was the ended commune, in nobody's subtree, so the successor's user could
    neither find nor open them (and registering them again was refused: one number, one person). Now the
    unit that took the commune over (merged: the unit it went into; dissolved: its parent) reaches them,
    and a user of another district still does not."""
    api, key = authed
    t = await tree(client)
    other = await tree(client)
    merged, dissolved, reassigned = [
        await unit(client, f"P{t['tag']}-D-{c}", "commune", t["district"]) for c in ("X", "Z", "W")
    ]
    people = {}
    for name, commune in (("merged", merged), ("dissolved", dissolved), ("reassigned", reassigned)):
        number = id_number()
        pid = await person(client, id_number=number)
        body = {"unit_id": commune, "joined_on": "2023-03-01"}
        assert (await client.post(f"/people/{pid}/membership", json=body)).status_code == 201
        left = {"status": "resigned", "effective_on": "2024-05-01"}
        assert (await client.patch(f"/people/{pid}/membership", json=left)).status_code == 200
        people[name] = (pid, number)
    r = await client.post(f"/units/{merged}/merge", json={"into_unit_id": t["commune"], "valid_from": AFTER})
    assert r.status_code == 200, r.text
    assert (await client.post(f"/units/{dissolved}/dissolve", json={"valid_from": AFTER})).status_code == 200
    # dissolved with its members sent to a unit of another district: that unit takes the former ones too
    body = {"valid_from": AFTER, "reassign_members_to": other["commune"]}
    assert (await client.post(f"/units/{reassigned}/dissolve", json=body)).status_code == 200
    heirs = {"merged": bearer(key, "unit_manager", t["commune"]), "dissolved": bearer(key, "viewer", t["district"]),
             "reassigned": bearer(key, "unit_manager", other["commune"])}  # fmt: skip
    strangers = {"merged": bearer(key, "unit_manager", other["district"]),
                 "dissolved": bearer(key, "unit_manager", other["district"]),
                 "reassigned": bearer(key, "unit_manager", t["commune"])}  # fmt: skip
    for name, (pid, number) in people.items():
        stranger = strangers[name]
        r = await api.get(f"/people/{pid}", headers=heirs[name])
        assert r.status_code == 200, (name, r.text)
        found = await api.get("/people", params={"q": number}, headers=heirs[name])
        assert [p["id"] for p in found.json()["items"]] == [pid], (name, found.text)
        assert (await api.get(f"/people/{pid}", headers=stranger)).status_code == 403, name
        assert (await api.get("/people", params={"q": number}, headers=stranger)).json()["items"] == [], name
    # the merged commune's heir is the commune, not the district's other communes' users
    sibling = await unit(client, f"P{t['tag']}-D-Y", "commune", t["district"])
    r = await api.get(f"/people/{people['merged'][0]}", headers=bearer(key, "unit_manager", sibling))
    assert r.status_code == 403, r.text
