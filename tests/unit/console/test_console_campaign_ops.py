"""The campaign operations' pure rules: what each role is offered, the request bodies of beneficiaries,
sponsorships, blood sessions and registrations, the services' refusals on the form's fields, a
distribution's reversal and the campaigns list's filters from the URL."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx

from rc_console import i18n as language
from rc_console.adapters.session import COOKIE
from rc_console.domain import campaign_ops as rules
from rc_console.domain.model import Problem, User
from rc_console.entrypoints.app import build_app
from rc_console.service_layer import campaign_ops as ops
from rc_console.settings import Settings
from rc_shared.auth import generate_keys
from tests.unit.console import test_console_i18n as i18n
from tests.unit.console.test_console_app import client, login_csrf

CAMPAIGN = str(uuid.UUID(int=7))
UNIT = str(uuid.UUID(int=11))


def user(role: str) -> User:
    return User(subject=role, role=role, unit_id=uuid.UUID(UNIT), token="t")


def test_each_form_is_offered_only_to_the_roles_the_apis_allow() -> None:
    viewer, clerk, manager = user("viewer"), user("data_entry"), user("unit_manager")
    assert not rules.can_register(viewer, "launched") and rules.can_register(clerk, "launched")
    assert rules.can_register(clerk, "closed") and not rules.can_register(manager, "settled")
    assert not rules.can_verify(clerk) and rules.can_verify(manager)
    assert rules.can_schedule(clerk, "blood_drive", "draft") and not rules.can_schedule(viewer, "blood_drive", "draft")
    assert not rules.can_schedule(manager, "tet_nhan_ai", "launched")  # only a blood drive has sessions
    assert not rules.can_schedule(manager, "blood_drive", "closed")
    assert rules.can_reverse_distribution(manager, False) and not rules.can_reverse_distribution(manager, True)
    assert not rules.can_reverse_distribution(clerk, False)


def test_a_beneficiary_of_the_campaign_or_a_humanitarian_address_of_the_unit() -> None:
    form = {
        "kind": "household", "unit_id": UNIT, "full_name": " Lê Thị Tư ", "address": "Ấp 3", "commune": "Vĩnh Trạch",
        "household_size": "4", "consent_purpose": "hỗ trợ", "consent_given_on": "2026-11-30", "id_number": "",
    }  # fmt: skip
    body = ops.beneficiary_body(form, CAMPAIGN)
    assert body == {
        "kind": "household", "unit_id": UNIT, "full_name": "Lê Thị Tư", "address": "Ấp 3", "commune": "Vĩnh Trạch",
        "humanitarian_address": False, "campaign_id": CAMPAIGN, "household_size": 4,
        "consent": {"purpose": "hỗ trợ", "given_on": "2026-11-30", "publish_name": False},
    }  # fmt: skip
    assert ops.beneficiary_body(form | {"consent_publish": "yes"}, CAMPAIGN)["consent"]["publish_name"] is True
    address = ops.beneficiary_body(form | {"humanitarian_address": "yes", "household_size": "bốn"}, CAMPAIGN)
    assert address["humanitarian_address"] is True and "campaign_id" not in address
    assert address["household_size"] == "bốn"  # as typed: the API says why


def test_sessions_registrations_and_sponsorships_send_what_was_typed() -> None:
    assert ops.session_body({"held_on": "2026-12-01", "place": "Nhà văn hoá", "capacity": "1.200"}) == {
        "held_on": "2026-12-01", "place": "Nhà văn hoá", "capacity": 1200,
    }  # fmt: skip
    assert ops.session_body({"capacity": "x", "unit_id": UNIT})["unit_id"] == UNIT
    assert ops.registration_body({"donor_ref": " HM-001 ", "blood_group": "unknown", "note": ""}) == {
        "donor_ref": "HM-001"
    }
    assert ops.registration_body({"donor_ref": "HM-2", "blood_group": "O+"})["blood_group"] == "O+"
    # the group is a choice made: a known group or "not known"; nothing chosen, or anything else, is refused
    assert (
        rules.registration_errors({"blood_group": "unknown"}) == rules.registration_errors({"blood_group": "AB-"}) == {}
    )
    for bad in ("", "O", "hai triệu"):
        assert set(rules.registration_errors({"blood_group": bad})) == {"blood_group"}
    sponsorship = ops.sponsorship_body({"sponsor_type": "organisation", "sponsor_name": "Công ty A", "end_on": ""})
    assert "end_on" not in sponsorship and sponsorship["sponsor_name"] == "Công ty A"


def test_a_service_rule_is_said_next_to_its_field_in_vietnamese() -> None:
    future = Problem(422, "x", {"consent": "Giá trị không hợp lệ: …"}, "consent.given_on is in the future: consent …")
    said = rules.refusal(future, ("consent_given_on", "full_name"))
    assert said.fields == {"consent_given_on": "Ngày đồng ý không được sau hôm nay."}
    full = Problem(409, "Xung đột", {}, "the session is full: 3 of 3 places taken")
    assert rules.refusal(full, ("donor_ref",)).message == "Buổi hiến máu đã đủ chỗ."
    typed = Problem(422, "Một số ô chưa đúng", {"consent.purpose": "Bắt buộc nhập.", "household_size": "Quá lớn."})
    fields = rules.refusal(typed, ("consent_purpose", "household_size")).fields
    assert fields == {"consent_purpose": "Bắt buộc nhập.", "household_size": "Quá lớn."}
    elsewhere = rules.refusal(Problem(422, "Một số ô chưa đúng", {"campaign_id": "Mã không hợp lệ."}), ("kind",))
    assert elsewhere.fields == {} and "Mã không hợp lệ." in elsewhere.message  # not lost: said for the form


def test_a_distribution_is_reversed_with_a_reason_and_its_value_typed_again() -> None:
    body, errors = rules.distribution_reversal({"reason": " Ghi nhầm ", "confirm": "500.000"}, 500_000)
    assert body == {"reason": "Ghi nhầm"} and errors == {}
    for typed in ("500,000", "500000", "500 000", "500.000 ₫", "500.000đ", "500.000 VND"):  # as the page shows it
        assert rules.distribution_reversal({"reason": "ok!", "confirm": typed}, 500_000)[1] == {}, typed
    _, errors = rules.distribution_reversal({"reason": "x", "confirm": "50.000"}, 500_000)
    assert set(errors) == {"reason", "confirm"}
    for typed in ("", "²³", "１２３", "9" * 40, "-500000", "5.000.00", "₫"):
        assert "confirm" in rules.distribution_reversal({"reason": "abc", "confirm": typed}, 500_000)[1], typed
    # the day it takes effect: the distribution's own, for one recorded in error (empty: today, the service's)
    form = {"reason": "Ghi nhầm hộ", "confirm": "500.000", "reversed_on": "2026-10-05"}
    assert rules.distribution_reversal(form, 500_000) == ({"reason": "Ghi nhầm hộ", "reversed_on": "2026-10-05"}, {})
    _, errors = rules.distribution_reversal(form | {"reversed_on": "05/10/2026"}, 500_000)
    assert errors == {"reversed_on": "Ngày không hợp lệ (năm-tháng-ngày, từ 1900 đến 2100)."}
    said = Problem(422, "x", {}, detail="reversed_on 2026-10-01 is before the distribution it corrects (2026-10-05)")
    assert rules.refusal(said, ("reason", "reversed_on")).fields == {
        "reversed_on": "Ngày huỷ không được trước ngày phân phối."
    }


def test_the_campaigns_filters_come_from_the_url_and_stay_in_it() -> None:
    q = rules.campaign_query(
        {"state": "launched", "type": "blood_drive", "unit_id": UNIT, "q": " tết ", "offset": "20"}, {UNIT}
    )
    assert q.errors == {} and q.offset == 20
    assert q.params == {"state": "launched", "type": "blood_drive", "unit_id": uuid.UUID(UNIT), "q": "tết"}
    bad = rules.campaign_query(
        {"state": "unknown", "type": "x", "unit_id": str(uuid.UUID(int=12)), "q": "x" * 101, "offset": "-1"}, {UNIT}
    )
    assert set(bad.errors) == {"state", "type", "unit_id", "q", "offset"} and bad.params == {}
    assert (
        rules.query_string(q.values, offset=40)
        == f"state=launched&type=blood_drive&unit_id={UNIT}&q=t%E1%BA%BFt&offset=40"
    )
    assert rules.query_string(q.values, offset=0) == f"state=launched&type=blood_drive&unit_id={UNIT}&q=t%E1%BA%BFt"


def test_a_campaigns_page_knows_its_neighbours() -> None:
    page = ops.CampaignsPage([], offset=10, size=10, more=True)
    assert (page.previous, page.next) == (0, 20)
    assert (ops.CampaignsPage([], 0, 10, more=False).previous, ops.CampaignsPage([], 0, 10, False).next) == (None, None)


async def test_malformed_ids_and_filters_get_a_page_in_vietnamese_never_a_500(tmp_path: Path) -> None:
    private, _ = generate_keys(tmp_path)
    settings = Settings(
        dev_login_enabled=True, dev_login_private_key_file=str(private), members_url="http://127.0.0.1:9"
    )
    async with client(settings) as c:
        page = await c.get("/login")
        r = await c.post("/login", data={"role": "admin", "csrf": login_csrf(page.text)})
        assert r.status_code == 303
        for path, message in (
            ("/beneficiaries/x", "Không có người được hỗ trợ này."),
            ("/blood-sessions/x", "Không có buổi hiến máu này."),
            ("/distributions/x/reversal", "Không có lần phân phối này."),
            ("/campaigns/x/beneficiaries/new", "Không có cuộc vận động này."),
            ("/campaigns/x/blood-sessions/new", "Không có cuộc vận động này."),
        ):
            answer = await c.get(path)
            assert answer.status_code == 404 and message in answer.text, path
        # the members service does not answer (the units of the filter): a page saying so, not a 500
        down = await c.get("/campaigns", params={"state": "launched"})
        assert down.status_code == 503 and "Dịch vụ tạm thời không trả lời" in down.text


def campaign_ops_api(request: httpx.Request) -> httpx.Response:
    """The campaign operations' reads (a beneficiary with a sponsorship, a session, a distribution), else
    the money screens' answers of the language tests."""
    path = request.url.path
    if path == f"/beneficiaries/{ADDRESS['id']}":
        return httpx.Response(200, json=ADDRESS)
    if path == f"/blood-sessions/{i18n.SESSION['id']}":
        return httpx.Response(200, json=i18n.SESSION)
    if path == f"/distributions/{i18n.DISTRIBUTION['id']}":
        return httpx.Response(200, json=i18n.DISTRIBUTION)
    if path == f"/campaigns/{i18n.CAMPAIGN}":  # a blood drive under way: sessions are scheduled
        return httpx.Response(200, json=i18n.CAMPAIGN_DOC | {"campaign_type": "blood_drive"})
    return i18n.money_api(request)


ADDRESS = i18n.ADDRESSES[0] | {
    "verified": True, "verified_on": "2026-02-03", "verified_by": "Cán bộ xã", "situation": "Ốm dài ngày",
    "support_received": {"cash_vnd": 500_000, "goods_value_vnd": 0},
    "sponsorships": [{"id": str(uuid.uuid4()), "sponsor_id": str(uuid.uuid4()), "sponsor_type": "organisation",
                      "sponsor_name": "Công ty Hoà Bình", "sponsor_contact": "0290 3 123 456",
                      "start_on": "2026-01-01", "end_on": None, "commitment": "500.000 đồng mỗi tháng"}],
}  # fmt: skip
OPS_DATA = (
    *i18n.MONEY_DATA,
    "Cán bộ xã",
    "Ốm dài ngày",
    "0290 3 123 456",
    "500.000 đồng mỗi tháng",
    "Thôn 1",
    "cứu trợ",
)


async def test_the_campaign_operations_in_english_with_nothing_left_in_vietnamese() -> None:
    app = build_app(Settings(session_secret="s" * 32))
    for service in ("campaigns", "donations", "reporting"):
        app.state.upstreams._transports[service] = httpx.MockTransport(campaign_ops_api)
    app.state.upstreams._transports["members"] = httpx.MockTransport(i18n.members_api)
    session = app.state.sessions.new(User(subject="hoa-test", role="unit_manager", unit_id=i18n.UNIT, token="t"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console") as c:
        c.cookies.set(COOKIE, app.state.sessions.dump(session))
        c.cookies.set(language.COOKIE, "en")
        pages = {
            "/campaigns?state=launched&q=yagi": ("<button type=\"submit\">Filter</button>", "Clear the filters"),
            f"/campaigns/{i18n.CAMPAIGN}": ("Register a person supported", "Schedule a blood donation session",
                                             "Reverse the distribution…"),
            f"/campaigns/{i18n.CAMPAIGN}/beneficiaries/new": ("Unit in charge", "Purpose consented to"),
            f"/beneficiaries/{ADDRESS['id']}": ("Verified on 3 Feb 2026 by Cán bộ xã", "Record a sponsorship"),
            f"/campaigns/{i18n.CAMPAIGN}/blood-sessions/new": ("Unit running the session",),
            f"/blood-sessions/{i18n.SESSION['id']}": ("12 / 50 places", "Register a donor"),
            f"/distributions/{i18n.DISTRIBUTION['id']}/reversal": ("To confirm, type the value of the distribution",),
        }  # fmt: skip
        for path, texts in pages.items():
            page = await c.get(path)
            assert page.status_code == 200, (path, page.text)
            for text in texts:
                assert text in page.text, (path, text)
            assert i18n.leftover_vietnamese(page.text, OPS_DATA) == [], path
        bad = await c.get("/campaigns", params={"state": "open", "unit_id": str(uuid.UUID(int=99))})
        assert bad.status_code == 422
        assert 'id="state-error">Not a valid choice.' in bad.text
        assert 'id="unit_id-error">Please choose a unit within your scope.' in bad.text


async def test_only_a_blood_drives_page_asks_for_blood_sessions() -> None:
    """Blood sessions belong to blood drives (the campaigns API refuses others), so the page of another kind of
    campaign spends no call on them; a blood drive's page lists its sessions."""
    for campaign_type, asks in (("emergency_relief", False), ("blood_drive", True)):
        seen: list[str] = []
        doc = i18n.CAMPAIGN_DOC | {"campaign_type": campaign_type}

        def api(request: httpx.Request, seen: list[str] = seen, doc: dict[str, object] = doc) -> httpx.Response:
            seen.append(request.url.path)
            if request.url.path == f"/campaigns/{i18n.CAMPAIGN}":
                return httpx.Response(200, json=doc)
            return i18n.money_api(request)

        app = build_app(Settings(session_secret="s" * 32))
        for service in ("campaigns", "donations", "reporting"):
            app.state.upstreams._transports[service] = httpx.MockTransport(api)
        app.state.upstreams._transports["members"] = httpx.MockTransport(i18n.members_api)
        session = app.state.sessions.new(user("unit_manager"))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://console") as c:
            c.cookies.set(COOKIE, app.state.sessions.dump(session))
            page = await c.get(f"/campaigns/{i18n.CAMPAIGN}")
        assert page.status_code == 200, page.text
        assert (f"/campaigns/{i18n.CAMPAIGN}/blood-sessions" in seen) is asks, (campaign_type, seen)
        assert (i18n.SESSION["id"] in page.text) is asks, campaign_type


def test_a_gift_is_recorded_for_the_campaigns_own_units_in_the_users_scope() -> None:
    """The organiser is offered as no unit at all (the API's default, its quickest path); a participant by its
    id; a unit of the scope that is neither, never; none in scope (an organiser that ended): nothing offered."""
    from rc_console.domain.model import recording_choices
    from rc_console.service_layer.screens import first_unit

    org, part, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    scope = [(str(org), "Tỉnh"), (str(part), "— Huyện A"), (str(other), "— Huyện B")]
    assert recording_choices(scope, org, [part]) == [("", "Tỉnh"), (str(part), "Huyện A")]
    assert first_unit(recording_choices(scope, org, [part])) == ""
    assert recording_choices(scope[1:], org, [part]) == [(str(part), "Huyện A")]
    assert first_unit(recording_choices(scope[1:], org, [part])) == str(part)
    assert recording_choices([(str(other), "B")], org, [part]) == [] and first_unit([]) == ""


def test_a_correction_sends_only_what_changed_and_clears_what_was_emptied() -> None:
    current = {"full_name": "Lê Thị Tư", "id_number": "079123456789", "address": "Ấp 3", "commune": "Vĩnh Trạch",
               "situation": "Nhà sập", "notes": None}  # fmt: skip
    form = {"full_name": " Lê Thị Tư ", "id_number": "", "address": "Ấp 3", "commune": "Vĩnh Trạch",
            "situation": "Nhà sập; mất sức lao động", "notes": ""}  # fmt: skip
    assert rules.correction_body(form, current) == {"id_number": None, "situation": "Nhà sập; mất sức lao động"}
    assert rules.correction_body({**form, "full_name": ""}, current)["full_name"] == ""  # required: the API says so
    assert rules.correction_body({k: (v or "") for k, v in current.items()}, current) == {}
    # the consent to publish the name: its box (sent only when ticked) given or withdrawn when it changed
    as_shown = {k: (v or "") for k, v in current.items()}
    assert rules.correction_body(as_shown | {"publish_name": "yes"}, current) == {"publish_name": True}
    published = current | {"publish_name": "yes"}
    assert rules.correction_body(as_shown, published) == {"publish_name": False}  # the box unticked
    assert rules.correction_body(as_shown | {"publish_name": "yes"}, published) == {}
    assert rules.correction_body(as_shown | {"publish_name": "hai triệu"}, current) == {}  # not the box's value
