"""The authorization tables run on the end-to-end system (tests/e2e/conftest.py ``system``), in a
small organisation tree of their own: a four-service system of their own cost four more service
processes, databases and consumer-group joins, and proved nothing more (each row's target is made in
that tree, and no table reads anything but its own targets)."""

from __future__ import annotations

import uuid

import asyncpg
import httpx
import pytest

from tests.e2e.authz.common import Scene
from tests.e2e.conftest import System
from tests.e2e.harness import auth
from tests.integration.shared.helpers import eventually


@pytest.fixture(scope="package")
async def scene(system: System) -> Scene:
    """Province P with districts HOME and OTHER, each with one commune; known to every service."""
    tag = uuid.uuid4().hex[:6].upper()
    async with httpx.AsyncClient(base_url=system.url("members"), timeout=30, headers=auth()) as members:

        async def unit(code: str, level: str, parent: str | None) -> uuid.UUID:
            r = await members.post(
                "/units",
                json={
                    "code": f"{tag}-{code}",
                    "name": code,
                    "level": level,
                    "parent_id": parent,
                    "valid_from": "2020-01-01",
                },
            )
            assert r.status_code == 201, r.text
            return uuid.UUID(r.json()["id"])

        province = await unit("P", "province", None)
        home = await unit("HOME", "district", str(province))
        home_leaf = await unit("HOME-1", "commune", str(home))
        other = await unit("OTHER", "district", str(province))
        other_leaf = await unit("OTHER-1", "commune", str(other))

    units = [province, home, home_leaf, other, other_leaf]  # the system holds other tests' units too
    for name, proc in system.services.items():
        if name == "members":
            continue
        dsn = proc.env["RC_DATABASE_URL"]

        async def projected(dsn: str = dsn) -> bool:
            conn = await asyncpg.connect(dsn)
            try:
                known = "SELECT count(DISTINCT unit_id) FROM scope_unit_versions WHERE unit_id = ANY($1::uuid[])"
                return int(await conn.fetchval(known, units)) == len(units)
            finally:
                await conn.close()

        await eventually(projected, timeout=60, what=f"{name} to learn the unit tree")
    return Scene(
        province=province,
        home=home,
        home_leaf=home_leaf,
        other=other,
        other_leaf=other_leaf,
        urls={n: p.url for n, p in system.services.items()},
    )
