"""The console's pure rules: which actions are offered, errors in Vietnamese, the session cookie."""

from __future__ import annotations

import base64
import uuid
from datetime import date
from types import SimpleNamespace
from typing import Any, cast

import pytest

from rc_console import i18n
from rc_console.adapters.session import SessionCodec, same_token
from rc_console.adapters.upstream import Api
from rc_console.domain import money
from rc_console.domain.model import (
    User,
    action_refusal,
    as_of_date,
    field_name,
    offered_actions,
    percent,
    problem_of,
    unit_change_label,
)
from rc_console.service_layer.screens import (
    campaign_body,
    campaign_form,
    campaign_patch,
    donation_body,
    organises,
    shown_field,
    shown_values,
    whole_number,
)
from rc_shared.labels import vnd

UNIT = uuid.uuid4()


def user(role: str) -> User:
    return User(subject=f"u-{role}", role=role, unit_id=UNIT, token="t.o.k")


@pytest.mark.parametrize(
    ("role", "allowed", "offered"),
    [
        ("unit_manager", ["launch", "cancel"], ["launch", "cancel"]),
        ("unit_manager", ["close", "cancel"], ["close", "cancel"]),
        ("admin", ["close", "cancel"], ["close", "cancel"]),
        ("data_entry", ["launch", "cancel"], []),
        ("viewer", ["launch", "cancel"], []),
        ("unit_manager", ["settle"], ["settle"]),  # with its form (the date)
        ("data_entry", ["settle"], []),
        ("unit_manager", ["archive"], []),  # an action the console does not know is never offered
    ],
)
def test_only_actions_allowed_by_state_and_role_are_offered(role: str, allowed: list[str], offered: list[str]) -> None:
    assert [a for a, _ in offered_actions(user(role), allowed)] == offered


def test_progress_and_amounts() -> None:
    assert percent(5_000_000, 20_000_000) == 25
    assert percent(30, 20) == 100  # the bar stops at full
    assert percent(10, None) is None and percent(10, 0) is None
    assert vnd(1_234_567) == "1.234.567 ₫" and vnd(None) == "–"


def test_field_errors_of_a_service_are_said_in_vietnamese_next_to_their_field() -> None:
    body = {
        "error": "validation_error",
        "detail": "the request is invalid: see errors",
        "errors": [
            {"field": "code", "message": "String should match pattern", "type": "string_pattern_mismatch"},
            {
                "field": "receiving_from",
                "message": "Input should be a valid date",
                "type": "date_from_datetime_parsing",
            },
            {"field": "targets.cash_vnd", "message": "Input should be a valid integer", "type": "int_parsing"},
            {"field": "name", "message": "String should have at least 1 character", "type": "string_too_short"},
        ],
    }
    p = problem_of(422, body)
    assert p.message == "Một số ô chưa đúng, xin xem lại."
    assert p.fields == {
        "code": "Chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.",
        "receiving_from": "Ngày không hợp lệ (năm-tháng-ngày).",
        "target_cash_vnd": "Phải là một số nguyên.",
        "name": "Bắt buộc nhập.",
    }


def test_a_rule_across_fields_is_shown_next_to_the_later_date() -> None:
    rule = "Value error, receiving_until is before receiving_from"
    body = {"error": "validation_error", "errors": [{"field": "", "message": rule, "type": "value_error"}]}
    p = problem_of(422, body)
    assert p.fields == {"receiving_until": "Ngày này không được trước ngày bắt đầu."}
    assert p.message == "Một số ô chưa đúng, xin xem lại."
    query = problem_of(422, {"errors": [{"field": "query.q", "type": "string_too_long"}]})
    assert query.fields == {"q": "Quá dài."}


def test_a_rule_error_names_its_field_and_a_duplicate_code_is_said_so() -> None:
    rule = problem_of(422, {"error": "invalid", "detail": "receiving_until is before receiving_from",
                            "field": "receiving_until"})  # fmt: skip
    assert list(rule.fields) == ["receiving_until"]
    # a draft's correction: the campaign's rule, with the two days (said at the field, in the user's language)
    said = "receiving_until (2026-12-04) is before receiving_from (2026-12-05)"
    rule = problem_of(422, {"error": "invalid", "detail": said, "field": "receiving_until"})
    assert rule.fields == {"receiving_until": "Ngày này không được trước ngày bắt đầu."}
    today = problem_of(422, {"error": "invalid", "field": "cancelled_on",
                             "detail": "cancelled_on (2026-11-30) is before today (2026-12-02)"})  # fmt: skip
    assert today.fields["cancelled_on"] != "Ngày này không được trước ngày bắt đầu."  # not the period's rule
    dup = problem_of(409, {"error": "conflict", "detail": "a campaign with code 'X' already exists: …",
                           "campaign_code": "X"})  # fmt: skip
    assert dup.fields == {"code": "Mã này đã được dùng cho một cuộc vận động khác."}
    assert problem_of(403, {"error": "forbidden"}).message == "Bạn không có quyền thực hiện thao tác này."
    assert problem_of(502, "not json").message == "Dịch vụ tạm thời không trả lời, xin thử lại."


def test_the_form_is_sent_as_typed_and_a_cash_target_may_have_dots() -> None:
    body = campaign_body({"code": " TNA-1 ", "name": "Tết", "target_cash_vnd": "20.000.000", "csrf": "x"})
    assert body["code"] == "TNA-1" and body["targets"] == {"cash_vnd": 20_000_000} and "csrf" not in body
    assert campaign_body({"target_cash_vnd": " hai triệu "})["targets"] == {"cash_vnd": "hai triệu"}
    assert campaign_body({})["targets"] == {}


def test_a_session_cookie_round_trips_and_expires() -> None:
    codec = SessionCodec(b"k" * 32, ttl_s=600)
    s = codec.new(user("viewer"), now=1_000)
    cookie = codec.dump(s)
    assert codec.load(cookie, now=1_599) == s
    assert codec.load(cookie, now=1_600) is None  # expired
    assert same_token(s.csrf, s.csrf) and not same_token(s.csrf, None) and not same_token(s.csrf, s.csrf + "x")


def test_a_session_ends_when_unused_for_the_idle_timeout_and_never_outlives_its_token() -> None:
    codec = SessionCodec(b"k" * 32, ttl_s=3600, idle_s=600)
    s = codec.new(user("viewer"), now=1_000)
    assert codec.load(codec.dump(s), now=1_599) == s
    assert codec.load(codec.dump(s), now=1_600) is None  # idle for 600 s
    assert codec.touched(s, now=1_030) is None  # "last used" is rewritten at most once a minute
    used = codec.touched(s, now=1_500)
    assert used is not None and used.seen == 1_500 and used.expires == s.expires and used.csrf == s.csrf
    assert codec.load(codec.dump(used), now=2_099) == used  # used at 1,500: alive until 2,100
    assert codec.load(codec.dump(used), now=2_100) is None
    kept = codec.touched(codec.load(codec.dump(used), now=2_000), now=2_000)  # type: ignore[arg-type]
    assert kept is not None
    assert codec.load(codec.dump(kept), now=4_600) is None  # used every few minutes: still ends at 1,000 + 3,600
    capped = codec.new(user("viewer"), now=1_000, via="oidc", not_after=1_200)
    assert capped.expires == 1_200 and codec.load(codec.dump(capped), now=1_200) is None  # the token's expiry


def test_the_session_cookie_is_encrypted_and_a_tampered_or_foreign_one_is_no_session() -> None:
    codec = SessionCodec(b"k" * 32, ttl_s=600)
    s = codec.new(User(subject="u", role="viewer", unit_id=UNIT, token="eyJ.secret-bearer-token.sig"), now=1_000)
    cookie = codec.dump(s)
    assert "secret-bearer-token" not in cookie and s.csrf not in cookie and str(UNIT) not in cookie
    for part in cookie.split("."):  # not readable once decoded either (a signed cookie's payload would be)
        decoded = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        assert b"secret-bearer-token" not in decoded and b"viewer" not in decoded and s.csrf.encode() not in decoded
    flipped = cookie[:40] + ("A" if cookie[40] != "A" else "B") + cookie[41:]
    assert codec.load(flipped, now=1_001) is None  # one character changed
    assert SessionCodec(b"o" * 32, ttl_s=600).load(cookie, now=1_001) is None  # another key
    for junk in ("", "abc", "a.b.c", cookie[:-4], "!!!.???", base64.urlsafe_b64encode(b'{"t":"x"}').decode()):
        assert codec.load(junk, now=1_001) is None
    with pytest.raises(ValueError):
        SessionCodec(b"short", ttl_s=600)


def test_session_keys_rotate_new_cookies_use_the_first_old_ones_still_open() -> None:
    old, new = b"o" * 32, b"n" * 32
    before = SessionCodec(old, ttl_s=600)
    cookie = before.dump(before.new(user("viewer"), now=1_000))
    rotated = SessionCodec([new, old], ttl_s=600)
    assert rotated.load(cookie, now=1_001) is not None  # a session made before the rotation
    fresh = rotated.dump(rotated.new(user("viewer"), now=1_000))
    assert SessionCodec(new, ttl_s=600).load(fresh, now=1_001) is not None  # made with the new key
    assert before.load(fresh, now=1_001) is None
    assert SessionCodec(new, ttl_s=600).load(cookie, now=1_001) is None  # the old key dropped: its sessions end


def test_a_refused_lifecycle_action_is_explained_in_vietnamese() -> None:
    early = problem_of(422, {"error": "invalid", "field": "closed_on", "detail": "closed_on (2026-11-29) is before "
                             "the receiving period starts (2026-12-02); cancel the campaign instead"})  # fmt: skip
    assert action_refusal(early).startswith("Chưa đến ngày bắt đầu tiếp nhận")
    twice = problem_of(409, {"error": "conflict", "detail": "cannot launch a launched campaign; allowed from ..."})
    assert action_refusal(twice).startswith("Trạng thái hiện tại của cuộc vận động không cho phép")
    other = problem_of(409, {"error": "conflict", "detail": "something else"})
    assert action_refusal(other) == "Không thực hiện được thao tác: Xung đột với dữ liệu đã có."
    # a draft made before campaigns 1.7.0 with too long a period: said, not "some fields are wrong" on a page
    # that has none (relief officer's review); a draft made or corrected now is told at its field
    said = "the receiving period is 92 days (2026-10-01 to 2026-12-31); Decree 93/2021 allows at most 90 days"
    long = {"error": "invalid", "field": "receiving_until", "days": 92, "max_days": 90, "detail": said}
    assert action_refusal(problem_of(422, long)).startswith("Thời gian tiếp nhận dài hơn mức Nghị định 93/2021")
    assert problem_of(422, long).fields == {
        "receiving_until": "Thời gian tiếp nhận này dài 92 ngày; Nghị định 93/2021 cho phép tối đa 90 ngày."
    }


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("20.000.000", 20_000_000),
        (" 1 500 000 ", 1_500_000),
        ("-5", -5),  # the API says it must be above 0
        ("9" * 40, int("9" * 40)),  # the API says it is too large
        ("²³", "²³"),  # str.isdigit() is True, int() refuses it: passed on as typed, never a 500
        ("１２３", "１２３"),  # full-width digits: not read as 123 behind the user's back
        ("1e3", "1e3"),
        ("", ""),
        ("1500000", 1_500_000),
        ("1.500.00", "1.500.00"),  # a digit missing: a typo, not 150,000
        ("2.000.0000", "2.000.0000"),  # a digit too many: not 20,000,000
        ("1.500 000", "1.500 000"),  # two kinds of separator
        ("1..500", "1..500"),
        ("1500.000", "1500.000"),  # the first group has at most three digits
        ("-1.000", -1_000),
    ],
)
def test_a_whole_number_is_read_only_from_ascii_digits(typed: str, sent: int | str) -> None:
    assert whole_number(typed) == sent


def test_a_cash_gift_is_sent_as_typed() -> None:
    body = donation_body({
        "amount_vnd": "1.500.000", "channel": "momo", "received_on": "2026-11-30 ", "bank_reference": " ",
        "donor_type": "individual", "donor_name": " Trần Văn Bảy ", "donor_phone": "", "donor_consent": "yes",
        "key": "k", "csrf": "c",
    })  # fmt: skip
    assert body == {
        "kind": "cash",
        "amount_vnd": 1_500_000,
        "channel": "momo",
        "received_on": "2026-11-30",
        "donor": {"type": "individual", "name": "Trần Văn Bảy", "consent_to_be_named": True},
    }
    assert donation_body({})["donor"] == {"type": "", "consent_to_be_named": False}


def test_a_gifts_errors_land_next_to_the_form_fields() -> None:
    assert field_name("cash.donor.phone") == "donor_phone"
    assert field_name("cash.amount_vnd") == "amount_vnd"
    assert field_name("query.as_of") == "as_of"
    p = problem_of(422, {"errors": [
        {"field": "cash.donor.phone", "type": "string_pattern_mismatch", "message": "x"},
        {"field": "cash.amount_vnd", "type": "greater_than", "message": "x"},
        {"field": "cash.donor.name", "type": "string_pattern_mismatch", "message": "x"},
    ]})  # fmt: skip
    assert p.fields == {
        "donor_phone": ("Số điện thoại gồm 8–15 chữ số (có thể có dấu +, dấu cách, chấm, gạch ngang)."),
        "amount_vnd": "Phải lớn hơn 0.",
        "donor_name": "Không được để trống hoặc chỉ có khoảng trắng.",
    }


@pytest.mark.parametrize(
    "bad", ["2024-02-30", "31/12/2026", "1899-12-31", "2101-01-01", "２０２４-01-01", "x" * 10_000]
)
def test_a_bad_as_of_date_is_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        as_of_date(bad)


def test_as_of_dates_and_unit_changes() -> None:
    assert as_of_date(" 2024-01-15 ") is not None and str(as_of_date("2024-01-15")) == "2024-01-15"
    assert as_of_date("") is None
    assert unit_change_label("created,renamed") == "Thành lập, Đổi tên"
    assert unit_change_label("moved") == "Chuyển trực thuộc"


def test_a_gift_or_distribution_larger_than_the_undistributed_balance_says_both_amounts() -> None:
    """The donations service's 409 (a reversal of money already handed out, or an overdraw) names what is
    left and what was asked: the page says so, not only 'a conflict with existing data'."""
    said = problem_of(409, {
        "error": "conflict", "requested_vnd": 2_000_000, "available_vnd": 1_500_000,
        "detail": "cannot reverse 2000000 VND: only 1500000 VND is undistributed (...; reverse distributions first)",
    })  # fmt: skip
    assert said.message == (
        "Tiền chưa phân phối chỉ còn 1.500.000 ₫, không đủ để huỷ 2.000.000 ₫."
        " Nếu cần, hãy huỷ các lần phân phối đã làm từ khoản này trước."
    )
    overdraw = problem_of(409, {
        "error": "conflict", "requested_vnd": 2_000_001, "available_vnd": 2_000_000,
        "detail": "insufficient balance (goods, by value): requested 2000001 VND, available 2000000 VND",
    })  # fmt: skip
    assert overdraw.message == (  # a distribution: no advice to reverse others' distributions
        "Hàng hoá chưa phân phối (theo giá trị) chỉ còn 2.000.000 ₫, không đủ cho 2.000.001 ₫."
    )
    assert problem_of(409, {"error": "conflict", "detail": "x"}).message == "Xung đột với dữ liệu đã có."


class _Units:
    """Just the members API's unit lookup: each unit's ancestors (``path``), and how often it was asked."""

    def __init__(self, paths: dict[uuid.UUID, list[uuid.UUID]]) -> None:
        self.paths, self.asked = paths, 0

    async def unit(self, unit_id: uuid.UUID) -> Any:
        self.asked += 1
        return SimpleNamespace(id=unit_id, path=[SimpleNamespace(id=u) for u in self.paths[unit_id]])


async def test_lifecycle_actions_are_offered_only_where_the_users_scope_holds_the_organising_unit() -> None:
    """The campaigns API takes launch, close, settle and cancel from the organising unit's scope only: a
    participating commune's manager sees a province campaign and is offered none of them."""
    province, district, commune = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    units = _Units({province: [], district: [province], commune: [province, district]})
    api = cast(Api, units)

    def campaign(organiser: uuid.UUID, state: str = "launched") -> Any:
        allowed = ["launch", "cancel"] if state == "draft" else ["close", "cancel"]
        return SimpleNamespace(organising_unit_id=organiser, allowed_actions=allowed, state=state)

    def manager(unit: uuid.UUID | None) -> User:
        return User(subject="m", role="unit_manager", unit_id=unit, token="t.o.k")

    assert not await organises(api, manager(commune), campaign(province))  # a participating unit's manager
    assert await organises(api, manager(district), campaign(commune))  # a unit under the user's
    assert await organises(api, manager(commune), campaign(commune))  # their own unit: not asked
    assert await organises(api, manager(None), campaign(commune))  # organisation-wide: not asked
    assert units.asked == 2
    assert await organises(api, user("viewer"), campaign(province))  # offered nothing anyway: not asked
    assert await organises(api, user("data_entry"), campaign(province))  # nor a gift recorder: no action of theirs
    assert units.asked == 2
    # a draft may be corrected by a user who records (PATCH: write) from the organiser's scope only: asked
    assert not await organises(api, User("d", "data_entry", commune, "t.o.k"), campaign(province, "draft"))
    assert await organises(api, User("d", "data_entry", district, "t.o.k"), campaign(commune, "draft"))
    assert units.asked == 4
    assert await organises(api, user("viewer"), campaign(province, "draft"))  # may not correct it: not asked
    assert units.asked == 4


def test_a_drafts_correction_sends_only_the_fields_changed_and_an_emptied_target_clears_it() -> None:
    draft = SimpleNamespace(
        code="TNA-1", name="Tết 2027", campaign_type="tet_nhan_ai", organising_unit_id=UNIT,
        receiving_from=date(2027, 1, 5), receiving_until=date(2027, 2, 5), description="",
        targets=SimpleNamespace(cash_vnd=20_000_000),
    )  # fmt: skip
    shown = campaign_form(cast(Any, draft))
    assert shown == {
        "code": "TNA-1", "name": "Tết 2027", "campaign_type": "tet_nhan_ai", "organising_unit_id": str(UNIT),
        "receiving_from": "2027-01-05", "receiving_until": "2027-02-05", "target_cash_vnd": "20.000.000",
        "description": "",
    }  # fmt: skip
    assert campaign_patch(shown, shown) == {}  # sent as shown: nothing to change
    typed = {**shown, "name": " Tết Nhân ái 2027 ", "target_cash_vnd": "20000000", "csrf": "x"}
    assert campaign_patch(typed, shown) == {"name": "Tết Nhân ái 2027"}  # the same target, typed without dots
    assert campaign_patch({**shown, "target_cash_vnd": ""}, shown) == {"targets": {"cash_vnd": None}}
    assert campaign_patch({**shown, "target_cash_vnd": "5.000.000", "receiving_until": "2027-02-30"}, shown) == {
        "targets": {"cash_vnd": 5_000_000},
        "receiving_until": "2027-02-30",  # as typed: the API says what is wrong with it
    }
    # the form carries what it showed: read back whole, or not at all (then the draft as it is stands for it)
    assert shown_values(shown_field(shown)) == shown
    for bad in ("", "x", "[]", '{"code": 1}', shown_field({**shown, "extra": "x"}), shown_field({"code": "C"}),
                "[" * 3000, "x" * 9000):  # fmt: skip
        assert shown_values(bad) is None, bad
    none = campaign_form(cast(Any, SimpleNamespace(**{**vars(draft), "targets": SimpleNamespace(cash_vnd=None)})))
    assert none["target_cash_vnd"] == "" and campaign_patch({**none, "target_cash_vnd": "0"}, none) == {
        "targets": {"cash_vnd": 0}
    }


def test_a_refused_gift_says_why_by_its_day_or_its_blood_donor_in_the_users_language() -> None:
    """The donations service's 409s of a gift, as it sends them (their own fields): the page says the rule and
    the dates, next to the field to change, in Vietnamese or English; not 'a conflict with existing data'."""
    interval = {"error": "conflict", "next_eligible_on": "2027-01-25", "last_donation_on": "2026-11-02",
                "detail": "the donor is not eligible to give blood on 2026-12-02: the last donation (whole_blood on "
                          "2026-11-02) needs 84 days; next eligible date 2027-01-25"}  # fmt: skip
    later = {"error": "conflict", "later_donation_on": "2026-12-10",
             "detail": "the donor gave blood on 2026-12-10: a whole_blood donation on 2026-12-02 would be less than "
                       "84 days before it"}  # fmt: skip
    age = {"error": "conflict", "age": 61,
           "detail": "the donor is 61 on 2026-12-02: blood donors must be 18–60 years old"}  # fmt: skip
    closed = {"error": "conflict", "field": "received_on", "closed_on": "2026-11-30", "ledger_status": "closed",
              "detail": "campaign HM-2026 closed on 2026-11-30: received_on 2026-12-01 is after the close"}  # fmt: skip
    outside = {"error": "conflict", "field": "received_on", "receiving_from": "2026-12-05",
               "receiving_until": "2026-12-31",
               "detail": "received_on 2026-12-02 is outside the receiving period"}  # fmt: skip
    expected = {
        "vi": [
            ("received_on", "Người này chưa được hiến máu lại vào ngày này: lần hiến gần nhất ngày 02/11/2026, ngày "
                            "được hiến tiếp theo là 25/01/2027."),
            ("received_on", "Người này đã hiến máu ngày 10/12/2026: lần hiến ghi vào ngày này cách lần đó chưa đủ "
                            "khoảng cách quy định."),
            ("donor_birth_date", "Người hiến 61 tuổi vào ngày hiến; người hiến máu phải từ 18 đến 60 tuổi."),
            ("received_on", "Cuộc vận động đã kết thúc tiếp nhận ngày 30/11/2026: không nhận đóng góp ghi sau "
                            "ngày đó."),
            ("received_on", "Ngày nhận nằm ngoài thời gian tiếp nhận của cuộc vận động (05/12/2026 – 31/12/2026)."),
        ],
        "en": [
            ("received_on", "This person may not give blood again on this day: their last donation was on 2 Nov 2026, "
                            "and the next eligible date is 25 Jan 2027."),
            ("received_on", "This person gave blood on 10 Dec 2026: a donation on this day would be too close to it."),
            ("donor_birth_date", "The donor is 61 on the day of the donation; blood donors must be 18 to 60 years "
                                 "old."),
            ("received_on", "The campaign stopped receiving on 30 Nov 2026: nothing dated after that day is accepted."),
            ("received_on", "The date is outside the campaign's receiving period (5 Dec 2026 – 31 Dec 2026)."),
        ],
    }  # fmt: skip
    for language, said in expected.items():
        with i18n.using(language):
            for body, (name, text) in zip((interval, later, age, closed, outside), said, strict=True):
                p = problem_of(409, body)
                assert (p.message, p.fields) == (text, {name: text}), (language, body)
                assert p.detail == body["detail"]  # the service's words, shown small for support


def test_an_identity_number_on_record_under_another_name_is_said_at_its_field() -> None:
    clash = problem_of(409, {"error": "conflict", "field": "donor.id_number",
                             "detail": "the identity number given is on record for a donor of another name: check "
                                       "the number and the name (a record whose name is wrong is corrected with "
                                       "PATCH /donors/{id})"})  # fmt: skip
    said = "Số giấy tờ này đã có trong hồ sơ của một người mang họ tên khác: xin kiểm tra lại số và họ tên."
    assert (clash.message, money.gift_fields(clash.fields, {})) == (said, {"donor_id_number": said})
    with i18n.using("en"):
        assert problem_of(409, {"error": "conflict", "field": "donor.id_number", "detail": clash.detail}).message == (
            "This identity number is on record for a person of another name: please check the number and the name."
        )


def test_a_birth_date_other_than_the_donors_record_is_said_at_its_field() -> None:
    other = problem_of(409, {"error": "conflict", "field": "donor.birth_date",
                             "detail": "the birth date given is not the one on the donor's record, which the age "
                                       "check uses: check it with the donor; a record whose date is wrong is "
                                       "corrected with PATCH /donors/{id}"})  # fmt: skip
    said = (
        "Ngày sinh này khác ngày sinh trong hồ sơ người hiến (dùng để kiểm tra độ tuổi được hiến): xin đối chiếu "
        "với giấy tờ của người hiến; nếu hồ sơ ghi sai, xin báo quản trị hệ thống sửa hồ sơ trước."
    )
    assert (other.message, money.gift_fields(other.fields, {})) == (said, {"donor_birth_date": said})


def test_a_blood_donors_birth_date_after_the_gift_is_not_said_to_be_missing() -> None:
    after = problem_of(422, {"error": "invalid", "field": "donor.birth_date",
                             "detail": "the donor's birth date 2027-01-01 is after the day of the gift (2026-12-02): "
                                       "correct donor.birth_date"})  # fmt: skip
    assert money.gift_fields(after.fields, {}) == {
        "donor_birth_date": "Ngày sinh ghi sau ngày hiến máu: xin kiểm tra lại ngày sinh."
    }
    missing = problem_of(422, {"error": "invalid", "field": "donor.birth_date",
                               "detail": "a blood donor's birth date is needed to check the 18–60 age rule: give "
                                         "donor.birth_date (it is not on file for this donor)"})  # fmt: skip
    assert money.gift_fields(missing.fields, {}) == {
        "donor_birth_date": "Cần ngày sinh của người hiến máu để kiểm tra độ tuổi được hiến."
    }
