"""Duplicate beneficiaries are found across the whole organisation, and the 409 never reveals an id
or a unit the caller may not read (real tokens, the service's own scope projection).

The tree: province → district → communes A and B (siblings); commune A → branch A1.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from rc_campaigns.domain.beneficiaries import DUPLICATE_CONTACT
from rc_shared.auth import generate_keys, mint
from tests.integration.campaigns.conftest import running, settings_for
from tests.integration.campaigns.helpers import beneficiary_body, snapshot

pytestmark = pytest.mark.integration


@dataclass
class World:
    client: httpx.AsyncClient
    db: asyncpg.Connection
    private_pem: bytes
    province: uuid.UUID
    district: uuid.UUID
    commune_a: uuid.UUID
    branch_a1: uuid.UUID
    commune_b: uuid.UUID

    def as_(self, role: str, unit: uuid.UUID | None) -> dict[str, str]:
        token = mint(
            self.private_pem,
            subject=f"{role}@{unit}",
            role=role,
            unit_id=unit,
            issuer="rc-dev",
            audience="redcross-platform",
        )
        return {"Authorization": f"Bearer {token}"}

    async def register(self, who: dict[str, str], **kw: Any) -> httpx.Response:
        return await self.client.post("/beneficiaries", json=beneficiary_body(**kw), headers=who)


@pytest.fixture(scope="module")
async def world(infra: Any, module_dsn: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    private, public = generate_keys(Path(tmp_path_factory.mktemp("keys")))
    settings = settings_for(
        infra, module_dsn, "unused.", auth_enabled=True, auth_public_key_file=str(public), write_rate_per_minute=10000
    )
    async with running(settings, relay=False, consumers=False) as client:
        db = await asyncpg.connect(module_dsn)
        units = [uuid.uuid4() for _ in range(5)]
        province, district, commune_a, branch_a1, commune_b = units
        for unit, parent in (
            (province, None),
            (district, province),
            (commune_a, district),
            (branch_a1, commune_a),
            (commune_b, district),
        ):
            await db.execute(
                "INSERT INTO scope_unit_versions (unit_id, parent_id, valid_from) VALUES ($1, $2, $3)",
                unit,
                parent,
                date(2020, 1, 1),
            )
        yield World(client, db, private.read_bytes(), *units)
        await db.close()


def _household() -> dict[str, str]:
    n = uuid.uuid4().int % 10**9
    return {"full_name": "Trần Thị Mười", "address": f"Số {n}, Khóm 4"}


async def test_an_id_number_registered_in_a_sibling_commune_is_a_409_without_its_id_or_unit(world: World) -> None:
    number = f"{uuid.uuid4().int % 10**12:012d}"
    first = await world.register(
        world.as_("data_entry", world.commune_b), unit_id=str(world.commune_b), id_number=number
    )
    assert first.status_code == 201, first.text
    before = await snapshot(world.db)
    r = await world.register(
        world.as_("data_entry", world.commune_a), unit_id=str(world.commune_a), id_number=number, **_household()
    )
    assert r.status_code == 409, r.text
    body = r.json()
    assert first.json()["id"] not in r.text and str(world.commune_b) not in r.text
    assert "existing_beneficiary_id" not in body and "existing_unit_id" not in body
    assert "the same ID number is already registered elsewhere" in body["message"]
    assert DUPLICATE_CONTACT in body["message"] and body["duplicate_by"] == "id_number"
    assert await snapshot(world.db) == before


async def test_the_same_household_in_a_sibling_commune_is_a_409_that_names_nothing(world: World) -> None:
    household = _household()
    first = await world.register(world.as_("data_entry", world.commune_b), unit_id=str(world.commune_b), **household)
    assert first.status_code == 201, first.text
    before = await snapshot(world.db)
    again = {"full_name": household["full_name"].upper(), "address": household["address"].replace("Số ", "")}
    r = await world.register(world.as_("data_entry", world.commune_a), unit_id=str(world.commune_a), **again)
    assert r.status_code == 409, r.text
    assert first.json()["id"] not in r.text and str(world.commune_b) not in r.text
    assert r.json()["duplicate_by"] == "name_and_address" and DUPLICATE_CONTACT in r.json()["message"]
    assert await snapshot(world.db) == before


async def test_the_same_household_registered_by_the_units_own_branch_is_named(world: World) -> None:
    household = _household()
    commune_a = world.as_("data_entry", world.commune_a)
    first = await world.register(commune_a, unit_id=str(world.branch_a1), **household)
    assert first.status_code == 201, first.text
    r = await world.register(commune_a, unit_id=str(world.commune_a), **household)
    assert r.status_code == 409, r.text
    assert r.json()["existing_beneficiary_id"] == first.json()["id"]  # in the caller's subtree: readable
    assert r.json()["existing_unit_id"] == str(world.branch_a1)
    assert (await world.client.get(f"/beneficiaries/{first.json()['id']}", headers=commune_a)).status_code == 200


async def test_a_manager_above_both_communes_is_told_which_beneficiary_it_is(world: World) -> None:
    household = _household()
    first = await world.register(world.as_("data_entry", world.commune_b), unit_id=str(world.commune_b), **household)
    assert first.status_code == 201, first.text
    r = await world.register(world.as_("unit_manager", world.district), unit_id=str(world.commune_a), **household)
    assert r.status_code == 409, r.text
    assert r.json()["existing_beneficiary_id"] == first.json()["id"]
