"""Beneficiaries over HTTP: registration with duplicate detection, verification, listing,
sponsorships, and the minimised public list; events carry no personal data."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime

import asyncpg
import httpx
import pytest

from rc_campaigns.service_layer import ledger
from rc_shared.events.donations import DistributionRecorded
from tests.integration.campaigns.helpers import beneficiary_body, campaign_body, launched_campaign, snapshot

pytestmark = pytest.mark.integration

# Whole values, never a fragment a random UUID in the event could contain ("079" was: 1 run in ~40).
PERSONAL = ("Nguyễn", "Ấp 3", "thận", "Vĩnh Trạch", "079123456789", "079 123 456 789")


async def _register(client: httpx.AsyncClient, **kw: object) -> dict[str, object]:
    r = await client.post("/beneficiaries", json=beneficiary_body(**kw))
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def test_registration_keeps_personal_data_here_and_emits_only_ids(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    b = await _register(client, full_name="Nguyễn Thị Bé", id_number="079 123 456 789")
    assert b["full_name"] == "Nguyễn Thị Bé" and b["id_number"] == "079123456789"  # stored normalised
    assert b["verified"] is False
    payload = await db.fetchval("SELECT payload FROM outbox WHERE key = $1", b["id"])
    event = json.loads(payload)
    assert set(event) == {"beneficiary_id", "kind", "unit_id", "campaign_id", "humanitarian_address", "household_size"}
    text = json.dumps(event, ensure_ascii=False)  # the values as written, whatever escaping the payload used
    assert not [p for p in PERSONAL if p in text]


@pytest.mark.parametrize(
    ("second", "by"),
    [
        ({"full_name": "NGUYỄN  văn an", "address": "{n} ấp 3"}, "the same head name and address"),
        ({"full_name": "Someone Else", "address": "elsewhere", "id_number": "SAME"}, "the same ID number"),
    ],
)
async def test_a_duplicate_is_409_naming_the_existing_beneficiary_and_changes_nothing(
    client: httpx.AsyncClient, db: asyncpg.Connection, second: dict[str, str], by: str
) -> None:
    unit = str(uuid.uuid4())
    digits = f"{uuid.uuid4().int % 10**12:012d}"
    n = uuid.uuid4().int % 10**9
    first = await _register(client, unit_id=unit, id_number=digits, full_name="Nguyễn Văn An", address=f"Số {n}, Ấp 3")
    second = {k: v.format(n=n) for k, v in second.items()}
    if second.get("id_number") == "SAME":  # the same number typed with separators
        second = {**second, "id_number": f"{digits[:3]}.{digits[3:6]} {digits[6:9]}-{digits[9:]}"}
    before = await snapshot(db)
    r = await client.post("/beneficiaries", json=beneficiary_body(unit_id=unit, **second))
    assert r.status_code == 409
    body = r.json()
    assert body["message"] == f"beneficiary {first['id']} is already registered with {by}"
    assert body["existing_beneficiary_id"] == first["id"] and body["existing_unit_id"] == unit
    assert await snapshot(db) == before


async def test_same_household_name_and_address_in_another_unit_is_a_duplicate(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    first = await _register(client, unit_id=str(uuid.uuid4()), full_name="Lâm Văn Tư", address="7 Khóm 1")
    before = await snapshot(db)
    r = await client.post(
        "/beneficiaries",
        json=beneficiary_body(unit_id=str(uuid.uuid4()), full_name="lâm văn  TƯ", address="Số 7, khóm 1"),
    )
    assert r.status_code == 409, r.text
    assert r.json()["existing_beneficiary_id"] == first["id"]  # an organisation-wide caller may read it
    assert await snapshot(db) == before


async def test_verify_emits_beneficiary_verified_once(client: httpx.AsyncClient, db: asyncpg.Connection) -> None:
    b = await _register(client, full_name="Phan Văn Verify")
    r = await client.post(
        f"/beneficiaries/{b['id']}/verify", json={"verified_by": "cán bộ xã", "verified_on": "2025-01-05"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["verified"] is True and r.json()["verified_on"] == "2025-01-05"
    types = [
        r["event_type"] for r in await db.fetch("SELECT event_type FROM outbox WHERE key = $1 ORDER BY id", b["id"])
    ]
    assert types == ["campaigns.beneficiary.registered.v1", "campaigns.beneficiary.verified.v1"]
    before = await snapshot(db)
    again = await client.post(
        f"/beneficiaries/{b['id']}/verify", json={"verified_by": "x", "verified_on": "2025-01-06"}
    )
    assert again.status_code == 409
    assert "already verified on 2025-01-05" in again.json()["message"]
    assert await snapshot(db) == before


async def test_list_locates_beneficiaries_by_unit_verification_and_humanitarian_address(
    client: httpx.AsyncClient,
) -> None:
    unit = str(uuid.uuid4())
    a = await _register(client, unit_id=unit, full_name="A Một", humanitarian_address=True)
    b = await _register(client, unit_id=unit, full_name="B Hai", humanitarian_address=False)
    await _register(client, full_name="C Ba")  # another unit
    await client.post(f"/beneficiaries/{a['id']}/verify", json={"verified_by": "x", "verified_on": "2025-01-05"})

    async def ids(**params: str) -> set[str]:
        r = await client.get("/beneficiaries", params={"unit_id": unit, **params})
        assert r.status_code == 200, r.text
        return {str(i["id"]) for i in r.json()["items"]}

    assert await ids() == {a["id"], b["id"]}
    assert await ids(verified="true") == {a["id"]}
    assert await ids(verified="false") == {b["id"]}
    assert await ids(humanitarian_address="false") == {b["id"]}


async def test_sponsorship_pairs_a_verified_humanitarian_address_with_an_opaque_sponsor_id(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    b = await _register(client, full_name="Hộ Được Đỡ Đầu")
    body = {
        "sponsor_type": "organisation",
        "sponsor_name": "Công ty TNHH Ánh Dương",
        "sponsor_contact": "0291 3822 000",
        "start_on": "2025-02-01",
        "end_on": "2025-12-31",
        "commitment": "500.000 đồng mỗi tháng",
    }
    not_yet = await client.post(f"/beneficiaries/{b['id']}/sponsorships", json=body)
    assert not_yet.status_code == 409 and "not verified" in not_yet.json()["message"]
    await client.post(f"/beneficiaries/{b['id']}/verify", json={"verified_by": "x", "verified_on": "2025-01-05"})
    r = await client.post(f"/beneficiaries/{b['id']}/sponsorships", json=body)
    assert r.status_code == 201, r.text
    paired = json.loads(
        await db.fetchval("SELECT payload FROM outbox WHERE event_type LIKE '%sponsor_paired%' AND key = $1", b["id"])
    )
    assert paired["sponsor_id"] == r.json()["sponsor_id"] and paired["sponsor_type"] == "organisation"
    text = json.dumps(paired, ensure_ascii=False)  # whole values: a random UUID in it may hold "0291"
    assert not [v for v in ("Ánh Dương", "0291 3822 000", "02913822000") if v in text]
    overlap = await client.post(f"/beneficiaries/{b['id']}/sponsorships", json={**body, "start_on": "2025-06-01"})
    assert overlap.status_code == 409 and "overlapping period" in overlap.json()["message"]
    # the same number written otherwise is the same sponsor (it was a new one, paired a second time)
    for typed in ("02913822000", "+84 291 3822 000", "(0291) 3822.000"):
        again = await client.post(
            f"/beneficiaries/{b['id']}/sponsorships", json={**body, "sponsor_contact": typed, "start_on": "2025-06-01"}
        )
        assert again.status_code == 409 and again.json()["sponsorship_id"] == r.json()["id"], typed
    got = (await client.get(f"/beneficiaries/{b['id']}")).json()
    assert [s["sponsor_name"] for s in got["sponsorships"]] == ["Công ty TNHH Ánh Dương"]


async def test_sponsorship_of_a_non_humanitarian_address_is_409(client: httpx.AsyncClient) -> None:
    b = await _register(client, full_name="Không Địa Chỉ", humanitarian_address=False)
    await client.post(f"/beneficiaries/{b['id']}/verify", json={"verified_by": "x", "verified_on": "2025-01-05"})
    r = await client.post(
        f"/beneficiaries/{b['id']}/sponsorships",
        json={
            "sponsor_type": "individual",
            "sponsor_name": "Ông Tám",
            "sponsor_contact": "0900000000",
            "start_on": "2025-02-01",
            "commitment": "gạo hằng tháng",
        },
    )
    assert r.status_code == 409 and "not a humanitarian address" in r.json()["message"]


async def test_public_list_shows_name_commune_and_support_only(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """Those given support in the campaign and its verified registrants (the approved list), by name, commune
    and support only, the name only with the person's consent to publish it (else a label); a registration not
    yet verified names no one (it may be refused); nor does a draft campaign's list (the call is not public yet).
    The consent is given or withdrawn later by a correction."""
    c = await launched_campaign(client)
    helped = await _register(client, full_name="Trần Thị Nhận", campaign_id=c["id"], id_number="079111222333")
    unpublished = {"purpose": "cứu trợ", "given_on": "2025-01-02"}
    approved = await _register(
        client, full_name="Lê Văn Duyệt", campaign_id=c["id"], commune="Hiệp Thành", consent=unpublished
    )
    assert approved["consent"] == unpublished | {"publish_name": False}
    verify = {"verified_by": "cán bộ xã", "verified_on": "2025-01-05"}
    assert (await client.post(f"/beneficiaries/{approved['id']}/verify", json=verify)).status_code == 200
    waiting = await _register(client, full_name="Lê Văn Chờ", campaign_id=c["id"], commune="Hiệp Thành")
    await _register(client, full_name="Không Thuộc")  # not in the campaign
    async with db.transaction():
        await ledger.apply(
            db,
            DistributionRecorded(
                campaign_id=uuid.UUID(c["id"]),
                distribution_id=uuid.uuid4(),
                beneficiary_id=uuid.UUID(str(helped["id"])),
                kind="cash",
                amount_vnd=1_000_000,
                unit_id=uuid.uuid4(),
                distributed_on=date(2025, 2, 1),
            ),
            datetime.now(UTC),
        )
    r = await client.get(f"/campaigns/{c['id']}/beneficiaries/public")
    assert r.status_code == 200
    items = r.json()["items"]
    assert items == [
        {
            "name": "(không công bố tên)",
            "commune": "Hiệp Thành",
            "support_received_vnd": 0,
            "cash_vnd": 0,
            "goods_value_vnd": 0,
        },
        {
            "name": "Trần Thị Nhận",
            "commune": "Vĩnh Trạch",
            "support_received_vnd": 1_000_000,
            "cash_vnd": 1_000_000,
            "goods_value_vnd": 0,
        },
    ]
    assert "Lê Văn Chờ" not in r.text and str(waiting["id"]) not in r.text and "Duyệt" not in r.text
    given = await client.patch(f"/beneficiaries/{approved['id']}", json={"publish_name": True})
    withdrawn = await client.patch(f"/beneficiaries/{helped['id']}", json={"publish_name": False})
    assert (given.status_code, withdrawn.status_code) == (200, 200), (given.text, withdrawn.text)
    after = (await client.get(f"/campaigns/{c['id']}/beneficiaries/public")).json()["items"]
    assert [i["name"] for i in after] == ["Lê Văn Duyệt", "(không công bố tên)"]
    refused = await client.patch(f"/beneficiaries/{approved['id']}", json={"publish_name": None})
    assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == ["publish_name"], (
        refused.text
    )
    draft = (await client.post("/campaigns", json=campaign_body())).json()
    listed = await _register(client, full_name="Ngô Văn Nháp", campaign_id=draft["id"])
    assert (await client.post(f"/beneficiaries/{listed['id']}/verify", json=verify)).status_code == 200
    r_draft = await client.get(f"/campaigns/{draft['id']}/beneficiaries/public")
    assert r_draft.status_code == 200 and r_draft.json()["items"] == [], r_draft.text
    text = r.text
    assert "079111222333" not in text and "thận" not in text and "Ấp 3" not in text


async def test_a_beneficiary_corrects_their_details_and_has_them_erased(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """The data subject's rights on a beneficiary record: a correction (the name, identity number, address,
    commune, circumstances, notes), checked against the other records as a registration is; an erasure
    that keeps the record and the support it received (the ledger and the reports count it; the public
    list shows it unnamed) and leaves nothing personal; an erased record takes no change and no
    verification; a second erasure says so. No event carries any of it."""
    c = await launched_campaign(client)
    other = await _register(client, id_number=f"0791{uuid.uuid4().int % 10**8:08d}")
    b = await _register(client, full_name="Trần Văn Sai", campaign_id=c["id"])
    events = await db.fetchval("SELECT max(id) FROM outbox")
    fixed = await client.patch(
        f"/beneficiaries/{b['id']}",
        json={"full_name": "Trần Văn Sái", "id_number": "079 222 333 444", "commune": "Hưng Hội", "notes": None},
    )
    assert fixed.status_code == 200, fixed.text
    got = fixed.json()
    assert (got["full_name"], got["id_number"], got["commune"], got["notes"], got["address"]) == (
        "Trần Văn Sái", "079222333444", "Hưng Hội", "", b["address"],
    )  # fmt: skip
    taken = await client.patch(f"/beneficiaries/{b['id']}", json={"id_number": other["id_number"]})
    assert taken.status_code == 409 and taken.json()["existing_beneficiary_id"] == other["id"], taken.text
    # another household's name and address, the record keeping its own identity number: refused too
    house = await _register(client, full_name="Lê Thị Hoa")
    same = await client.patch(
        f"/beneficiaries/{b['id']}", json={"full_name": "Lê Thị Hoa", "address": house["address"]}
    )
    assert same.status_code == 409 and same.json()["existing_beneficiary_id"] == house["id"], same.text
    assert (await client.get(f"/beneficiaries/{b['id']}")).json()["id_number"] == "079222333444"  # unchanged
    for bad in ({}, {"full_name": None}, {"address": ""}, {"unit_id": str(uuid.uuid4())}):
        r = await client.patch(f"/beneficiaries/{b['id']}", json=bad)
        assert r.status_code == 422, (bad, r.text)
    assert (await client.patch(f"/beneficiaries/{uuid.uuid4()}", json={"notes": "x"})).status_code == 404
    async with db.transaction():
        await ledger.apply(
            db,
            DistributionRecorded(
                campaign_id=uuid.UUID(c["id"]), distribution_id=uuid.uuid4(), beneficiary_id=uuid.UUID(str(b["id"])),
                kind="cash", amount_vnd=500_000, unit_id=uuid.uuid4(), distributed_on=date(2025, 2, 1),
            ),
            datetime.now(UTC),
        )  # fmt: skip
    verify = {"verified_by": "cán bộ xã", "verified_on": "2025-01-05"}
    verified = await client.post(f"/beneficiaries/{b['id']}/verify", json=verify)
    assert verified.status_code == 200, verified.text
    sponsor = {"sponsor_type": "individual", "sponsor_name": "Nhà hảo tâm", "sponsor_contact": "0900000001",
               "start_on": "2025-01-05", "commitment": "học phí cho cháu Sái"}  # fmt: skip
    assert (await client.post(f"/beneficiaries/{b['id']}/sponsorships", json=sponsor)).status_code == 201
    erased = await client.delete(f"/beneficiaries/{b['id']}/personal-data")
    assert erased.status_code == 200 and erased.json() == {"beneficiary_id": b["id"], "erased": True,
                                                            "already_erased": False}  # fmt: skip
    after = (await client.get(f"/beneficiaries/{b['id']}")).json()
    assert after["erased"] is True
    assert (after["full_name"], after["id_number"], after["address"], after["situation"], after["notes"]) == (
        "",
        None,
        "",
        "",
        "",
    )
    assert (after["commune"], after["support_received"]["cash_vnd"]) == ("Hưng Hội", 500_000)
    assert [sp["commitment"] for sp in after["sponsorships"]] == [""]  # (it named the person)
    row = await db.fetchrow("SELECT * FROM beneficiaries WHERE id = $1", uuid.UUID(str(b["id"])))
    assert not [v for v in row.values() if isinstance(v, str) and ("Sái" in v or "079222333444" in v or "thận" in v)]
    commitments = await db.fetch("SELECT commitment FROM sponsorships WHERE beneficiary_id = $1", row["id"])
    assert [c["commitment"] for c in commitments] == [""]
    public = (await client.get(f"/campaigns/{c['id']}/beneficiaries/public")).json()["items"]
    assert [(i["name"], i["commune"], i["cash_vnd"]) for i in public] == [
        ("(ẩn danh theo yêu cầu)", "Hưng Hội", 500_000)
    ]
    assert (await client.patch(f"/beneficiaries/{b['id']}", json={"notes": "x"})).status_code == 409
    refused = await client.post(f"/beneficiaries/{b['id']}/verify", json=verify)
    assert refused.status_code == 409 and "erased" in refused.json()["message"], refused.text
    again = await client.delete(f"/beneficiaries/{b['id']}/personal-data")
    assert again.status_code == 200 and again.json()["already_erased"] is True
    # the same household can be registered again (its old keys do not block it)
    again_body = beneficiary_body(full_name="Trần Văn Sái", address=b["address"])
    assert (await client.post("/beneficiaries", json=again_body)).status_code == 201
    # no event says a correction or an erasure (nothing personal travels): only the other steps' own
    written = await db.fetch("SELECT event_type FROM outbox WHERE id > $1 ORDER BY id", events)
    assert [w["event_type"] for w in written] == [
        "campaigns.beneficiary.registered.v1", "campaigns.beneficiary.verified.v1",
        "campaigns.beneficiary.sponsor_paired.v1", "campaigns.beneficiary.registered.v1",
    ]  # fmt: skip
    assert (await client.delete(f"/beneficiaries/{uuid.uuid4()}/personal-data")).status_code == 404


async def test_a_search_finds_beneficiaries_by_name_address_or_commune_whatever_the_accents(
    client: httpx.AsyncClient,
) -> None:
    """Relief officer's review: a district flood with 3,000 verified households; the console's form offered the
    first 2,000 with no way to reach the others. ``q`` narrows the list (with the other filters)."""
    unit, tag = uuid.uuid4(), uuid.uuid4().hex[:6]
    lan = await _register(client, unit_id=str(unit), full_name=f"Nguyễn Thị Lan {tag}", address=f"Ấp Đông {tag}",
                          commune=f"Xã Vĩnh Trạch {tag}")  # fmt: skip
    bay = await _register(client, unit_id=str(unit), full_name=f"Trần Văn Bảy {tag}", address=f"Ấp 50% {tag}",
                          commune=f"Xã Hưng Thành {tag}")  # fmt: skip

    async def ids(q: str) -> list[str]:
        r = await client.get("/beneficiaries", params={"unit_id": str(unit), "q": q})
        assert r.status_code == 200, r.text
        return [b["id"] for b in r.json()["items"]]

    assert await ids(f"nguyen thi lan {tag}") == [lan["id"]]  # the name, no accents
    assert await ids(f"VĨNH TRẠCH {tag}") == [lan["id"]]  # the commune, any case
    assert await ids(f"ap dong {tag}") == [lan["id"]]  # the address; đ is d
    assert await ids("50%") == [bay["id"]]  # % is a character here, not a wildcard
    assert sorted(await ids(tag)) == sorted([lan["id"], bay["id"]])
    assert await ids(f"khong co ai {tag}") == []
    r = await client.get("/beneficiaries", params={"q": "…"})
    assert r.status_code == 422 and r.json()["field"] == "q", r.text


async def test_a_household_of_an_earlier_campaign_is_enrolled_in_a_new_one_on_the_same_record(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    """Relief officer's review: a household supported by last year's flood appeal could not be registered for
    this year's (a duplicate) nor given to. It is enrolled in the new campaign on its record: listed with the
    campaign's beneficiaries and on its public list once verified, once (the same request again changes
    nothing); the event carries no personal data; a settled campaign takes no one."""
    last_year, this_year = await launched_campaign(client), await launched_campaign(client)
    b = await _register(client, campaign_id=last_year["id"], full_name="Phạm Thị Mười")
    r = await client.post(f"/beneficiaries/{b['id']}/verify", json={"verified_by": "xã", "verified_on": "2025-01-05"})
    assert r.status_code == 200, r.text
    same = {"full_name": b["full_name"], "address": b["address"], "unit_id": b["unit_id"]}
    again = await client.post("/beneficiaries", json=beneficiary_body(campaign_id=this_year["id"], **same))
    assert again.status_code == 409 and again.json()["existing_beneficiary_id"] == b["id"]  # (the way to it)
    r = await client.post(f"/beneficiaries/{b['id']}/campaigns", json={"campaign_id": this_year["id"]})
    assert r.status_code == 200 and r.json() == {"beneficiary_id": b["id"], "campaign_id": this_year["id"],
                                                 "enrolled_now": True}, r.text  # fmt: skip
    before = await snapshot(db)
    for c in (this_year, last_year):  # enrolled already, or its registration's campaign: nothing changes
        r = await client.post(f"/beneficiaries/{b['id']}/campaigns", json={"campaign_id": c["id"]})
        assert r.status_code == 200 and r.json()["enrolled_now"] is False, r.text
    assert await snapshot(db) == before
    sql = "SELECT payload FROM outbox WHERE key = $1 AND event_type = 'campaigns.beneficiary.enrolled.v1'"
    [payload] = [json.loads(r["payload"]) for r in await db.fetch(sql, b["id"])]
    assert payload["campaign_id"] == this_year["id"] and payload["kind"] == "household"
    assert not [p for p in PERSONAL if p in json.dumps(payload, ensure_ascii=False)]
    listed = (await client.get("/beneficiaries", params={"campaign_id": this_year["id"]})).json()["items"]
    assert [x["id"] for x in listed] == [b["id"]]
    seen = (await client.get(f"/beneficiaries/{b['id']}")).json()
    assert (seen["campaign_id"], seen["enrolled_campaign_ids"]) == (last_year["id"], [this_year["id"]])
    public = (await client.get(f"/campaigns/{this_year['id']}/beneficiaries/public")).json()
    assert [x["name"] for x in public["items"]] == ["Phạm Thị Mười"], public
    closed = await launched_campaign(client)
    assert (await client.post(f"/campaigns/{closed['id']}/cancel", json={"reason": "trùng"})).status_code == 200
    r = await client.post(f"/beneficiaries/{b['id']}/campaigns", json={"campaign_id": closed["id"]})
    assert r.status_code == 409 and "no more beneficiaries can join it" in r.json()["message"], r.text
