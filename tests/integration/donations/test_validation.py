"""Bad input answers 4xx with a field-level or clear message, never 500, and changes nothing."""

from __future__ import annotations

import re
import uuid
from typing import Any

import asyncpg
import httpx
import pytest

from tests.integration.donations.conftest import TODAY, Campaigns

TABLES = (
    "donations",
    "donors",
    "pledges",
    "distributions",
    "donation_reversals",
    "distribution_reversals",
    "idempotency_keys",
    "outbox",
)


async def _snapshot(db: asyncpg.Connection) -> dict[str, Any]:
    snap: dict[str, Any] = {t: await db.fetchval(f"SELECT count(*) FROM {t}") for t in TABLES}
    snap["receipts"] = await db.fetchval("SELECT coalesce(sum(last_receipt_no), 0) FROM ledgers")
    snap["sums"] = await db.fetchval("SELECT coalesce(sum(cash_received_vnd + cash_distributed_vnd), 0) FROM ledgers")
    return snap


@pytest.fixture(scope="module")
async def ctx(campaigns: Campaigns, client: httpx.AsyncClient) -> dict[str, Any]:
    cid, _ = await campaigns.launch()
    d = await client.post(
        f"/campaigns/{cid}/donations",
        json={"kind": "cash", "amount_vnd": 1_000, "channel": "cash", "received_on": str(TODAY)},
    )
    assert d.status_code == 201
    b = await campaigns.verified_beneficiary()
    return {"cid": cid, "donation": d.json()["id"], "ben": str(b)}


def cash(**over: Any) -> dict[str, Any]:
    return {"kind": "cash", "amount_vnd": 1000, "channel": "cash", "received_on": str(TODAY), **over}


def dist(ben: str, **over: Any) -> dict[str, Any]:
    return {"beneficiary_id": ben, "kind": "cash", "amount_vnd": 1, "distributed_on": str(TODAY), **over}


R = uuid.uuid4()  # an id nobody has


def cases(c: dict[str, Any]) -> list[tuple[str, str, str, Any, int, str]]:
    """(name, method, path, json body, expected status, expected field or message fragment)."""
    cid, ben, don = c["cid"], c["ben"], c["donation"]
    d = f"/campaigns/{cid}/donations"
    return [
        ("malformed campaign uuid", "POST", "/campaigns/not-a-uuid/donations", cash(), 422, "campaign_id"),
        ("amount zero", "POST", d, cash(amount_vnd=0), 422, "amount_vnd"),
        ("amount negative", "POST", d, cash(amount_vnd=-5), 422, "amount_vnd"),
        ("amount too big", "POST", d, cash(amount_vnd=10**15 + 1), 422, "amount_vnd"),
        ("amount fraction", "POST", d, cash(amount_vnd=1000.5), 422, "amount_vnd"),
        ("amount string", "POST", d, cash(amount_vnd="1000"), 422, "amount_vnd"),
        ("amount bool", "POST", d, cash(amount_vnd=True), 422, "amount_vnd"),
        ("unknown kind", "POST", d, cash(kind="crypto"), 422, "found using 'kind'"),  # the union's tag
        ("unknown channel", "POST", d, cash(channel="gold"), 422, "channel"),
        ("bad date", "POST", d, cash(received_on="2026-02-30"), 422, "received_on"),
        ("date out of range", "POST", d, cash(received_on="1899-01-01"), 422, "received_on"),
        ("empty bank reference", "POST", d, cash(bank_reference="  "), 422, "bank_reference"),
        ("unknown field", "POST", d, cash(amount=5), 422, "amount"),
        ("donor without name", "POST", d, cash(donor={"type": "individual"}), 422, "name is required"),
        ("donor empty name", "POST", d, cash(donor={"type": "individual", "name": ""}), 422, "donor.name"),
        (
            "anonymous donor with a name",
            "POST",
            d,
            cash(donor={"type": "anonymous", "name": "A"}),
            422,
            "carries no identity",
        ),
        ("bad phone", "POST", d, cash(donor={"type": "individual", "name": "A", "phone": "abc"}), 422, "donor.phone"),
        (
            "consent not bool",
            "POST",
            d,
            cash(donor={"type": "individual", "name": "A", "consent_to_be_named": "yes"}),
            422,
            "donor.consent_to_be_named",
        ),
        ("in-kind without items", "POST", d, {"kind": "in_kind", "received_on": str(TODAY), "items": []}, 422, "items"),
        (
            "blood without donor",
            "POST",
            d,
            {"kind": "blood", "units": 1, "blood_kind": "whole_blood", "received_on": str(TODAY)},
            422,
            "donor",
        ),
        (
            "blood from an organisation",
            "POST",
            d,
            {
                "kind": "blood",
                "units": 1,
                "blood_kind": "whole_blood",
                "received_on": str(TODAY),
                "donor": {"type": "organisation", "name": "X"},
            },
            422,
            "identified individual",
        ),
        (
            "blood units zero",
            "POST",
            d,
            {
                "kind": "blood",
                "units": 0,
                "blood_kind": "whole_blood",
                "received_on": str(TODAY),
                "donor": {"type": "individual", "name": "X"},
            },
            422,
            "units",
        ),
        ("unknown pledge", "POST", d, cash(pledge_id=str(R)), 409, "is not a pledge to"),
        ("unknown donor id", "POST", d, cash(donor={"type": "individual", "id": str(R)}), 409, "is not known"),
        ("stranger receiving unit", "POST", d, cash(unit_id=str(R)), 409, "neither the organising unit"),
        ("body not json object", "POST", d, [1, 2], 422, ""),
        ("unknown donation reversal", "POST", f"/donations/{R}/reversal", {"reason": "xyz"}, 404, "not found"),
        ("reversal reason too short", "POST", f"/donations/{don}/reversal", {"reason": "x"}, 422, "reason"),
        ("reversal without reason", "POST", f"/donations/{don}/reversal", {}, 422, "reason"),
        ("unknown donation", "GET", f"/donations/{R}", None, 404, "not found"),
        ("malformed donation id", "GET", "/donations/123", None, 422, "donation_id"),
        ("unknown receipt", "GET", f"/donations/{R}/receipt", None, 404, "not found"),
        ("unknown ledger", "GET", f"/campaigns/{R}/ledger", None, 404, "no ledger"),
        ("unknown public ledger", "GET", f"/campaigns/{R}/public-ledger", None, 404, "no ledger"),
        ("public ledger limit 0", "GET", f"/campaigns/{cid}/public-ledger?limit=0", None, 422, "limit"),
        ("unknown campaign donations list", "GET", f"/campaigns/{R}/donations", None, 404, "no ledger"),
        ("unknown pledge get", "GET", f"/pledges/{R}", None, 404, "not found"),
        (
            "pledge zero instalments",
            "POST",
            f"/campaigns/{cid}/pledges",
            {"amount_vnd": 1000, "instalments": 0, "first_due_on": str(TODAY)},
            422,
            "instalments",
        ),
        (
            "pledge smaller than instalments",
            "POST",
            f"/campaigns/{cid}/pledges",
            {"amount_vnd": 2, "instalments": 3, "first_due_on": str(TODAY)},
            422,
            "cannot be split",
        ),
        (
            "pledge to unknown campaign",
            "POST",
            f"/campaigns/{R}/pledges",
            {"amount_vnd": 1000, "instalments": 1, "first_due_on": str(TODAY)},
            409,
            "not open",
        ),
        ("distribution to unknown campaign", "POST", f"/campaigns/{R}/distributions", dist(ben), 404, "no ledger"),
        (
            "distribution amount and value",
            "POST",
            f"/campaigns/{cid}/distributions",
            dist(ben, value_vnd=5),
            422,
            "no value_vnd",
        ),
        (
            "goods distribution without value",
            "POST",
            f"/campaigns/{cid}/distributions",
            dist(ben, kind="goods"),
            422,
            "needs value_vnd",
        ),
        (
            "distribution overdraft",
            "POST",
            f"/campaigns/{cid}/distributions",
            dist(ben, amount_vnd=1001),
            409,
            "insufficient balance: requested 1001 VND, available 1000 VND",
        ),
        (
            "distribution malformed beneficiary",
            "POST",
            f"/campaigns/{cid}/distributions",
            dist("nope"),
            422,
            "beneficiary_id",
        ),
        (
            "distribution in the future",
            "POST",
            f"/campaigns/{cid}/distributions",
            dist(ben, distributed_on="2099-01-01"),
            422,
            "is in the future",
        ),
        ("unknown distribution", "GET", f"/distributions/{R}", None, 404, "not found"),
        ("unknown distribution reversal", "POST", f"/distributions/{R}/reversal", {"reason": "xyz"}, 404, "not found"),
        ("statement with no rows", "POST", f"/campaigns/{cid}/bank-statement", {"rows": []}, 422, "rows"),
        (
            "statement to unknown campaign",
            "POST",
            f"/campaigns/{R}/bank-statement",
            {"rows": [{"bank_reference": "A", "received_on": str(TODAY), "amount_vnd": 1}]},
            409,
            "not open",
        ),
        ("unknown donor", "GET", f"/donors/{R}", None, 404, "not found"),
        ("unknown donor erase", "DELETE", f"/donors/{R}", None, 404, "not found"),
        ("unknown donor correction", "PATCH", f"/donors/{R}", {"name": "A"}, 404, "not found"),
        ("donor correction empty", "PATCH", f"/donors/{R}", {}, 422, "nothing to change"),
        ("donor correction null name", "PATCH", f"/donors/{R}", {"name": None}, 422, "name"),
        ("donor correction bad birth date", "PATCH", f"/donors/{R}", {"birth_date": "1899-12-31"}, 422, "birth_date"),
        ("donor correction extra", "PATCH", f"/donors/{R}", {"blood_group": "O"}, 422, "blood_group"),
        ("eligibility bad kind", "GET", f"/donors/{R}/blood-eligibility?kind=plasma", None, 422, "kind"),
        ("idempotency key empty", "POST", d, cash(), 422, "Idempotency-Key"),
    ]


_PLACES = ("body.", "query.", "path.", "header.")
_TAGS = ("cash.", "in_kind.", "blood.", "goods.")  # the member of a tagged union pydantic names first


def says(answer: dict[str, Any], status: int, expect: str) -> bool:
    """A 422 whose expectation is a field's name names that field and no other (after its place and the
    union member's tag); any other expectation is a phrase of the message or of an error's message
    (never of the error codes: 'extra_forbidden' holds 'extra', 'validation_error' 'validation')."""
    errors = answer.get("errors") or []
    if status == 422 and re.fullmatch(r"[a-zA-Z_.-]+", expect):
        named = [e["field"] for e in errors] or [answer.get("field") or ""]
        for prefix in (*_PLACES, *_TAGS):
            named = [f.removeprefix(prefix) for f in named]
        return bool(named) and all(f == expect or f.startswith(f"{expect}.") for f in named)
    return expect in str(answer["message"]) or any(expect in str(e.get("message")) for e in errors)


async def test_every_endpoint_answers_bad_input_with_4xx_and_changes_nothing(
    ctx: dict[str, Any], client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    before = await _snapshot(db)
    failures = []
    for name, method, path, body, status, expect in cases(ctx):
        headers = {"Idempotency-Key": ""} if name == "idempotency key empty" else {}
        r = await client.request(method, path, json=body, headers=headers)
        text = r.text
        if r.status_code != status or (expect and not says(r.json(), status, expect)):
            failures.append(f"{name}: {method} {path} -> {r.status_code} {text[:300]}")
            continue
        payload = r.json()
        assert payload["message"], name
        if status == 422 and payload["error"] == "validation_error":
            assert all(e["message"] for e in payload["errors"]), name
    assert not failures, "\n".join(failures)
    assert await _snapshot(db) == before
