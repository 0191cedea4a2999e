"""Every endpoint's 4xx answers: the status, the message, and the database unchanged (never a 500)."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg
import httpx
import pytest

from tests.integration.campaigns.helpers import beneficiary_body, campaign_body, create_campaign, snapshot

pytestmark = pytest.mark.integration

UNKNOWN = "00000000-0000-4000-8000-000000000000"
BEN_UNIT = str(uuid.uuid4())
BEN_ADDRESS = "Số 1, Ấp Bad Input"
SPONSOR = {
    "sponsor_type": "individual",
    "sponsor_name": "Bà Năm",
    "sponsor_contact": "0900 000 000",
    "start_on": "2025-02-01",
    "commitment": "200.000 đồng mỗi tháng",
}
SESSION = {"held_on": "2025-01-15", "place": "Hội trường", "capacity": 10}


@pytest.fixture(scope="module")
async def world(client: httpx.AsyncClient) -> dict[str, str]:
    """One of each resource, referenced by the table as {draft}, {launched}, {beneficiary}, {session}."""
    draft = await create_campaign(client, code="BAD-DRAFT")
    launched = await create_campaign(client, campaign_type="blood_drive")
    assert (
        await client.post(f"/campaigns/{launched['id']}/launch", json={"launched_on": "2025-01-01"})
    ).status_code == 200
    b = await client.post(
        "/beneficiaries", json=beneficiary_body(unit_id=BEN_UNIT, full_name="Bad Input Household", address=BEN_ADDRESS)
    )
    assert b.status_code == 201, b.text
    s = await client.post(f"/campaigns/{launched['id']}/blood-sessions", json=SESSION)
    assert s.status_code == 201, s.text
    return {"draft": draft["id"], "launched": launched["id"], "beneficiary": b.json()["id"], "session": s.json()["id"]}


def _c(**kw: Any) -> dict[str, Any]:
    return campaign_body(**kw)


def _b(**kw: Any) -> dict[str, Any]:
    return beneficiary_body(**kw)


# (method, path, body, status, a piece of the message, or of the field for validation errors)
CASES: list[tuple[str, str, Any, int, str]] = [
    # POST /campaigns
    # an empty body: every required field named, and no other
    ("POST", "/campaigns", {}, 422, "fields:campaign_type,code,name,organising_unit_id,receiving_from,receiving_until"),
    ("POST", "/campaigns", _c(code=""), 422, "field:code"),
    ("POST", "/campaigns", _c(code="has space"), 422, "field:code"),
    ("POST", "/campaigns", _c(name="   "), 422, "field:name"),
    ("POST", "/campaigns", _c(name="x" * 201), 422, "field:name"),
    ("POST", "/campaigns", _c(campaign_type="party"), 422, "field:campaign_type"),
    ("POST", "/campaigns", _c(organising_unit_id="not-a-uuid"), 422, "field:organising_unit_id"),
    ("POST", "/campaigns", _c(organising_unit_id=UNKNOWN), 422, f"organising_unit_id: unit {UNKNOWN} is not in the"),
    ("POST", "/campaigns", _c(targets={"cash_vnd": 10**20}), 422, "field:targets.cash_vnd"),
    ("POST", "/campaigns", _c(targets={"cash_vnd": -1}), 422, "field:targets.cash_vnd"),
    ("POST", "/campaigns", _c(targets={"cash_vnd": 1.5}), 422, "field:targets.cash_vnd"),
    ("POST", "/campaigns", _c(receiving_from="2025-02-30"), 422, "field:receiving_from"),
    ("POST", "/campaigns", _c(receiving_from="99999-01-01"), 422, "field:receiving_from"),
    ("POST", "/campaigns", _c(receiving_from="1800-01-01"), 422, "field:receiving_from"),
    (
        "POST",
        "/campaigns",
        _c(receiving_from="2025-03-01", receiving_until="2025-02-01"),
        422,
        "receiving_until is before",
    ),
    ("POST", "/campaigns", {**_c(), "colour": "red"}, 422, "field:colour"),
    ("POST", "/campaigns", _c(code="BAD-DRAFT"), 409, "a campaign with code 'BAD-DRAFT' already exists"),
    ("POST", "/campaigns", _c(parent_campaign_id=UNKNOWN), 422, f"parent campaign {UNKNOWN} does not exist"),
    ("POST", "/campaigns", "not json", 422, "JSON decode error"),
    ("POST", "/campaigns", _c(name="nul \u0000 byte"), 422, "invalid"),
    (
        "POST",
        "/campaigns",
        _c(participating_unit_ids=[str(uuid.uuid4()) for _ in range(501)]),
        422,
        "field:participating_unit_ids",
    ),
    # GET /campaigns, /campaigns/overdue, /campaigns/{id}
    ("GET", "/campaigns?state=bogus", None, 422, "field:query.state"),
    ("GET", "/campaigns?type=party", None, 422, "field:query.type"),
    ("GET", "/campaigns?unit_id=zzz", None, 422, "field:query.unit_id"),
    ("GET", "/campaigns?limit=0", None, 422, "field:query.limit"),
    ("GET", f"/campaigns?limit={10**30}", None, 422, "field:query.limit"),
    ("GET", "/campaigns/overdue?as_of=2025-13-01", None, 422, "field:query.as_of"),
    ("GET", "/campaigns/overdue?as_of=0", None, 422, "field:query.as_of"),  # not a Unix timestamp
    ("GET", "/campaigns/overdue?as_of=1700000000", None, 422, "field:query.as_of"),
    ("GET", "/campaigns/overdue?as_of=2025-06-01T00:00", None, 422, "field:query.as_of"),
    ("GET", "/campaigns/not-a-uuid", None, 422, "field:path.campaign_id"),
    ("GET", f"/campaigns/{UNKNOWN}", None, 404, f"campaign {UNKNOWN} not found"),
    ("GET", f"/campaigns/{UNKNOWN}/beneficiaries/public", None, 404, f"campaign {UNKNOWN} not found"),
    # PATCH /campaigns/{id}
    ("PATCH", f"/campaigns/{UNKNOWN}", {"name": "x"}, 404, f"campaign {UNKNOWN} not found"),
    ("PATCH", "/campaigns/{draft}", {}, 422, "nothing to change"),
    ("PATCH", "/campaigns/{draft}", {"organising_unit_id": UNKNOWN}, 422, f"organising_unit_id: unit {UNKNOWN} is not"),
    ("PATCH", "/campaigns/{draft}", {"name": None}, 422, "name cannot be null"),
    ("PATCH", "/campaigns/{draft}", {"receiving_until": "2024-01-01"}, 422, "is before receiving_from"),
    ("PATCH", "/campaigns/{draft}", {"parent_campaign_id": "{draft}"}, 422, "cannot be its own parent"),
    ("PATCH", "/campaigns/{launched}", {"name": "x"}, 409, "only a draft campaign can be edited"),
    # lifecycle
    ("POST", f"/campaigns/{UNKNOWN}/launch", None, 404, f"campaign {UNKNOWN} not found"),
    ("POST", "/campaigns/nope/close", None, 422, "field:path.campaign_id"),
    ("POST", "/campaigns/{launched}/launch", None, 409, "cannot launch a launched campaign"),
    (
        "POST",
        "/campaigns/{draft}/settle",
        None,
        409,
        "cannot settle a draft campaign; allowed from draft: launch, cancel",
    ),
    ("POST", "/campaigns/{launched}/close", {"closed_on": "2024-12-01"}, 422, "cancel the campaign instead"),
    ("POST", "/campaigns/{launched}/close", {"closed_on": "2025-02-31"}, 422, "field:closed_on"),
    ("POST", "/campaigns/{draft}/cancel", {"reason": "x" * 2001}, 422, "field:reason"),
    ("POST", "/campaigns/{draft}/launch", {"launched_on": 12}, 422, "field:launched_on"),
    # PUT /campaigns/{id}/disclosure
    ("PUT", f"/campaigns/{UNKNOWN}/disclosure", {}, 404, f"campaign {UNKNOWN}"),
    ("PUT", "/campaigns/{draft}/disclosure", {"support_levels": "Mức 1"}, 422, "field:support_levels"),
    ("PUT", "/campaigns/{draft}/disclosure", {"call_documents": [{"title": "x", "url": "ftp://x"}]}, 422, "^https?://"),
    # beneficiaries
    ("POST", "/beneficiaries", _b(kind="family"), 422, "field:kind"),
    ("POST", "/beneficiaries", {k: v for k, v in _b().items() if k != "consent"}, 422, "field:consent"),
    ("POST", "/beneficiaries", _b(consent={"purpose": "", "given_on": "2025-01-01"}), 422, "field:consent.purpose"),
    ("POST", "/beneficiaries", _b(consent={"purpose": "x", "given_on": "2099-01-01"}), 422, "in the future"),
    ("POST", "/beneficiaries", _b(household_size=0), 422, "field:household_size"),
    ("POST", "/beneficiaries", _b(household_size=10**12), 422, "field:household_size"),
    ("POST", "/beneficiaries", _b(kind="person", household_size=3), 422, "household_size must be 1"),
    ("POST", "/beneficiaries", _b(humanitarian_address="yes"), 422, "field:humanitarian_address"),
    ("POST", "/beneficiaries", _b(id_number="!!"), 422, "field:id_number"),
    ("POST", "/beneficiaries", _b(full_name=""), 422, "field:full_name"),
    ("POST", "/beneficiaries", _b(campaign_id=UNKNOWN), 422, f"campaign {UNKNOWN} does not exist"),
    (
        "POST",
        "/beneficiaries",
        _b(unit_id=BEN_UNIT, full_name="bad  INPUT household", address=BEN_ADDRESS),
        409,
        "is already registered with the same head",
    ),
    ("GET", "/beneficiaries?verified=maybe", None, 422, "field:query.verified"),
    ("GET", "/beneficiaries?offset=-1", None, 422, "field:query.offset"),
    ("GET", f"/beneficiaries/{UNKNOWN}", None, 404, f"beneficiary {UNKNOWN} not found"),
    ("GET", "/beneficiaries/123", None, 422, "field:path.beneficiary_id"),
    ("PATCH", f"/beneficiaries/{UNKNOWN}", {"notes": "x"}, 404, f"beneficiary {UNKNOWN} not found"),
    ("PATCH", "/beneficiaries/{beneficiary}", {}, 422, "nothing to change"),
    ("PATCH", "/beneficiaries/{beneficiary}", {"full_name": None}, 422, "full_name cannot be null"),
    ("PATCH", "/beneficiaries/{beneficiary}", {"address": ""}, 422, "field:address"),
    ("PATCH", "/beneficiaries/{beneficiary}", {"unit_id": UNKNOWN}, 422, "field:unit_id"),
    ("DELETE", f"/beneficiaries/{UNKNOWN}/personal-data", None, 404, f"beneficiary {UNKNOWN} not found"),
    ("DELETE", "/beneficiaries/123/personal-data", None, 422, "field:path.beneficiary_id"),
    ("POST", f"/beneficiaries/{UNKNOWN}/campaigns", {"campaign_id": UNKNOWN}, 404, f"beneficiary {UNKNOWN} not found"),
    ("POST", "/beneficiaries/{beneficiary}/campaigns", {"campaign_id": UNKNOWN}, 404, f"campaign {UNKNOWN} not found"),
    ("POST", "/beneficiaries/{beneficiary}/campaigns", {"campaign_id": "x"}, 422, "field:campaign_id"),
    ("POST", "/beneficiaries/{beneficiary}/campaigns", {}, 422, "field:campaign_id"),
    ("POST", f"/beneficiaries/{UNKNOWN}/verify", {"verified_by": "x", "verified_on": "2025-01-05"}, 404, "not found"),
    (
        "POST",
        "/beneficiaries/{beneficiary}/verify",
        {"verified_by": "", "verified_on": "2025-01-05"},
        422,
        "field:verified_by",
    ),
    (
        "POST",
        "/beneficiaries/{beneficiary}/verify",
        {"verified_by": "x", "verified_on": "2024-01-01"},
        422,
        "before consent",
    ),
    ("POST", "/beneficiaries/{beneficiary}/verify", {"verified_by": "x", "verified_on": "2099-01-01"}, 422, "future"),
    ("POST", f"/beneficiaries/{UNKNOWN}/sponsorships", SPONSOR, 404, f"beneficiary {UNKNOWN} not found"),
    (
        "POST",
        "/beneficiaries/{beneficiary}/sponsorships",
        {**SPONSOR, "sponsor_type": "robot"},
        422,
        "field:sponsor_type",
    ),
    ("POST", "/beneficiaries/{beneficiary}/sponsorships", {**SPONSOR, "end_on": "2025-01-01"}, 422, "end_on is before"),
    ("POST", "/beneficiaries/{beneficiary}/sponsorships", SPONSOR, 409, "is not verified yet"),
    # blood drives
    ("POST", f"/campaigns/{UNKNOWN}/blood-sessions", SESSION, 404, f"campaign {UNKNOWN} not found"),
    ("POST", "/campaigns/{launched}/blood-sessions", {**SESSION, "capacity": 0}, 422, "field:capacity"),
    ("POST", "/campaigns/{launched}/blood-sessions", {**SESSION, "capacity": 10**9}, 422, "field:capacity"),
    ("POST", "/campaigns/{launched}/blood-sessions", {**SESSION, "place": ""}, 422, "field:place"),
    ("POST", "/campaigns/{draft}/blood-sessions", SESSION, 409, "blood sessions belong to blood_drive campaigns"),
    ("GET", f"/campaigns/{UNKNOWN}/blood-sessions", None, 404, "not found"),
    ("GET", f"/blood-sessions/{UNKNOWN}", None, 404, f"blood session {UNKNOWN} not found"),
    ("POST", f"/blood-sessions/{UNKNOWN}/registrations", {"donor_ref": "D-1"}, 404, "not found"),
    ("POST", "/blood-sessions/{session}/registrations", {"donor_ref": ""}, 422, "field:donor_ref"),
    (
        "POST",
        "/blood-sessions/{session}/registrations",
        {"donor_ref": "D-1", "blood_group": "Z"},
        422,
        "field:blood_group",
    ),
]


def _fill(value: Any, world: dict[str, str]) -> Any:
    if isinstance(value, str):
        for k, v in world.items():
            value = value.replace("{" + k + "}", v)
        return value
    if isinstance(value, dict):
        return {k: _fill(v, world) for k, v in value.items()}
    return value


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "expect"), CASES, ids=[f"{c[0]} {c[1]} {c[3]} {c[4]}"[:90] for c in CASES]
)
async def test_refused_request_answers_status_and_message_and_changes_nothing(
    client: httpx.AsyncClient,
    db: asyncpg.Connection,
    world: dict[str, str],
    method: str,
    path: str,
    body: Any,
    status: int,
    expect: str,
) -> None:
    before = await snapshot(db)
    kwargs: dict[str, Any] = {}
    if isinstance(body, str):
        kwargs = {"content": body, "headers": {"content-type": "application/json"}}
    elif body is not None:
        kwargs = {"json": _fill(body, world)}
    r = await client.request(method, _fill(path, world), **kwargs)
    assert r.status_code == status, r.text
    answer = r.json()
    if expect.startswith("fields:"):
        assert answer["error"] == "validation_error"
        assert sorted(e["field"] for e in answer["errors"]) == expect[7:].split(","), answer["errors"]
    elif expect.startswith("field:"):
        assert answer["error"] == "validation_error"
        fields = [e["field"] for e in answer["errors"]]  # the bad field and no other
        assert fields and all(f == expect[6:] or f.startswith(expect[6:] + ".") for f in fields), fields
    else:
        # a domain refusal (422 'invalid'), or the request's shape (422 'validation_error': not JSON...)
        assert (
            answer["error"] in {404: ("not_found",), 409: ("conflict",), 422: ("invalid", "validation_error")}[status]
        )
        assert expect in answer["message"] or expect in str(answer.get("errors", "")), answer
    assert await snapshot(db) == before


def test_the_table_covers_every_endpoint() -> None:
    from rc_campaigns.entrypoints.routes import router

    routes = {(m, str(getattr(r, "path", ""))) for r in router.routes for m in getattr(r, "methods", ())}
    covered: set[tuple[str, str]] = set()
    for method, path, *_ in CASES:
        template = path.split("?")[0]
        for r_method, r_path in routes:
            parts, rparts = template.split("/"), r_path.split("/")
            if (
                r_method == method
                and len(parts) == len(rparts)
                and all(a == b or b.startswith("{") for a, b in zip(parts, rparts, strict=True))
            ):
                covered.add((r_method, r_path))
    assert routes - covered == set()
