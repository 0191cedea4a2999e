"""Authorization of the donations service: every endpoint × every role × in/out of scope, no token.

Resources live in ``scene.home_leaf``: a campaign launched through the campaigns API (the ledger
opens from its event), a verified beneficiary of it (known here from the campaigns events), a
named donor with a large cash gift (the balance for distributions), a pledge and a distribution.
They are made once as an organisation-wide admin and cached in ``scene.cache``. Reversals and the
erasure get a record of their own for every caller, so each allowed caller must get the route's own
success status. The expected answers are the table ``ROWS`` below.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest

from rc_shared import clock
from tests.e2e.authz.common import PUBLIC, Body, Row, Scene, assert_table_covers, run_table
from tests.e2e.harness import auth
from tests.integration.shared.helpers import eventually

pytestmark = pytest.mark.e2e

TODAY = clock.today()
Built = tuple[str, Body, dict[str, str]]


def _ok(r: httpx.Response) -> dict[str, Any]:
    assert r.status_code in (200, 201), f"{r.request.method} {r.request.url}: {r.status_code} {r.text}"
    return r.json()  # type: ignore[no-any-return]


def _tag() -> str:
    return uuid.uuid4().hex[:10]


def cash(unit: uuid.UUID, amount: int, donor: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "cash",
        "amount_vnd": amount,
        "channel": "cash",
        "received_on": TODAY.isoformat(),
        "unit_id": str(unit),
    }
    if donor is not None:
        body["donor"] = donor
    return body


def named_donor() -> dict[str, Any]:
    return {"type": "individual", "name": f"Trần Thị {_tag()}", "birth_date": "1990-01-01"}


async def world(scene: Scene, unit: uuid.UUID) -> dict[str, str]:
    """The ledger and records every case needs, made once per unit."""
    key = f"donations:world:{unit}"
    if key in scene.cache:
        return scene.cache[key]  # type: ignore[no-any-return]
    w: dict[str, str] = {}
    async with scene.client("campaigns") as campaigns, scene.client("donations") as donations:
        body = {
            "code": f"AZD-{_tag()}",
            "name": "Authorization check (donations)",
            "campaign_type": "emergency_relief",
            "organising_unit_id": str(unit),
            "receiving_from": (TODAY - timedelta(days=5)).isoformat(),
            "receiving_until": (TODAY + timedelta(days=30)).isoformat(),
        }
        cid = w["campaign"] = _ok(await campaigns.post("/campaigns", json=body))["id"]
        _ok(await campaigns.post(f"/campaigns/{cid}/launch", json={}))
        b = {
            "kind": "household",
            "unit_id": str(unit),
            "full_name": f"Hộ {_tag()}",
            "address": f"Số {_tag()}, thôn Tây",
            "commune": "Xã Thử",
            "campaign_id": cid,
            "consent": {"purpose": "relief support", "given_on": TODAY.isoformat()},
        }
        bid = w["beneficiary"] = _ok(await campaigns.post("/beneficiaries", json=b))["id"]
        verify = {"verified_by": "cán bộ xã", "verified_on": TODAY.isoformat()}
        _ok(await campaigns.post(f"/beneficiaries/{bid}/verify", json=verify))

        async def ledger_open() -> bool:
            return (await donations.get(f"/campaigns/{cid}/ledger")).status_code == 200

        await eventually(ledger_open, timeout=30, what="the donations service to open the ledger from the event")
        gift = _ok(await donations.post(f"/campaigns/{cid}/donations", json=cash(unit, 50_000_000, named_donor())))
        w["donation"], w["donor"] = gift["id"], gift["donor_id"]
        pledge = {"amount_vnd": 300_000, "instalments": 3, "first_due_on": TODAY.isoformat(), "interval_days": 7}
        w["pledge"] = _ok(await donations.post(f"/campaigns/{cid}/pledges", json=pledge))["id"]

        give = {"beneficiary_id": bid, "kind": "cash", "amount_vnd": 10_000, "distributed_on": TODAY.isoformat()}
        given: list[str] = []

        async def distributed() -> bool:  # 409 until the verification event has reached donations
            r = await donations.post(f"/campaigns/{cid}/distributions", json=give)
            if r.status_code == 201:
                given.append(r.json()["id"])
            return r.status_code == 201

        await eventually(distributed, timeout=30, what="the donations service to learn the verified beneficiary")
        w["distribution"] = given[0]
    scene.cache[key] = w
    return w


async def new_record(scene: Scene, unit: uuid.UUID, what: str, body: dict[str, Any]) -> dict[str, Any]:
    """A new donation or distribution (``what``) in the unit's campaign, recorded by the admin."""
    async with scene.client("donations") as c:
        return _ok(await c.post(f"/campaigns/{(await world(scene, unit))['campaign']}/{what}", json=body))


# ------------------------------------------------------------------ builders


async def b_record_donation(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{(await world(scene, unit))['campaign']}/donations", cash(unit, 1000), {}


async def b_list_donations(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{(await world(scene, unit))['campaign']}/donations", None, {}


async def b_get_donation(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/donations/{(await world(scene, unit))['donation']}", None, {}


async def b_receipt(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/donations/{(await world(scene, unit))['donation']}/receipt", None, {}


async def b_reverse_donation(scene: Scene, unit: uuid.UUID) -> Built:
    donation = await new_record(scene, unit, "donations", cash(unit, 1000))
    return f"/donations/{donation['id']}/reversal", {"reason": "entered twice"}, {}


async def b_statement(scene: Scene, unit: uuid.UUID) -> Built:
    row = {"bank_reference": f"FT{_tag()}", "received_on": TODAY.isoformat(), "amount_vnd": 5000}
    return f"/campaigns/{(await world(scene, unit))['campaign']}/bank-statement", {"rows": [row]}, {}


async def b_record_pledge(scene: Scene, unit: uuid.UUID) -> Built:
    body = {"amount_vnd": 100_000, "instalments": 1, "first_due_on": TODAY.isoformat(), "unit_id": str(unit)}
    return f"/campaigns/{(await world(scene, unit))['campaign']}/pledges", body, {}


async def b_get_pledge(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/pledges/{(await world(scene, unit))['pledge']}", None, {}


async def b_record_distribution(scene: Scene, unit: uuid.UUID) -> Built:
    w = await world(scene, unit)
    body = {
        "beneficiary_id": w["beneficiary"],
        "kind": "cash",
        "amount_vnd": 100,
        "distributed_on": TODAY.isoformat(),
        "unit_id": str(unit),
    }
    return f"/campaigns/{w['campaign']}/distributions", body, {}


async def b_list_distributions(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{(await world(scene, unit))['campaign']}/distributions", None, {}


async def b_get_distribution(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/distributions/{(await world(scene, unit))['distribution']}", None, {}


async def b_reverse_distribution(scene: Scene, unit: uuid.UUID) -> Built:
    w = await world(scene, unit)
    give = {"beneficiary_id": w["beneficiary"], "kind": "cash", "amount_vnd": 100, "distributed_on": TODAY.isoformat()}
    distribution = await new_record(scene, unit, "distributions", give)
    return f"/distributions/{distribution['id']}/reversal", {"reason": "wrong household"}, {}


async def b_ledger(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{(await world(scene, unit))['campaign']}/ledger", None, {}


async def b_public_ledger(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{(await world(scene, unit))['campaign']}/public-ledger", None, {}


async def b_ledger_lines(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{(await world(scene, unit))['campaign']}/public-ledger/lines", None, {}


async def b_ledger_summary(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{(await world(scene, unit))['campaign']}/public-ledger/summary", None, {}


async def b_ledger_csv(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{(await world(scene, unit))['campaign']}/public-ledger/lines.csv", None, {}


async def b_ledger_xlsx(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/campaigns/{(await world(scene, unit))['campaign']}/public-ledger/lines.xlsx", None, {}


async def b_consent(scene: Scene, unit: uuid.UUID) -> Built:
    gift = await new_record(scene, unit, "donations", cash(unit, 2000, named_donor()))
    return f"/donors/{gift['donor_id']}/consent", {"consent_to_be_named": False}, {}


async def b_get_donor(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/donors/{(await world(scene, unit))['donor']}", None, {}


async def b_erase_payer(scene: Scene, unit: uuid.UUID) -> Built:
    gift = await new_record(scene, unit, "donations", {**cash(unit, 1000), "description": "CK 0912345678"})
    return f"/donations/{gift['id']}/payer", None, {}


async def b_erase_donor(scene: Scene, unit: uuid.UUID) -> Built:
    gift = await new_record(scene, unit, "donations", cash(unit, 2000, named_donor()))
    return f"/donors/{gift['donor_id']}", None, {}


async def b_correct_donor(scene: Scene, unit: uuid.UUID) -> Built:
    gift = await new_record(scene, unit, "donations", cash(unit, 2000, named_donor()))
    return f"/donors/{gift['donor_id']}", {"birth_date": "1990-01-01"}, {}


async def b_eligibility(scene: Scene, unit: uuid.UUID) -> Built:
    return f"/donors/{(await world(scene, unit))['donor']}/blood-eligibility", None, {}


# Who may call each endpoint and what they get, stated here (not taken from the production code).
# roles: V viewer, D data_entry, M unit_manager, A admin; "-": refused with 403, in scope or not;
# PUBLIC: no token needed. ok: an allowed caller in the HOME subtree (and the organisation-wide
# admin); out: an allowed caller scoped to the OTHER district, for the same existing record: 403,
# except donors (personal data), who do not exist outside the scope (404).
# fmt: off
ROWS = [
    #   method    path                                       roles      ok   out  builder
    Row("POST",   "/campaigns/{campaign_id}/donations",      "- D M A", 201, 403, b_record_donation),
    Row("GET",    "/campaigns/{campaign_id}/donations",      "V D M A", 200, 403, b_list_donations),
    Row("GET",    "/donations/{donation_id}",                "V D M A", 200, 403, b_get_donation),
    Row("GET",    "/donations/{donation_id}/receipt",        "V D M A", 200, 403, b_receipt),
    Row("POST",   "/donations/{donation_id}/reversal",       "- - M A", 201, 403, b_reverse_donation),
    Row("POST",   "/campaigns/{campaign_id}/bank-statement", "- D M A", 200, 403, b_statement),
    Row("POST",   "/campaigns/{campaign_id}/pledges",        "- D M A", 201, 403, b_record_pledge),
    Row("GET",    "/pledges/{pledge_id}",                    "V D M A", 200, 403, b_get_pledge),
    Row("POST",   "/campaigns/{campaign_id}/distributions",  "- - M A", 201, 403, b_record_distribution),
    Row("GET",    "/campaigns/{campaign_id}/distributions",  "V D M A", 200, 403, b_list_distributions),
    Row("GET",    "/distributions/{distribution_id}",        "V D M A", 200, 403, b_get_distribution),
    Row("POST",   "/distributions/{distribution_id}/reversal", "- - M A", 201, 403, b_reverse_distribution),
    Row("GET",    "/campaigns/{campaign_id}/ledger",         "V D M A", 200, 403, b_ledger),
    Row("GET",    "/campaigns/{campaign_id}/public-ledger",  PUBLIC,    200, 200, b_public_ledger),
    Row("GET",    "/campaigns/{campaign_id}/public-ledger/lines", PUBLIC, 200, 200, b_ledger_lines),
    Row("GET",    "/campaigns/{campaign_id}/public-ledger/summary", PUBLIC, 200, 200, b_ledger_summary),
    Row("GET",    "/campaigns/{campaign_id}/public-ledger/lines.csv", PUBLIC, 200, 200, b_ledger_csv),
    Row("GET",    "/campaigns/{campaign_id}/public-ledger/lines.xlsx", PUBLIC, 200, 200, b_ledger_xlsx),
    # (the HTML ledger page, /public/campaigns/{campaign_id}/ledger, is not in the OpenAPI: its
    # public answers are tested in the browser test and tests/integration/donations)
    Row("PUT",    "/donors/{donor_id}/consent",              "- - M A", 200, 404, b_consent),
    Row("GET",    "/donors/{donor_id}",                      "V D M A", 200, 404, b_get_donor),
    Row("PATCH",  "/donors/{donor_id}",                      "- - M A", 200, 404, b_correct_donor),
    Row("DELETE", "/donors/{donor_id}",                      "- - M A", 200, 404, b_erase_donor),
    Row("DELETE", "/donations/{donation_id}/payer",          "- - M A", 200, 403, b_erase_payer),
    Row("GET",    "/donors/{donor_id}/blood-eligibility",    "- D M A", 200, 404, b_eligibility),
]
# fmt: on


async def test_every_donations_endpoint_has_a_rule(scene: Scene) -> None:
    async with scene.client("donations") as c:
        openapi = _ok(await c.get("/openapi.json"))
    assert_table_covers(openapi, ROWS)


async def test_donations_authorization_table(scene: Scene) -> None:
    failures = await run_table(scene, "donations", ROWS)
    assert not failures, "\n".join(failures)


async def test_a_participating_unit_records_its_own_receipts_only(scene: Scene) -> None:
    """A campaign organised by the province with HOME's commune participating: a HOME data-entry
    user records gifts received by the commune, not gifts for the province itself, and reads the
    ledger; an OTHER user does neither."""
    async with scene.client("campaigns") as campaigns, scene.client("donations") as admin:
        body = {
            "code": f"AZP-{_tag()}",
            "name": "Province campaign",
            "campaign_type": "tet_nhan_ai",
            "organising_unit_id": str(scene.province),
            "participating_unit_ids": [str(scene.home_leaf)],
            "receiving_from": (TODAY - timedelta(days=1)).isoformat(),
            "receiving_until": (TODAY + timedelta(days=30)).isoformat(),
        }
        cid = _ok(await campaigns.post("/campaigns", json=body))["id"]
        _ok(await campaigns.post(f"/campaigns/{cid}/launch", json={}))

        async def ledger_open() -> bool:
            return (await admin.get(f"/campaigns/{cid}/ledger")).status_code == 200

        await eventually(ledger_open, timeout=30, what="the province campaign's ledger")
    async with scene.client("donations", auth("data_entry", scene.home)) as home:
        assert (await home.post(f"/campaigns/{cid}/donations", json=cash(scene.home_leaf, 1000))).status_code == 201
        assert (await home.post(f"/campaigns/{cid}/donations", json=cash(scene.province, 1000))).status_code == 403
        r = await home.post(f"/campaigns/{cid}/donations", json={**cash(scene.home_leaf, 1000), "unit_id": None})
        assert r.status_code == 403  # the default unit is the organising (province) unit
        assert (await home.get(f"/campaigns/{cid}/ledger")).status_code == 200
    async with scene.client("donations", auth("data_entry", scene.other)) as other:
        assert (await other.post(f"/campaigns/{cid}/donations", json=cash(scene.home_leaf, 1000))).status_code == 403
        assert (await other.get(f"/campaigns/{cid}/ledger")).status_code == 403


async def test_naming_another_units_donor_in_a_gift_opens_none_of_their_details(scene: Scene) -> None:
    """A donor is one record across the organisation (a blood donor's interval counts every site), so a
    gift an OTHER data-entry user records with a HOME donor's identity number and name joins that donor (under
    another name it is refused, and says nothing of the holder). It must
    open nothing HOME holds: the donor's record shows OTHER its own gift only, without the name, phone,
    identity number and birth date; the gift's other phone and birth date replace nothing; a gift citing
    HOME's pledge (whose id the campaign's participants see) is refused as reading that pledge is."""
    tag = f"{uuid.uuid4().int % 10**8:08d}"
    victim = {"type": "individual", "name": f"Lâm Thị {tag}", "phone": f"09{tag}", "id_number": f"0951{tag}",
              "birth_date": "1980-05-06"}  # fmt: skip
    home_world, other_world = await world(scene, scene.home_leaf), await world(scene, scene.other_leaf)
    home_gift = await new_record(scene, scene.home_leaf, "donations", cash(scene.home_leaf, 7_000, victim))
    donor_id = home_gift["donor_id"]
    # the number under another name finds nobody (409, whose number not said); under the name, written otherwise,
    # it is the same person
    stranger = {"type": "individual", "name": "x", "id_number": victim["id_number"], "consent_to_be_named": True}
    probe = {"type": "individual", "name": f"LAM THI {tag}", "phone": f"08{tag}", "id_number": victim["id_number"],
             "birth_date": "2001-01-01", "consent_to_be_named": True}  # fmt: skip
    async with scene.client("donations", auth("data_entry", scene.other)) as other:
        refused = await other.post(f"/campaigns/{other_world['campaign']}/donations",
                                   json=cash(scene.other_leaf, 1_000, stranger))  # fmt: skip
        assert refused.status_code == 409 and refused.json()["field"] == "donor.id_number", refused.text
        assert victim["name"] not in refused.text and donor_id not in refused.text
        gift = _ok(await other.post(f"/campaigns/{other_world['campaign']}/donations",
                                    json=cash(scene.other_leaf, 1_000, probe)))  # fmt: skip
        assert gift["donor_id"] == donor_id  # the same person: one donor
        seen = _ok(await other.get(f"/donors/{donor_id}"))
        assert seen["complete"] is False
        assert (seen["name"], seen["phone"], seen["id_number"], seen["birth_date"]) == (None, None, None, None)
        assert [g["id"] for g in seen["donations"]] == [gift["id"]]
        # nor the name by another way: the public name (the probe gave the donor's consent to be named) and
        # the receipt of OTHER's own gift, which carried the donor's name on record
        receipt = _ok(await other.get(f"/donations/{gift['id']}/receipt"))
        assert victim["name"] not in (seen["public_name"], receipt["received_from"]), (seen, receipt)
        assert seen["public_name"] == receipt["received_from"]  # the anonymous label
        pledged = {**cash(scene.other_leaf, 1_000), "pledge_id": home_world["pledge"]}
        r = await other.post(f"/campaigns/{other_world['campaign']}/donations", json=pledged)
        assert r.status_code == 403, r.text
    async with scene.client("donations") as admin:
        whole = _ok(await admin.get(f"/donors/{donor_id}"))
    assert whole["complete"] is True and whole["public_name"] == victim["name"]  # consent given: named
    async with scene.client("donations") as admin:  # an organisation-wide user's receipt names the donor
        assert _ok(await admin.get(f"/donations/{gift['id']}/receipt"))["received_from"] == victim["name"]
    assert (whole["name"], whole["phone"], whole["id_number"], whole["birth_date"]) == (
        victim["name"], victim["phone"], victim["id_number"], victim["birth_date"],
    )  # fmt: skip
    assert {g["id"] for g in whole["donations"]} == {home_gift["id"], gift["id"]}
    assert {g["unit_id"] for g in whole["donations"]} == {str(scene.home_leaf), str(scene.other_leaf)}


async def test_a_read_only_role_reads_no_donors_contact_details_blood_gifts_or_notes(scene: Scene) -> None:
    """A viewer (a report reader) whose scope covers every gift of a donor: the identity number masked (its
    last 3 characters, as members and campaigns show it to that role), no phone or birth date, no blood
    gift (health data) and no way to ask about blood eligibility; a gift's note masked as the public ledger
    shows it (a transfer note usually carries the payer's name and phone); a receipt that does not name who
    gave. The data-entry user of the same unit, who keeps the record, reads all of it."""
    tag = f"{uuid.uuid4().int % 10**8:08d}"
    donor = {"type": "individual", "name": f"Võ Thị {tag}", "phone": f"09{tag}", "id_number": f"0952{tag}",
             "birth_date": "1979-03-04"}  # fmt: skip
    note = f"Chị Hoa (09{tag}) ủng hộ đồng bào"
    body = {**cash(scene.home_leaf, 9_000, donor), "description": note}
    gift = await new_record(scene, scene.home_leaf, "donations", body)
    blood = {"kind": "blood", "units": 1, "blood_kind": "whole_blood", "received_on": TODAY.isoformat(),
             "unit_id": str(scene.home_leaf), "donor": {"type": "individual", "id": gift["donor_id"]}}  # fmt: skip
    given = await new_record(scene, scene.home_leaf, "donations", blood)
    donor_id = gift["donor_id"]
    async with scene.client("donations", auth("viewer", scene.home)) as viewer:
        seen = _ok(await viewer.get(f"/donors/{donor_id}"))
        assert (seen["name"], seen["phone"], seen["birth_date"]) == (donor["name"], None, None)
        assert seen["id_number"] == "•" * 9 + donor["id_number"][-3:]
        assert [g["id"] for g in seen["donations"]] == [gift["id"]] and seen["complete"] is False
        assert (await viewer.get(f"/donors/{donor_id}/blood-eligibility")).status_code == 403
        assert _ok(await viewer.get(f"/donations/{gift['id']}"))["description"] == "Chị Hoa ••• ủng hộ đồng bào"
        after = {"after": gift["receipt_no"] - 1, "limit": 1}
        page = _ok(await viewer.get(f"/campaigns/{gift['campaign_id']}/donations", params=after))
        assert [(d["id"], d["description"]) for d in page["items"]] == [(gift["id"], "Chị Hoa ••• ủng hộ đồng bào")]
        assert _ok(await viewer.get(f"/donations/{gift['id']}/receipt"))["received_from"] == "Nhà hảo tâm ẩn danh"
        # nor who gave the blood, by the gift's donor id (their record would name them)
        assert _ok(await viewer.get(f"/donations/{given['id']}"))["donor_id"] is None
        after = {"after": given["receipt_no"] - 1, "limit": 1}
        page = _ok(await viewer.get(f"/campaigns/{given['campaign_id']}/donations", params=after))
        assert [(d["id"], d["kind"], d["donor_id"]) for d in page["items"]] == [(given["id"], "blood", None)]
    async with scene.client("donations", auth("data_entry", scene.home)) as keeper:
        whole = _ok(await keeper.get(f"/donors/{donor_id}"))
        assert (whole["phone"], whole["id_number"], whole["birth_date"]) == (
            donor["phone"], donor["id_number"], donor["birth_date"],
        )  # fmt: skip
        assert {g["id"] for g in whole["donations"]} == {gift["id"], given["id"]} and whole["complete"] is True
        assert _ok(await keeper.get(f"/donations/{gift['id']}"))["description"] == note
        assert _ok(await keeper.get(f"/donations/{gift['id']}/receipt"))["received_from"] == donor["name"]
        assert (await keeper.get(f"/donors/{donor_id}/blood-eligibility")).status_code == 200
        assert _ok(await keeper.get(f"/donations/{given['id']}"))["donor_id"] == donor_id
    # voided: why, to the read-only role, is what the reversal's event publishes (a blood gift's withheld: a
    # unit is voided for a test result; a gift's not publicly named too: "Trả lại chị Hoa" names the payer,
    # donations 1.10.0); the keeper reads it whole
    why_gift, why_blood = f"Trả lại chị Hoa, gọi 09{tag}", f"Mẫu {tag} dương tính HBsAg"
    credited = {**cash(scene.home_leaf, 3_000, named_donor() | {"consent_to_be_named": True})}
    named = await new_record(scene, scene.home_leaf, "donations", credited)  # given with consent to be named
    why_named = f"Ghi trùng, gọi 09{tag}"
    async with scene.client("donations") as admin:
        for record, why, drawn in ((gift, why_gift, None), (given, why_blood, True), (named, why_named, None)):
            body = {"reason": why} | ({} if drawn is None else {"blood_drawn": drawn})
            r = await admin.post(f"/donations/{record['id']}/reversal", json=body)
            assert r.status_code == 201, r.text
    hidden = "(lý do không công bố: thông tin sức khoẻ)"
    unnamed = "(lý do không công bố: có thể nêu tên người đóng góp)"
    readings = {
        "viewer": {gift["id"]: unnamed, given["id"]: hidden, named["id"]: "Ghi trùng, gọi •••"},
        "data_entry": {gift["id"]: why_gift, given["id"]: why_blood, named["id"]: why_named},
    }
    for role, shown in readings.items():
        async with scene.client("donations", auth(role, scene.home)) as reader:
            for record in (gift, given, named):
                one = _ok(await reader.get(f"/donations/{record['id']}"))
                assert one["reversal"]["reason"] == shown[record["id"]], (role, one)
                assert _ok(await reader.get(f"/donations/{record['id']}/receipt"))["void_reason"] == shown[record["id"]]
                after = {"after": record["receipt_no"] - 1, "limit": 1}
                page = _ok(await reader.get(f"/campaigns/{record['campaign_id']}/donations", params=after))
                assert [d["reversal"]["reason"] for d in page["items"]] == [shown[record["id"]]], (role, page)


async def test_a_read_only_role_reads_no_distributions_reversal_reason(scene: Scene) -> None:
    """A distribution's reversal reason as the event publishes it to a viewer: not at all, a fixed text (it
    names the household given to by mistake, "bà Tư", which no mask finds; donations 1.10.0); whole to the
    data-entry user who keeps the records."""
    w = await world(scene, scene.home_leaf)
    give = {"beneficiary_id": w["beneficiary"], "kind": "cash", "amount_vnd": 100, "distributed_on": TODAY.isoformat()}
    before = await new_record(scene, scene.home_leaf, "distributions", give)
    distribution = before["id"]
    tag = f"{uuid.uuid4().int % 10**8:08d}"
    async with scene.client("donations") as admin:
        why = f"Hộ đã nhận ở xã khác, bà Tư 09{tag}"
        r = await admin.post(f"/distributions/{distribution}/reversal", json={"reason": why})
        assert r.status_code == 201, r.text
    for role, shown in (("viewer", "(lý do không công bố: có thể nêu tên người nhận)"), ("data_entry", why)):
        async with scene.client("donations", auth(role, scene.home)) as reader:
            assert _ok(await reader.get(f"/distributions/{distribution}"))["reversal"]["reason"] == shown, role
            page = _ok(await reader.get(f"/campaigns/{before['campaign_id']}/distributions", params={"limit": 1000}))
            assert [d["reversal"]["reason"] for d in page["items"] if d["id"] == distribution] == [shown], role
