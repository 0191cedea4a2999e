"""Helpers for the members integration tests."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg
import httpx

from rc_shared.auth import mint

TABLES = (
    "units",
    "unit_versions",
    "people",
    "personal_data",
    "consents",
    "memberships",
    "membership_periods",
    "membership_fees",
    "roles",
    "volunteer_hours",
    "groups",
    "group_members",
    "courses",
    "course_attendance",
    "person_training",
    "outbox",
)


def bearer(private: bytes, role: str, unit_id: str | None) -> dict[str, str]:
    """The Authorization header of a token signed with ``private`` (the ``authed`` fixture's key)."""
    tok = mint(private, subject="it", role=role, unit_id=unit_id, issuer="rc-dev", audience="redcross-platform")
    return {"Authorization": f"Bearer {tok}"}


def tag() -> str:
    return uuid.uuid4().hex[:6].upper()


def id_number() -> str:
    """A citizen identity number no other person of the test database holds (one number, one person)."""
    return f"095{uuid.uuid4().int % 10**9:09d}"


async def row_counts(db: asyncpg.Connection) -> dict[str, int]:
    return {t: await db.fetchval(f"SELECT count(*) FROM {t}") for t in TABLES}


async def unit(
    client: httpx.AsyncClient, code: str, level: str, parent: str | None = None, valid_from: str = "2023-01-01"
) -> str:
    r = await client.post(
        "/units",
        json={"code": code, "name": f"Unit {code}", "level": level, "parent_id": parent, "valid_from": valid_from},
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def person(client: httpx.AsyncClient, birth_date: str = "1990-05-01", **extra: Any) -> str:
    body = {
        "full_name": "Nguyễn Văn Thử",
        "gender": "male",
        "birth_date": birth_date,
        "phone": "0912345678",
        "id_number": id_number(),
        "address": "Ấp 3, xã Vĩnh Trạch",
        "consent": {"purpose": "membership records", "given_on": "2023-01-01"},
        **extra,
    }
    r = await client.post("/people", json=body)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def tree(client: httpx.AsyncClient) -> dict[str, str]:
    """A province > district > commune > branch, from 2023-01-01, with unique codes."""
    t = tag()
    p = await unit(client, f"P{t}", "province")
    d = await unit(client, f"P{t}-D", "district", p)
    c = await unit(client, f"P{t}-D-C", "commune", d)
    b = await unit(client, f"P{t}-D-C-B", "branch", c)
    return {"province": p, "district": d, "commune": c, "branch": b, "tag": t}
