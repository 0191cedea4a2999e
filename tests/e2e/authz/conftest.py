"""One running system for the authorization tables, with a small organisation tree."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import asyncpg
import httpx
import pytest

from tests.e2e.authz.common import Scene
from tests.e2e.conftest import System, start_system
from tests.e2e.harness import auth
from tests.integration.shared.helpers import eventually


@pytest.fixture(scope="package")
def authz_system(infra: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    s = start_system(infra, tmp_path_factory.mktemp("authz-logs"))
    yield s
    for p in s.services.values():
        p.stop()


@pytest.fixture(scope="package")
async def scene(authz_system: System) -> Scene:
    """Province P with districts HOME and OTHER, each with one commune; known to every service."""
    tag = uuid.uuid4().hex[:6].upper()
    async with httpx.AsyncClient(base_url=authz_system.url("members"), timeout=30, headers=auth()) as members:

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

    for name, proc in authz_system.services.items():
        if name == "members":
            continue
        dsn = proc.env["RC_DATABASE_URL"]

        async def projected(dsn: str = dsn) -> bool:
            conn = await asyncpg.connect(dsn)
            try:
                return int(await conn.fetchval("SELECT count(*) FROM scope_unit_versions")) >= 5
            finally:
                await conn.close()

        await eventually(projected, timeout=60, what=f"{name} to learn the unit tree")
    return Scene(
        province=province,
        home=home,
        home_leaf=home_leaf,
        other=other,
        other_leaf=other_leaf,
        urls={n: p.url for n, p in authz_system.services.items()},
    )
