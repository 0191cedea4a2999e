"""Domain rules of the members service: levels, ages, tree cycles, as-of resolution, import rows."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from rc_members.domain.imports import import_key, key_taken_reason, parse_date, same_person, validate_row
from rc_members.domain.people import (
    RoleRules,
    age_on,
    check_hours,
    check_status_change,
    check_training,
    hundredths,
    name_query,
)
from rc_members.domain.units import Levels, UnitVersion, ancestors, check_change_date, check_no_cycle, version_as_of
from rc_shared.errors import Conflict, Invalid
from rc_shared.member_columns import column_name

LEVELS = Levels.parse("central,province,district,commune,grassroots,branch")
RULES = RoleRules()
TODAY = date(2025, 8, 1)


def test_child_level_must_be_strictly_below_parent() -> None:
    LEVELS.check_child("province", "district")
    LEVELS.check_child("province", "commune")  # skipping a level is allowed (communes under provinces, 2025)
    with pytest.raises(Conflict):
        LEVELS.check_child("district", "district")
    with pytest.raises(Conflict):
        LEVELS.check_child("commune", "province")


def test_unknown_level_is_invalid_and_levels_are_configurable() -> None:
    with pytest.raises(Invalid):
        LEVELS.rank("hamlet")
    two_tier = Levels.parse("central, province ,commune,branch")
    assert two_tier.names == ("central", "province", "commune", "branch")
    with pytest.raises(Invalid):
        two_tier.rank("district")
    with pytest.raises(ValueError):
        Levels.parse("a,a")


def test_moving_a_unit_under_its_own_descendant_is_a_cycle() -> None:
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    parents = {b: a, c: b}  # a > b > c
    with pytest.raises(Conflict, match="descendants"):
        check_no_cycle(a, c, parents.get)
    with pytest.raises(Conflict, match="own parent"):
        check_no_cycle(a, a, parents.get)
    check_no_cycle(c, a, parents.get)  # moving c up is fine
    assert ancestors(c, parents.get) == [b, a]


def test_version_as_of_uses_inclusive_start_and_exclusive_end() -> None:
    u, p1, p2 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    old = UnitVersion(u, "Xã A", "commune", p1, date(2023, 1, 1), date(2025, 7, 1))
    new = UnitVersion(u, "Xã A", "commune", p2, date(2025, 7, 1), None)
    assert version_as_of([old, new], date(2025, 6, 30)) is old
    assert version_as_of([old, new], date(2025, 7, 1)) is new
    assert version_as_of([old, new], date(2022, 12, 31)) is None


def test_changes_cannot_rewrite_history_or_touch_an_ended_unit() -> None:
    u = uuid.uuid4()
    latest = UnitVersion(u, "H. Hòa Bình", "district", None, date(2023, 1, 1), None)
    check_change_date(latest, date(2025, 7, 1))
    with pytest.raises(Conflict, match="on or after"):
        check_change_date(latest, date(2022, 1, 1))
    ended = UnitVersion(u, "H. Hòa Bình", "district", None, date(2023, 1, 1), date(2025, 7, 1))
    with pytest.raises(Conflict, match="ended"):
        check_change_date(ended, date(2025, 8, 1))


def test_age_counts_completed_years() -> None:
    assert age_on(date(2005, 3, 31), date(2023, 3, 30)) == 17
    assert age_on(date(2005, 3, 31), date(2023, 3, 31)) == 18
    assert age_on(date(2004, 2, 29), date(2022, 2, 28)) == 17


def test_volunteer_must_be_18_with_the_computed_age_in_the_message() -> None:
    with pytest.raises(Conflict, match=r"volunteer must be 18 or older .*: 17\)") as exc:
        RULES.check("volunteer", date(2006, 1, 1), date(2023, 6, 1))
    assert exc.value.details["age"] == 17
    RULES.check("volunteer", date(2005, 6, 1), date(2023, 6, 1))


def test_youth_is_16_to_30_and_collaborator_has_no_age_rule() -> None:
    RULES.check("youth", date(2007, 6, 1), date(2023, 6, 1))  # 16
    with pytest.raises(Conflict):
        RULES.check("youth", date(2008, 6, 2), date(2023, 6, 1))  # 14
    with pytest.raises(Conflict):
        RULES.check("youth", date(1990, 1, 1), date(2023, 6, 1))  # 33
    RULES.check("collaborator", None, date(2023, 6, 1))
    with pytest.raises(Conflict, match="birth date"):
        RULES.check("volunteer", None, date(2023, 6, 1))
    with pytest.raises(Invalid):
        RULES.check("astronaut", date(1990, 1, 1), date(2023, 6, 1))


def test_deceased_is_final_and_status_dates_do_not_go_back() -> None:
    with pytest.raises(Conflict, match="final"):
        check_status_change("deceased", "active", date(2024, 1, 1), date(2024, 2, 1))
    with pytest.raises(Conflict, match="already"):
        check_status_change("active", "active", date(2024, 1, 1), date(2024, 2, 1))
    with pytest.raises(Conflict, match="before"):
        check_status_change("active", "lapsed", date(2024, 1, 1), date(2023, 12, 31))
    check_status_change("lapsed", "active", date(2024, 1, 1), date(2024, 1, 1))


def test_hours_must_be_within_a_day_and_not_in_the_future() -> None:
    check_hours(24, TODAY, TODAY)
    for bad in (0, -1, 24.5):
        with pytest.raises(Invalid):
            check_hours(bad, TODAY, TODAY)
    with pytest.raises(Invalid, match="future"):
        check_hours(2, date(2025, 8, 2), TODAY)
    for fine in (0.01, 0.07, 2.5, 23.99, 1 / 3):
        check_hours(fine, TODAY, TODAY)
    # stored to the hundredth: 0.001 became 0 and the table refused it as a "conflict" naming its check
    with pytest.raises(Invalid, match=r"hours must be from 0.01 to 24") as e:
        check_hours(0.001, TODAY, TODAY)
    assert e.value.details == {"field": "hours"}
    # more decimals: rounded half up, as the table keeps them (and as the answer and the event say)
    assert [hundredths(h) for h in (2.555, 2.554, 1 / 3, 0.005, 23.999, 7.5)] == [2.56, 2.55, 0.33, 0.01, 24.0, 7.5]


def test_a_training_counts_half_an_hour_to_1000_hours_completed_by_today_and_after_birth() -> None:
    born = date(2000, 3, 1)
    check_training(0.5, TODAY, TODAY, born)
    check_training(1000, born, TODAY, born)
    check_training(8, date(1950, 1, 1), TODAY, None)  # no birth date known: nothing to compare
    for bad in (0, 0.49, -8, 1000.5):
        with pytest.raises(Invalid) as hours:
            check_training(bad, TODAY, TODAY, born)
        assert hours.value.details == {"field": "hours"}
    with pytest.raises(Invalid, match="completed_on cannot be in the future"):
        check_training(8, date(2025, 8, 2), TODAY, born)
    with pytest.raises(Conflict, match=r"before the person's birth date \(2000-03-01\)") as before:
        check_training(8, date(2000, 2, 29), TODAY, born)
    assert before.value.details == {"field": "completed_on"}


GOOD_ROW = {
    "member_code": "HV0001",
    "unit_code": "BL-HB-01",
    "full_name": "  Nguyễn Thị  Lan ",
    "gender": "Nữ",
    "birth_date": "15/04/1990",
    "phone": "0912 345 678",
    "id_number": "094190001234",
    "joined_on": "2023-01-15",
    "fee_status": "Paid",
    "roles": "volunteer; youth",
    "consent_purpose": "membership records",
    "consent_given_on": "2023-01-15",
}


def test_an_import_rows_roles_start_on_roles_since_else_the_day_joined() -> None:
    """A member since the age of 15 who became a volunteer at 29: with the joining day as the role's start
    the volunteer's age rule refused the row, and nothing in the file could say otherwise. The optional
    column roles_since ("Ngày nhận vai trò") gives the roles' start, on which their age rules are checked;
    without it the refusal says so. It must be after the birth date, not ahead, and needs a role."""
    member_at_15 = {**GOOD_ROW, "birth_date": "01/01/1995", "joined_on": "01/06/2010", "roles": "Tình nguyện viên"}
    refused = validate_row(2, member_at_15, RULES, TODAY)
    assert refused == [
        "volunteer must be 18 or older (age on 2010-06-01: 15)",
        "a role starts on the day joined unless roles_since gives its day",
    ]
    row = validate_row(2, {**member_at_15, "roles_since": "01/03/2024"}, RULES, TODAY)
    assert not isinstance(row, list), row
    assert (row.joined_on, row.roles, row.roles_since) == (date(2010, 6, 1), ("volunteer",), date(2024, 3, 1))
    assert validate_row(2, {**member_at_15, "roles_since": "01/03/2011"}, RULES, TODAY) == [
        "volunteer must be 18 or older (age on 2011-03-01: 16)"  # (the day given: no hint)
    ]
    assert validate_row(2, {**member_at_15, "roles_since": "31/12/1994"}, RULES, TODAY) == [
        "roles_since 1994-12-31 is before the birth date 1995-01-01"
    ]
    # the hint once, and only when a role's minimum age was not reached on the day joined
    two = validate_row(2, {**member_at_15, "roles": "Tình nguyện viên; Thanh thiếu niên"}, RULES, TODAY)
    assert two == [
        "volunteer must be 18 or older (age on 2010-06-01: 15)",
        "youth must be aged 16–30 (age: 15)",
        "a role starts on the day joined unless roles_since gives its day",
    ]
    old_youth = validate_row(2, {**member_at_15, "joined_on": "01/06/2026", "roles": "Thanh thiếu niên, Hội trưởng"},
                             RULES, date(2026, 8, 1))  # fmt: skip
    assert isinstance(old_youth, list) and "roles_since" not in " ".join(old_youth), old_youth
    assert validate_row(2, {**member_at_15, "roles": "", "roles_since": "01/03/2024"}, RULES, TODAY) == [
        "roles_since is given for a row with no role"
    ]
    ahead = validate_row(2, {**member_at_15, "roles_since": "02/08/2025"}, RULES, TODAY)
    assert ahead == ["roles_since: 2025-08-02 is in the future"]
    # the Vietnamese header of the template reads the same
    assert column_name("Ngày nhận vai trò") == "roles_since"


def test_a_good_import_row_is_normalised() -> None:
    row = validate_row(2, {**GOOD_ROW, "birth_date": "15/04/2000"}, RULES, TODAY)
    assert not isinstance(row, list), row
    assert row.full_name == "Nguyễn Thị  Lan"
    assert row.gender == "female"
    assert row.birth_date == date(2000, 4, 15)
    assert row.fee_status == "paid"
    assert row.roles == ("volunteer", "youth")
    assert row.membership is True
    assert row.key == "card:BL-HB-01:HV0001"
    assert (row.phone, row.id_number) == ("0912345678", "094190001234")  # in rc_shared.contact's written form


@pytest.mark.parametrize(
    ("phone", "id_number", "kept"),
    [
        ("+84 912.345.678", "094 190 001 234", ("0912345678", "094190001234")),
        (912345678, 94190001234, ("0912345678", "094190001234")),  # cells that held numbers lost their 0
        (912345678.0, 94190001234.0, ("0912345678", "094190001234")),
        (84912345678, "c1234567", ("0912345678", "C1234567")),
        ("912345678", "094190001234", ("0912345678", "094190001234")),  # a CSV saved from a number column
        ("0168 612 3456", "094190001234", ("0386123456", "094190001234")),  # an old list's mobile: 2018's number
        (1686123456, "094190001234", ("0386123456", "094190001234")),  # the same, a number cell (its 0 lost)
        ("+84 129 123 4567", "094190001234", ("0821234567", "094190001234")),
        ("0912345678", 12345678, ("0912345678", "012345678")),  # a CMND (9 digits) that lost its 0: a number cell
        ("0912345678", "12345678", ("0912345678", "012345678")),  # and the CSV saved from it, alike
        ("0912345678", "012345678", ("0912345678", "012345678")),
        ("2913822123", "094190001234", ("02913822123", "094190001234")),
        ("1234567890", "094190001234", ("1234567890", "094190001234")),  # not a national number: as it is
    ],
)
def test_an_import_rows_phone_and_identity_number_are_kept_as_the_api_keeps_them(
    phone: object, id_number: object, kept: tuple[str, str]
) -> None:
    row = validate_row(
        2, {**GOOD_ROW, "birth_date": "15/04/2000", "phone": phone, "id_number": id_number}, RULES, TODAY
    )
    assert not isinstance(row, list), row
    assert (row.phone, row.id_number) == kept


def test_an_import_rows_bad_phone_and_identity_number_are_said_with_the_rule() -> None:
    reasons = validate_row(2, {**GOOD_ROW, "phone": "gọi tôi", "id_number": "CCCD: 0791"}, RULES, TODAY)
    assert isinstance(reasons, list)
    assert "phone 'gọi tôi' is not a phone number (an optional +, then 8 to 15 digits" in "; ".join(reasons)
    assert "id_number must be 6 to 20 letters or digits (a space, dot or dash between them allowed)" in reasons


def test_import_row_rejections_name_every_problem() -> None:
    reasons = validate_row(
        3,
        {**GOOD_ROW, "unit_code": "", "joined_on": "2099-01-01", "fee_status": "maybe", "extra": "x"},
        RULES,
        TODAY,
    )
    assert isinstance(reasons, list)
    text = "; ".join(reasons)
    for expected in (
        "unknown column(s): extra",
        "unit_code is required",
        "joined_on: 2099-01-01 is in the future",
        "fee_status 'maybe'",
    ):
        assert expected in text
    assert validate_row(4, {k: "" for k in GOOD_ROW}, RULES, TODAY) == ["blank row"]


def test_import_row_applies_role_age_rules_and_consent() -> None:
    young = validate_row(5, {**GOOD_ROW, "birth_date": "2010-01-01", "roles": "volunteer"}, RULES, TODAY)
    assert isinstance(young, list) and any("volunteer must be 18 or older" in r for r in young)
    no_consent = validate_row(6, {**GOOD_ROW, "consent_purpose": None}, RULES, TODAY)
    assert isinstance(no_consent, list) and any("consent_purpose is required" in r for r in no_consent)


def test_import_key_without_member_code_is_a_hash_needing_birth_date() -> None:
    row = {**GOOD_ROW, "member_code": None, "roles": None}
    a = validate_row(7, row, RULES, TODAY)
    b = validate_row(8, {**row, "full_name": "nguyễn thị lan"}, RULES, TODAY)
    assert not isinstance(a, list) and not isinstance(b, list)
    assert a.key == b.key and a.key.startswith("hash:") and "Lan" not in a.key
    missing = validate_row(9, {**row, "birth_date": None}, RULES, TODAY)
    assert isinstance(missing, list) and any("birth_date is required when member_code is absent" in r for r in missing)
    assert import_key("BL", None, "A", date(2000, 1, 1)) != import_key("BL", None, "A", date(2000, 1, 2))


def test_parse_date_accepts_iso_and_vietnamese_and_refuses_out_of_range() -> None:
    assert parse_date("2023-03-31") == date(2023, 3, 31)
    assert parse_date("31/03/2023") == date(2023, 3, 31)
    for bad in ("99999-01-01", "31/02/2023", "1800-01-01", "tomorrow"):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_import_fee_year_is_a_year_or_a_clear_rejection() -> None:
    row = validate_row(6, {**GOOD_ROW, "birth_date": "15/04/2000", "fee_year": "2023"}, RULES, TODAY)
    assert not isinstance(row, list) and row.fee_year == 2023
    assert validate_row(7, {**GOOD_ROW, "birth_date": "15/04/2000", "fee_year": "23a"}, RULES, TODAY) == [
        "fee_year '23a' is not a year between 1900 and 2100"
    ]
    without = validate_row(8, {**GOOD_ROW, "birth_date": "15/04/2000"}, RULES, TODAY)
    assert not isinstance(without, list) and without.fee_year is None
    for odd in ("²⁰²³", "２０２３"):  # digits to str.isdigit(): a clear rejection (int() failed or misread them)
        assert validate_row(9, {**GOOD_ROW, "birth_date": "15/04/2000", "fee_year": odd}, RULES, TODAY) == [
            f"fee_year {odd!r} is not a year between 1900 and 2100"
        ]


def test_a_name_query_is_collapsed_and_needs_a_letter_and_no_control_character() -> None:
    assert name_query("  Nguyễn \t Văn  A ") == "Nguyễn Văn A"
    assert name_query("Nguye\u0302\u0303n") == "Nguyễn"  # decomposed input is composed (NFC)
    for bad, says in (("123", "letter"), ("%_ -", "letter"), ("an\x00", "control"), ("a\x1b[0m", "control")):
        with pytest.raises(Invalid) as e:
            name_query(bad)
        assert e.value.details == {"field": "q"} and says in e.value.message


VIETNAMESE_ROW = {  # the header row of an office's spreadsheet, as rc_shared.sheets reads it (lower case, _)
    "số_thẻ_hội_viên": "HV0002",
    "mã_đơn_vị": "BL-HB-01",
    "họ_và_tên": "Trần Văn Bảy",
    "giới_tính": "Nam",
    "ngày_sinh": "02/09/1985",
    "sđt": "0912.345.678",
    "số_cccd": "094 185 001 234",
    "địa_chỉ": "Ấp 3",
    "ngày_vào_hội": "15/01/2023",
    "hội_phí": "Đã đóng",
    "năm_hội_phí": "2023",
    "vai_trò": "Tình nguyện viên; CTV",
    "là_hội_viên": "Có",
    "mục_đích_đồng_ý": "Quản lý hội viên",
    "ngày_đồng_ý": "15/01/2023",
}


def test_a_row_headed_in_vietnamese_is_read_as_the_apis_columns() -> None:
    row = validate_row(2, VIETNAMESE_ROW, RULES, TODAY)
    assert not isinstance(row, list), row
    assert (row.member_code, row.unit_code, row.full_name, row.gender, row.birth_date) == (
        "HV0002", "BL-HB-01", "Trần Văn Bảy", "male", date(1985, 9, 2))  # fmt: skip
    assert (row.phone, row.id_number, row.fee_status, row.fee_year) == ("0912345678", "094185001234", "paid", 2023)
    assert (row.roles, row.membership, row.consent_purpose) == (("volunteer", "collaborator"), True, "Quản lý hội viên")
    as_typed = {"Họ và tên" if k == "họ_và_tên" else k: v for k, v in VIETNAMESE_ROW.items()}  # an API client's
    assert validate_row(2, as_typed, RULES, TODAY) == row
    unaccented = validate_row(2, {**VIETNAMESE_ROW, "hội_phí": "chua dong", "vai_trò": "TTN"}, RULES, TODAY)
    assert isinstance(unaccented, list)  # a youth aged 37 is refused: the role was read as youth
    assert any("youth must be aged" in r for r in unaccented), unaccented
    mien = validate_row(2, {**VIETNAMESE_ROW, "hội_phí": "Miễn", "vai_trò": ""}, RULES, TODAY)
    assert not isinstance(mien, list) and mien.fee_status == "exempted" and mien.roles == ()


def test_two_columns_for_one_take_the_one_filled_in_and_refuse_two_different_values() -> None:
    """An office's sheet with "Điện thoại" and "Di động", "Số CMND" and "Số CCCD": a row with one of
    them filled in (or both alike) takes it; a row with two different values is refused, naming it."""
    one = validate_row(2, {**VIETNAMESE_ROW, "sđt": None, "di_động": "0987 654 321"}, RULES, TODAY)
    assert not isinstance(one, list) and one.phone == "0987654321", one
    alike = validate_row(2, {**VIETNAMESE_ROW, "full_name": "Trần Văn Bảy"}, RULES, TODAY)
    assert not isinstance(alike, list) and alike.full_name == "Trần Văn Bảy", alike
    reasons = validate_row(2, {**VIETNAMESE_ROW, "số_cmnd": "094185001"}, RULES, TODAY)
    assert isinstance(reasons, list), reasons
    assert any(r.startswith("column id_number given twice with different values") for r in reasons), reasons


def test_an_offices_own_columns_and_date_forms_are_read() -> None:
    """Headers districts write ("Số CCCD/CMND", "Ngày, tháng, năm sinh", "Số ĐT", "Nơi cư trú"), dates with
    dashes or dots, and "STT", "Ghi chú", "Dân tộc" left out (not a reason to refuse the row, not kept)."""
    raw = {
        "STT": 7, "Mã đơn vị": "BL-HB-01", "Họ và tên": "Lê Thị Hoa", "Ngày, tháng, năm sinh": "15.04.1990",
        "Số CCCD/CMND": "095190001234", "Số ĐT": "0912345678", "Nơi cư trú": "Ấp 3", "Nam/Nữ": "Nữ",
        "Ngày vào hội": "15-01-2023", "Mục đích đồng ý": "Quản lý hội viên", "Ngày đồng ý": "15/01/2023",
        "Ghi chú": "chuyển đến", "Dân tộc": "Kinh",
    }  # fmt: skip
    row = validate_row(2, raw, RoleRules(), date(2025, 8, 1))
    assert not isinstance(row, list), row
    assert (row.birth_date, row.joined_on, row.id_number, row.phone, row.address, row.gender) == (
        date(1990, 4, 15), date(2023, 1, 15), "095190001234", "0912345678", "Ấp 3", "female",
    )  # fmt: skip
    assert parse_date("5.4.1990") == date(1990, 4, 5) and parse_date("1990-04-05") == date(1990, 4, 5)
    with pytest.raises(ValueError, match="is not a date"):
        parse_date("15-04.1990")  # two separators
    unknown = validate_row(2, {**raw, "Số hộ khẩu": "123"}, RoleRules(), date(2025, 8, 1))
    assert unknown == ["unknown column(s): Số hộ khẩu"]


def test_a_row_joined_before_birth_or_paying_before_joining_is_refused_and_a_cccd_gets_its_zero_back() -> None:
    """A join date before the birth date, a fee year before the year joined (the API refuses both), and a
    CCCD saved to CSV from a number column ("95190001234": every CCCD starts with 0, its province code)."""
    base = {"unit_code": "BL", "full_name": "Lê Thị Hoa", "birth_date": "15/04/1990", "joined_on": "15/01/2023",
            "consent_purpose": "Quản lý hội viên", "consent_given_on": "15/01/2023"}  # fmt: skip
    rules, today = RoleRules(), date(2025, 8, 1)
    assert validate_row(2, {**base, "joined_on": "01/01/1989"}, rules, today) == [
        "joined_on 1989-01-01 is before the birth date 1990-04-15"
    ]
    assert validate_row(2, {**base, "fee_year": "2022"}, rules, today) == [
        "fee_year 2022 is before the year joined (2023)"
    ]
    row = validate_row(2, {**base, "id_number": "95190001234"}, rules, today)
    assert not isinstance(row, list) and row.id_number == "095190001234"
    row = validate_row(2, {**base, "id_number": "123456789"}, rules, today)  # a CMND: nine digits, as it is
    assert not isinstance(row, list) and row.id_number == "123456789"


def test_a_rejected_rows_file_corrected_is_read_again_without_its_row_and_reason_columns() -> None:
    """The rejected rows' file (the console's download, `rc-members import --report`) starts with "row" and
    "reason": imported again once corrected, they are left out, not "unknown column(s): reason, row"."""
    corrected = {"row": 2, "reason": "«Ngày sinh»: không phải ngày", **VIETNAMESE_ROW}
    row = validate_row(2, corrected, RULES, TODAY)
    assert not isinstance(row, list), row
    assert row == validate_row(2, VIETNAMESE_ROW, RULES, TODAY)
    assert validate_row(3, {**corrected, "Lý do khác": "x"}, RULES, TODAY) == ["unknown column(s): Lý do khác"]


def test_an_unknown_column_is_said_before_a_blank_row() -> None:
    """A semicolon file read with commas has one column named by the whole header and nothing in the known
    ones: each row says the column is unknown, not "blank row"; a row blank under known columns stays one."""
    header = "mã_đơn_vị;họ_và_tên;ngày_sinh;ngày_vào_hội;mục_đích_đồng_ý;ngày_đồng_ý"
    misread = {header: "BL-PL-01;Nguyễn Thị Lan;15/04/1990;15/01/2023;Quản lý hội viên;15/01/2023"}
    assert validate_row(2, misread, RULES, TODAY) == [f"unknown column(s): {header}"]
    assert validate_row(3, {header: None}, RULES, TODAY) == [f"unknown column(s): {header}"]
    assert validate_row(4, {"mã_đơn_vị": None, "stt": 4, "ghi_chú": ""}, RULES, TODAY) == ["blank row"]


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("84 912 345 678", "0912345678"),  # the country code without its +
        ("84912345678", "0912345678"),
        ("84-291-3822-123", "02913822123"),
        ("+84 912 345 678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0987.654.321", "0987654321"),
        ("0356 123 456", "0356123456"),
        ("(0291) 3822 123", "02913822123"),  # a landline: 02, its area code, 11 digits
        ("024 3822 1234", "02438221234"),
        ("+1 (202) 555-0143", "+12025550143"),  # another country's: not held to Viet Nam's plan
        ("1900 1234", "19001234"),  # a service number, not in the national form: as before
    ],
)
def test_an_import_rows_phone_in_the_ways_offices_write_it_is_one_number(typed: str, kept: str) -> None:
    row = validate_row(2, {**GOOD_ROW, "birth_date": "15/04/2000", "phone": typed}, RULES, TODAY)
    assert not isinstance(row, list), row
    assert row.phone == kept


@pytest.mark.parametrize("typed", ["0912 345 67", "091 234 5678 9", "0612 345 678", "0291 382 212", "+84 12 345 678"])
def test_an_import_rows_phone_a_digit_short_or_over_is_refused(typed: str) -> None:
    """Viet Nam's numbers: a mobile is 10 digits from 03, 05, 07, 08, 09; a landline 11 from 02."""
    reasons = validate_row(2, {**GOOD_ROW, "birth_date": "15/04/2000", "phone": typed}, RULES, TODAY)
    assert reasons == [
        f"phone {typed!r} is not a Vietnamese phone number (a mobile is 10 digits from 03, 05, 07, 08 or 09, "
        "a landline 11 from 02, +84 standing for the 0)"
    ]


def test_an_eleven_digit_cccd_starting_with_0_is_a_digit_short_not_given_another_0() -> None:
    """The 0 is put back only where a number column lost it, and such a number never starts with 0."""
    base = {**GOOD_ROW, "birth_date": "15/04/2000"}
    for typed in ("09518500123", "095 185 001 23", 9518500123.0):
        reasons = validate_row(2, {**base, "id_number": typed}, RULES, TODAY)
        if typed == 9518500123.0:  # a number cell of 10 digits: a number as it is (not 11 digits)
            assert not isinstance(reasons, list) and reasons.id_number == "9518500123"
        else:
            assert reasons == ["id_number has 11 digits and starts with 0: a CCCD has 12 digits"], typed
    for typed, kept in (("95185001234", "095185001234"), (95185001234, "095185001234"), ("095185001234", None)):
        row = validate_row(2, {**base, "id_number": typed}, RULES, TODAY)
        assert not isinstance(row, list) and row.id_number == (kept or typed), typed


def test_same_person_compares_name_birth_date_and_identity_number_where_both_give_them() -> None:
    row = validate_row(2, {**GOOD_ROW, "birth_date": "15/04/2000"}, RULES, TODAY)
    assert not isinstance(row, list)
    born = date(2000, 4, 15)
    assert same_person(row, "Nguyễn Thị Lan", born, "094190001234")
    assert same_person(row, "NGUYEN  THI LAN", born, None)  # no accents, capitals; no number on one side
    assert same_person(row, "Nguyễn Thị Lan", None, "094190001234")  # no birth date recorded
    assert not same_person(row, "Nguyễn Thị Mai", born, "094190001234")
    assert not same_person(row, "Nguyễn Thị Lan", date(2000, 4, 16), "094190001234")
    assert not same_person(row, "Nguyễn Thị Lan", born, "094190009999")
    assert key_taken_reason(row) == "member_code HV0001 already belongs to another member of unit BL-HB-01"
    assert key_taken_reason(row, 5) == "member_code HV0001 already belongs to another member of unit BL-HB-01: row 5's"


def test_a_volunteer_only_row_needs_its_roles_day_not_a_day_joined() -> None:
    """A volunteer list: "Là hội viên = Không", "Vai trò = TNV", "Ngày nhận vai trò" and no "Ngày vào hội" (no
    membership, so no day joined is stored). It was refused with "joined_on is required": the officer had to
    make a date up. A member row, or a volunteer row without its roles' day, still needs the day joined."""
    volunteer = {**GOOD_ROW, "member_code": None, "joined_on": None, "membership": "Không", "roles": "TNV",
                 "roles_since": "01/03/2024"}  # fmt: skip
    row = validate_row(2, volunteer, RULES, TODAY)
    assert not isinstance(row, list), row
    assert (row.membership, row.roles, row.joined_on, row.roles_since) == (
        False,
        ("volunteer",),
        None,
        date(2024, 3, 1),
    )
    assert row.starts_on == date(2024, 3, 1)
    assert validate_row(2, {**volunteer, "roles_since": None}, RULES, TODAY) == ["joined_on is required"]
    assert validate_row(2, {**volunteer, "membership": "Có"}, RULES, TODAY) == ["joined_on is required"]
    too_young = validate_row(2, {**volunteer, "birth_date": "01/06/2015"}, RULES, TODAY)
    assert isinstance(too_young, list) and any("min" in r or "age" in r for r in too_young), too_young


def test_a_row_typed_on_another_machine_has_the_same_import_key() -> None:
    """A records officer's review: the same commune list typed with the other tone convention ("Hòa" / "Hoà")
    or a card number written otherwise ("hv 0001", "HV0001") imported every person again (a new key)."""
    base = {**GOOD_ROW, "member_code": None, "birth_date": "05/03/2000"}
    keys = set()
    for name in ("Nguyễn Thị Hòa", "Nguyễn Thị Hoà", "NGUYỄN THỊ HÒA", " nguyễn  thị hoà "):
        row = validate_row(2, {**base, "full_name": name}, RULES, TODAY)
        assert not isinstance(row, list), row
        keys.add(row.key)
    assert len(keys) == 1
    other = validate_row(2, {**base, "full_name": "Nguyễn Thị Hoa"}, RULES, TODAY)  # another name: another key
    assert not isinstance(other, list) and other.key not in keys
    cards = set()
    for typed in ("HV0001", "hv0001", "hv 0001", " HV 00 01"):
        row = validate_row(2, {**GOOD_ROW, "birth_date": "15/04/2000", "member_code": typed}, RULES, TODAY)
        assert not isinstance(row, list), row
        cards.add(row.key)
        assert row.legacy_key == f"card:BL-HB-01:{typed.strip()}"  # the rule before, still looked up
    assert cards == {"card:BL-HB-01:HV0001"}


def test_an_old_landline_is_refused_saying_its_code_changed() -> None:
    reasons = validate_row(2, {**GOOD_ROW, "birth_date": "15/04/2000", "phone": "0781 3822123"}, RULES, TODAY)
    assert reasons == [
        "phone '0781 3822123' is not a Vietnamese phone number (a mobile is 10 digits from 03, 05, 07, 08 or 09, a"
        " landline 11 from 02, +84 standing for the 0): a landline of before 2017 takes its province's new code"
        " (Bạc Liêu's 0781 is 0291)"
    ]


def test_a_deployment_that_names_its_roles_otherwise_keeps_their_age_rules_and_import_words() -> None:
    """With RC_ROLES=tnv,ttn,ctv the age rules were tied to the names 'volunteer' and 'youth': a ten-year-old
    was accepted as a volunteer ('tnv'), hours could not be logged, and "Tình nguyện viên" imported as an
    unknown role."""
    from rc_members.settings import Settings

    rules = RoleRules.parse("tnv,ttn,ctv", 18, 16, 30, volunteer="tnv", youth="ttn")
    with pytest.raises(Conflict, match=r"tnv must be 18 or older"):
        rules.check("tnv", date(2016, 1, 1), date(2026, 1, 1))
    with pytest.raises(Conflict, match=r"ttn must be aged 16–30"):
        rules.check("ttn", date(1980, 1, 1), date(2026, 1, 1))
    rules.check("ctv", date(2016, 1, 1), date(2026, 1, 1))  # no bounds
    row = validate_row(2, {**GOOD_ROW, "roles": "Tình nguyện viên; TTN", "birth_date": "2000-01-01"}, rules,
                       date(2026, 1, 1))  # fmt: skip
    assert not isinstance(row, list) and row.roles == ("tnv", "ttn"), row
    ctv = validate_row(2, {**GOOD_ROW, "roles": "CTV"}, rules, date(2026, 1, 1))  # its own name for the role
    assert not isinstance(ctv, list) and ctv.roles == ("ctv",), ctv
    with pytest.raises(ValueError, match="'volunteer' is not one of the roles"):
        RoleRules.parse("tnv,ttn,ctv", 18, 16, 30)
    with pytest.raises(ValueError, match="RC_ROLE_VOLUNTEER: the volunteers' role 'volunteer' is not one of the roles"):
        Settings(roles="tnv,ttn,ctv")
    assert Settings(roles="tnv,ttn,ctv", role_volunteer="tnv").role_volunteer == "tnv"
