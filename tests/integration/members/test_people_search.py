"""GET /people against real PostgreSQL: accent-insensitive search, filters, keyset paging, scope and
the fields a listing shows (with real tokens for the scoped users)."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg
import httpx
import pytest

from rc_shared import clock
from rc_shared.auth import ROLES
from tests.integration.members.helpers import bearer, person, tree, unit

pytestmark = pytest.mark.integration

THIS_YEAR = clock.today().year
SUMMARY_KEYS = {"id", "full_name", "gender", "birth_date", "deceased_on", "registered_unit_id", "membership", "roles"}
NOT_LISTED = {"phone", "id_number", "address", "health_notes", "consents", "memberships"}


async def listing(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    r = await client.get("/people", params=params)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


async def names(client: httpx.AsyncClient, **params: Any) -> list[str]:
    return [i["full_name"] for i in (await listing(client, limit=200, **params))["items"]]


async def member(client: httpx.AsyncClient, name: str, unit_id: str, **membership: Any) -> str:
    pid = await person(client, full_name=name, unit_id=unit_id)
    body = {"unit_id": unit_id, "joined_on": "2023-02-01", **membership}
    r = await client.post(f"/people/{pid}/membership", json=body)
    assert r.status_code == 201, r.text
    return pid


async def test_search_ignores_diacritics_case_and_d_with_stroke(client: httpx.AsyncClient) -> None:
    t = await tree(client)
    c = t["commune"]
    for name in ("Nguyễn Văn An", "Nguyễn Văn Ánh", "Nguyễn Vỹ Anh", "Đặng Thị Đào", "Trần Văn Bảo", "Lê Thị Ưng"):
        await person(client, full_name=name, unit_id=c)
    await person(client, full_name="Nguyễn Văn An", unit_id=t["province"])  # outside the commune's subtree

    assert await names(client, q="nguyen van a", unit_id=c) == ["Nguyễn Văn An", "Nguyễn Văn Ánh"]
    assert await names(client, q="NGUYỄN VĂN A", unit_id=c) == ["Nguyễn Văn An", "Nguyễn Văn Ánh"]
    assert await names(client, q="  nguyen   van\tanh ", unit_id=c) == ["Nguyễn Văn Ánh"]
    assert await names(client, q="dang thi dao", unit_id=c) == ["Đặng Thị Đào"]
    assert await names(client, q="Đào", unit_id=c) == ["Đặng Thị Đào"]
    assert await names(client, q="DAO", unit_id=c) == ["Đặng Thị Đào"]
    assert await names(client, q="ung", unit_id=c) == ["Lê Thị Ưng"]
    assert await names(client, q="van", unit_id=c) == ["Nguyễn Văn An", "Nguyễn Văn Ánh", "Trần Văn Bảo"]
    assert await names(client, q="anh", unit_id=c) == ["Nguyễn Văn Ánh", "Nguyễn Vỹ Anh"]
    # LIKE wildcards in the query are plain characters
    assert await names(client, q="nguy%n", unit_id=c) == []
    assert await names(client, q="ng_yen", unit_id=c) == []
    # the whole organisation: both namesakes, in name order then id
    everywhere = (await listing(client, q="nguyen van an", limit=200))["items"]
    assert [i["full_name"] for i in everywhere].count("Nguyễn Văn An") >= 2


async def test_a_whole_phone_or_identity_number_finds_its_person_however_it_is_written(
    client: httpx.AsyncClient,
) -> None:
    """Staff type the number a person gives them: '+84 …' or '0…' with spaces, the CCCD with spaces; a
    fragment of a number is not a search (it would list strangers by their digits)."""
    t = await tree(client)
    c = t["commune"]
    idn = f"095{uuid.uuid4().int % 10**9:09d}"
    phone = f"09{uuid.uuid4().int % 10**8:08d}"
    await person(client, full_name="Tô Thị Số", unit_id=c, phone=phone, id_number=idn)
    await person(client, full_name="Tô Văn Khác", unit_id=c)
    assert await names(client, q=f"{idn[:3]} {idn[3:6]} {idn[6:]}", unit_id=c) == ["Tô Thị Số"]
    assert await names(client, q=f"+84 {phone[1:4]} {phone[4:7]} {phone[7:]}", unit_id=c) == ["Tô Thị Số"]
    assert await names(client, q=phone, unit_id=t["province"]) == ["Tô Thị Số"]
    assert await names(client, q=idn[:8], unit_id=c) == []  # not a whole number of anyone
    passport = f"C{uuid.uuid4().int % 10**7:07d}"
    await person(client, full_name="Tô Thị Hộ Chiếu", unit_id=c, id_number=passport)
    assert await names(client, q=f"{passport[0].lower()} {passport[1:]}", unit_id=c) == ["Tô Thị Hộ Chiếu"]
    assert await names(client, q="to thi", unit_id=c) == ["Tô Thị Hộ Chiếu", "Tô Thị Số"]  # names as before
    refused = await client.get("/people", params={"q": "12-34"})
    assert refused.status_code == 422 and refused.json()["field"] == "q", refused.text


async def test_search_uses_the_names_as_corrected(client: httpx.AsyncClient) -> None:
    t = await tree(client)
    pid = await person(client, full_name="Phạm Văn Sai", unit_id=t["commune"])
    r = await client.patch(f"/people/{pid}", json={"full_name": "Phạm Văn Đúng"})
    assert r.status_code == 200, r.text
    assert await names(client, q="pham van dung", unit_id=t["commune"]) == ["Phạm Văn Đúng"]
    assert await names(client, q="sai", unit_id=t["commune"]) == []
    assert (await client.delete(f"/people/{pid}/personal-data")).status_code == 200
    assert await names(client, unit_id=t["commune"]) == []  # erased: no name left to list


async def test_filters_by_unit_subtree_status_role_and_fee_status(client: httpx.AsyncClient) -> None:
    t = await tree(client)
    sibling = await unit(client, f"P{t['tag']}-D-C2", "commune", t["district"])
    active = await member(client, "Ánh Hoạt Động", t["commune"], fee_status="paid", fee_year=THIS_YEAR)
    branch = await member(client, "Bé Chi Hội", t["branch"])  # no fee recorded this year: unpaid
    lapsed = await member(client, "Cũ Tạm Ngưng", t["commune"], fee_status="exempted", fee_year=THIS_YEAR)
    r = await client.patch(f"/people/{lapsed}/membership", json={"status": "lapsed", "effective_on": "2024-01-01"})
    assert r.status_code == 200, r.text
    resigned = await member(client, "Dũng Nghỉ", t["commune"])
    r = await client.patch(f"/people/{resigned}/membership", json={"status": "resigned", "effective_on": "2024-01-01"})
    assert r.status_code == 200, r.text
    volunteer = await person(client, full_name="Én Tình Nguyện", unit_id=t["commune"])
    body = {"role": "volunteer", "unit_id": t["branch"], "start_on": "2023-03-01"}
    assert (await client.post(f"/people/{volunteer}/roles", json=body)).status_code == 201
    former = await person(client, full_name="Gấm Từng Là", unit_id=t["commune"])
    body = {"role": "volunteer", "unit_id": t["commune"], "start_on": "2023-03-01"}
    role_id = (await client.post(f"/people/{former}/roles", json=body)).json()["id"]
    r = await client.post(f"/people/{former}/roles/{role_id}/end", json={"end_on": "2024-01-01"})
    assert r.status_code == 200, r.text
    await member(client, "Hà Xã Bên", sibling, fee_status="paid", fee_year=THIS_YEAR)

    c = t["commune"]
    every = ["Ánh Hoạt Động", "Bé Chi Hội", "Cũ Tạm Ngưng", "Dũng Nghỉ", "Én Tình Nguyện", "Gấm Từng Là"]
    assert await names(client, unit_id=c) == every
    assert await names(client, unit_id=t["district"]) == [*every, "Hà Xã Bên"]
    assert await names(client, unit_id=t["branch"]) == ["Bé Chi Hội", "Én Tình Nguyện"]  # a role's unit counts
    assert await names(client, unit_id=sibling) == ["Hà Xã Bên"]
    assert await names(client, unit_id=c, status="active") == ["Ánh Hoạt Động", "Bé Chi Hội"]
    assert await names(client, unit_id=c, status="lapsed") == ["Cũ Tạm Ngưng"]
    assert await names(client, unit_id=c, status="resigned") == ["Dũng Nghỉ"]
    assert await names(client, unit_id=c, status="deceased") == []
    assert await names(client, unit_id=c, role="volunteer") == ["Én Tình Nguyện"]  # held today only
    assert await names(client, unit_id=c, role="youth") == []
    assert await names(client, unit_id=c, fee_status="paid") == ["Ánh Hoạt Động"]
    assert await names(client, unit_id=c, fee_status="unpaid") == ["Bé Chi Hội"]
    assert await names(client, unit_id=c, fee_status="exempted") == ["Cũ Tạm Ngưng"]
    assert await names(client, unit_id=c, fee_status="unpaid", fee_year=2023) == [
        "Ánh Hoạt Động",
        "Bé Chi Hội",
        "Cũ Tạm Ngưng",
        "Dũng Nghỉ",
    ]
    assert await names(client, unit_id=c, fee_status="unpaid", fee_year=2022) == []  # not yet members
    assert await names(client, unit_id=c, status="active", fee_status="paid", q="anh") == ["Ánh Hoạt Động"]

    items = {i["id"]: i for i in (await listing(client, unit_id=c))["items"]}
    assert items[active]["membership"]["status"] == "active"
    assert items[active]["membership"]["unit_id"] == c
    assert items[active]["membership"]["fee_status"] == "paid"
    assert items[branch]["membership"]["fee_status"] == "unpaid"
    assert items[resigned]["membership"]["fee_status"] is None  # not an open membership, nothing recorded
    assert [(r["role"], r["unit_id"]) for r in items[volunteer]["roles"]] == [("volunteer", t["branch"])]
    assert items[volunteer]["membership"] is None
    assert items[former]["roles"] == []


async def test_paging_walks_every_person_once_in_order(client: httpx.AsyncClient) -> None:
    t = await tree(client)
    expected = set()
    for n in range(17):
        expected.add(await person(client, full_name=f"Võ Thị {chr(ord('A') + n % 6)}", unit_id=t["commune"]))
    for _ in range(4):  # namesakes: the id breaks the tie
        expected.add(await person(client, full_name="Lê Văn Bình", unit_id=t["branch"]))

    seen: list[str] = []
    keys: list[tuple[str, str]] = []
    after = None
    pages = 0
    while True:
        params: dict[str, Any] = {"unit_id": t["commune"], "limit": 4}
        if after:
            params["after"] = after
        page = await listing(client, **params)
        pages += 1
        assert page["count"] == len(page["items"]) <= 4
        seen += [i["id"] for i in page["items"]]
        keys += [(i["full_name"], i["id"]) for i in page["items"]]
        after = page["next_after"]
        if after is None:
            break
        assert after == page["items"][-1]["id"]
    assert pages == 6  # 21 people, 4 a page
    assert len(seen) == len(set(seen)) == 21 and set(seen) == expected
    assert keys[:4] == sorted(keys[:4], key=lambda k: k[1]) and {k[0] for k in keys[:4]} == {"Lê Văn Bình"}
    assert [k[0] for k in keys[4:]] == sorted(k[0] for k in keys[4:])

    r = await client.get("/people", params={"after": str(uuid.uuid4())})
    assert r.status_code == 422 and r.json()["field"] == "after", r.text


async def test_a_rename_or_an_erasure_between_pages_skips_and_repeats_nobody_with_after_key(
    client: httpx.AsyncClient,
) -> None:
    """A client following next_after alone continues after that person's name *now*: renamed, everyone
    between the two names was skipped; erased, the next page was a 422 (an integrator's finding). With
    next_after_key it continues where the page ended."""
    t = await tree(client)
    for name in ("An", "Bình", "Cường", "Dũng", "Hà", "Khánh"):
        await person(client, full_name=name, unit_id=t["commune"])
    first = await listing(client, unit_id=t["commune"], limit=2)
    assert [i["full_name"] for i in first["items"]] == ["An", "Bình"] and first["next_after_key"] == "binh"
    last = first["next_after"]
    r = await client.patch(f"/people/{last}", json={"full_name": "Xuân"})  # Bình renamed: now sorted last
    assert r.status_code == 200, r.text
    by_name_now = await listing(client, unit_id=t["commune"], limit=2, after=last)
    assert [i["full_name"] for i in by_name_now["items"]] == []  # after "xuan": Cường to Khánh skipped
    kept = await listing(client, unit_id=t["commune"], limit=2, after=last, after_key=first["next_after_key"])
    assert [i["full_name"] for i in kept["items"]] == ["Cường", "Dũng"]
    erased = kept["next_after"]
    assert (await client.delete(f"/people/{erased}/personal-data")).status_code == 200
    r = await client.get("/people", params={"unit_id": t["commune"], "limit": 2, "after": erased})
    assert r.status_code == 422 and r.json()["field"] == "after"  # without the key: lost
    rest = await listing(client, unit_id=t["commune"], limit=2, after=erased, after_key=kept["next_after_key"])
    assert [i["full_name"] for i in rest["items"]] == ["Hà", "Khánh"]
    r = await client.get("/people", params={"after_key": "an"})
    assert r.status_code == 422 and r.json()["field"] == "after_key", r.text


async def test_scope_a_commune_sees_only_its_subtree(
    client: httpx.AsyncClient, db: asyncpg.Connection, authed: tuple[httpx.AsyncClient, bytes]
) -> None:
    api, key = authed
    t = await tree(client)
    a, b = t["commune"], await unit(client, f"P{t['tag']}-D-CB", "commune", t["district"])
    # A's subtree becomes most of the tree (the listing then walks people in name order instead of
    # starting from the subtree's units): both ways are checked, A's and B's
    units = await db.fetchval("SELECT count(*) FROM unit_versions WHERE valid_to IS NULL")
    batch = [
        {
            "code": f"P{t['tag']}-A{n}",
            "name": f"Chi hội {n}",
            "level": "branch",
            "parent_id": a,
            "valid_from": "2023-01-01",
        }
        for n in range(units + 2)
    ]
    assert (await client.post("/units/batch", json={"units": batch})).status_code == 200
    in_a = await member(client, "Quang Xã A", a)
    in_b = await member(client, "Quang Xã B", b)
    registered_a_member_b = await person(client, full_name="Quang Chuyển Sang", unit_id=a)
    r = await client.post(f"/people/{registered_a_member_b}/membership", json={"unit_id": b, "joined_on": "2023-05-01"})
    assert r.status_code == 201, r.text
    volunteers_in_b = await member(client, "Quang Hai Nơi", a)
    body = {"role": "volunteer", "unit_id": b, "start_on": "2023-05-01"}
    assert (await client.post(f"/people/{volunteers_in_b}/roles", json=body)).status_code == 201
    everyone = {in_a, in_b, registered_a_member_b, volunteers_in_b}

    for scope, visible in ((a, {in_a, volunteers_in_b}), (b, {in_b, registered_a_member_b, volunteers_in_b})):
        headers = bearer(key, "viewer", scope)
        r = await api.get("/people", params={"q": "quang", "limit": 200}, headers=headers)
        assert r.status_code == 200, r.text
        assert {i["id"] for i in r.json()["items"]} == visible
        # the listing's rule is GET /people/{id}'s rule
        for pid in everyone:
            one = await api.get(f"/people/{pid}", headers=headers)
            assert one.status_code == (200 if pid in visible else 403), (scope, pid, one.text)

    headers = bearer(key, "viewer", a)
    r = await api.get("/people", params={"unit_id": b}, headers=headers)
    assert r.status_code == 403 and "unit_id" in r.json()["message"], r.text
    r = await api.get("/people", params={"unit_id": t["district"]}, headers=headers)
    assert r.status_code == 403, r.text
    r = await api.get("/people", params={"after": in_b}, headers=headers)  # a position outside the scope
    assert r.status_code == 422 and r.json()["field"] == "after", r.text
    r = await api.get("/people", params={"q": "quang", "limit": 200}, headers=bearer(key, "admin", None))
    assert everyone <= {i["id"] for i in r.json()["items"]}
    r = await api.get("/people", params={"q": "quang"})
    assert r.status_code == 401, r.text


async def test_every_role_gets_the_same_summary_fields_and_no_other_personal_data(
    client: httpx.AsyncClient, authed: tuple[httpx.AsyncClient, bytes]
) -> None:
    api, key = authed
    t = await tree(client)
    pid = await member(client, "Tô Thị Kín", t["commune"])
    r = await client.patch(f"/people/{pid}", json={"health_notes": "Tiểu đường typ 2", "address": "Số 9 Ấp Kín"})
    assert r.status_code == 200, r.text
    for role in ROLES:
        r = await api.get("/people", params={"unit_id": t["commune"]}, headers=bearer(key, role, t["commune"]))
        assert r.status_code == 200, (role, r.text)
        (item,) = r.json()["items"]
        assert set(item) == SUMMARY_KEYS and not NOT_LISTED & set(item), role
        assert "Tô Thị Kín" in r.text  # non-ASCII text is sent as is, so the checks below can fail
        assert (item["id"], item["full_name"], item["gender"], item["birth_date"]) == (
            pid,
            "Tô Thị Kín",
            "male",
            "1990-05-01",
        )
        for secret in ("Tiểu đường", "Ấp Kín", "0912345678", "094190001234"):
            assert secret not in r.text, (role, secret)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "query.limit"),
        ({"limit": 201}, "query.limit"),
        ({"limit": "ten"}, "query.limit"),
        ({"status": "sleeping"}, "query.status"),
        ({"fee_status": "late"}, "query.fee_status"),
        ({"fee_year": 1800}, "query.fee_year"),
        ({"unit_id": "not-a-uuid"}, "query.unit_id"),
        ({"after": "12"}, "query.after"),
        ({"q": ""}, "query.q"),
        ({"q": "x" * 101}, "query.q"),
        ({"q": "an\x00"}, "query.q"),  # refused for every route before it runs: PostgreSQL cannot store NUL
    ],
)
async def test_bad_parameters_are_422_naming_the_field(
    client: httpx.AsyncClient, params: dict[str, Any], field: str
) -> None:
    r = await client.get("/people", params=params)
    assert r.status_code == 422, r.text
    assert [e["field"] for e in r.json()["errors"]] == [field]


@pytest.mark.parametrize(
    ("params", "field", "says"),
    [
        ({"role": "wizard"}, "role", "unknown role"),
        ({"q": "123"}, "q", "letter"),
        ({"q": "%_"}, "q", "letter"),
        ({"q": "an\x01"}, "q", "control"),
    ],
)
async def test_rule_breaking_parameters_are_422_naming_the_field(
    client: httpx.AsyncClient, params: dict[str, Any], field: str, says: str
) -> None:
    r = await client.get("/people", params=params)
    assert r.status_code == 422, r.text
    assert r.json()["field"] == field and says in r.json()["message"], r.text


async def test_an_unknown_unit_is_404(client: httpx.AsyncClient) -> None:
    r = await client.get("/people", params={"unit_id": str(uuid.UUID(int=7))})
    assert r.status_code == 404 and "not found" in r.json()["message"], r.text


async def test_openapi_documents_the_page(client: httpx.AsyncClient) -> None:
    doc = (await client.get("/openapi.json")).json()
    op = doc["paths"]["/people"]["get"]
    ref = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/PeoplePageOut")
    limit = next(p for p in op["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 200)
    item = doc["components"]["schemas"]["PersonSummaryOut"]
    assert set(item["properties"]) == SUMMARY_KEYS
