"""The members side of the console, its pure parts: what a role is offered on a person's page, the
members API's refusals said in Vietnamese next to their field, the edits' bodies, the import's file
reading, its reasons in Vietnamese, its rejected rows' CSV, and the upload's multipart body."""

from __future__ import annotations

import csv
import datetime
import functools
import io
import re
import uuid
from dataclasses import dataclass
from typing import Any

import openpyxl
import openpyxl.styles
import pytest

from rc_clients.members.models import PersonOut
from rc_console.adapters import upstream
from rc_console.domain.model import (
    Problem,
    User,
    import_reason,
    person_actions,
    person_refusal,
    problem_of,
    unit_choices,
    year_of,
)
from rc_console.entrypoints.uploads import multipart
from rc_console.service_layer import member_import
from rc_console.service_layer.people import (
    decimal_number,
    edit_of,
    form_keys,
    is_form_key,
    person_page,
    register_body,
    register_filters,
    register_refusal,
)
from rc_members.domain.imports import validate_row
from rc_members.domain.people import RoleRules


def user(role: str) -> User:
    return User(subject="u", role=role, unit_id=None, token="t")


def test_a_role_is_offered_only_the_edits_it_may_make() -> None:
    assert person_actions(user("viewer")) == frozenset()
    writes = {"fee", "hours", "status", "role", "end-role", "consent", "withdraw", "join", "transfer", "training",
              "personal", "death"}  # fmt: skip
    assert person_actions(user("data_entry")) == writes
    assert person_actions(user("unit_manager")) == writes | {"erase"}
    assert person_actions(user("admin")) == writes | {"erase"}


def conflict(detail: str) -> Problem:
    return problem_of(409, {"error": "conflict", "detail": detail})


def test_a_refusal_of_the_members_api_is_said_next_to_its_field() -> None:
    p = person_refusal(
        conflict("volunteer must be 18 or older (age on 2026-01-01: 15)"), ("role", "unit_id", "start_on")
    )
    assert p.fields == {"role": "Tuổi của người này không hợp với vai trò này."} and p.status == 409
    p = person_refusal(conflict("the member is already in that unit"), ("to_unit_id", "effective_on"))
    assert p.fields == {"to_unit_id": "Hội viên đang ở đơn vị này rồi."}
    unit = uuid.uuid4()
    p = person_refusal(conflict(f"to_unit_id {unit} did not exist (or was dissolved) on 2020-01-01"),
                       ("to_unit_id", "effective_on"))  # fmt: skip
    assert p.fields == {"effective_on": "Đơn vị này không có (hoặc chưa có, đã giải thể) vào ngày đó."}
    p = person_refusal(conflict("the person already has an active membership in unit A"), ("unit_id", "joined_on"))
    assert p.fields == {} and p.message == "Người này đang sinh hoạt hội (hãy đổi trạng thái hoặc chuyển sinh hoạt)."
    # one unit at a time, one role at a time (the members service's words, next to the form's date)
    said = ("joined_on 2025-08-01 is before the person's last membership ended (2025-12-31, in unit BL-HB-01):"
            " a person is a member of one unit at a time")  # fmt: skip
    p = person_refusal(conflict(said), ("unit_id", "joined_on", "fee_status"))
    assert p.fields == {"joined_on": "Lần sinh hoạt hội trước của người này kết thúc sau ngày đó: mỗi lúc chỉ sinh "
                                     "hoạt ở một đơn vị (vào hội từ ngày kết thúc ấy)."}  # fmt: skip
    said = f"role {uuid.uuid4()} (volunteer) starts after 2025-08-01: it cannot move on that day"
    p = person_refusal(conflict(said), ("to_unit_id", "effective_on", "keep_roles"))
    assert p.fields == {"keep_roles": "Một vai trò của người này bắt đầu sau ngày chuyển: hãy giữ các vai trò ở đơn "
                                      "vị cũ, hoặc chọn ngày khác."}  # fmt: skip
    said = "the person holds the volunteer role until 2025-12-31: a new one starts that day at the earliest"
    p = person_refusal(conflict(said), ("role", "unit_id", "start_on"))
    assert p.fields == {"start_on": "Người này còn giữ vai trò này đến sau ngày đó: chỉ bắt đầu lại từ ngày vai trò "
                                    "cũ kết thúc."}  # fmt: skip
    p = person_refusal(conflict("membership is already lapsed"), ("status", "effective_on"))
    assert p.fields == {"status": "Hội viên đang ở đúng trạng thái này rồi."}
    # a date rule that names no field: the form's date field
    p = person_refusal(
        problem_of(422, {"error": "invalid", "detail": "worked_on cannot be in the future", "field": "worked_on"}),
        ("hours", "worked_on"),
    )
    assert p.fields == {"worked_on": "Ngày này chưa đến."}
    # a rule about a field the form does not have: the form's message
    p = person_refusal(conflict("the person has no membership"), ("year", "fee_status"))
    assert p.fields == {} and p.message == "Người này chưa là hội viên."
    # pydantic's field errors are kept for the form's own fields only
    body = {"errors": [{"field": "hours", "type": "greater_than"}, {"field": "body.other", "type": "missing"}]}
    p = person_refusal(problem_of(422, body), ("hours", "worked_on"))
    assert p.fields == {"hours": "Phải lớn hơn 0."}
    # a training's certificate recorded before, a completion before the birth date: next to their field
    training = ("kind", "title", "completed_on", "hours", "unit_id", "provider", "certificate_no")
    p = person_refusal(conflict("certificate SCC-1 is already recorded for this person"), training)
    assert p.fields == {"certificate_no": "Số chứng nhận này đã được ghi cho người này rồi."}
    p = person_refusal(conflict("completed_on is before the person's birth date (1990-05-01)"), training)
    assert p.fields == {"completed_on": "Ngày hoàn thành không được trước ngày sinh của người này."}
    p = person_refusal(conflict(f"unit_id {uuid.uuid4()} did not exist (or was dissolved) on 2020-01-01"), training)
    assert p.fields == {"completed_on": "Đơn vị này không có (hoặc chưa có, đã giải thể) vào ngày đó."}
    # the personal data's phone, said as the members API's pattern wants it
    p = person_refusal(problem_of(422, {"errors": [{"field": "phone", "type": "string_pattern_mismatch"}]}),
                       ("full_name", "phone"))  # fmt: skip
    assert p.fields == {"phone": ("Số điện thoại gồm 8–15 chữ số (có thể có dấu +, dấu cách, chấm, gạch ngang).")}
    # a day not written YYYY-MM-DD, hours that are not a number: said as such
    not_a_day = {"field": "completed_on", "type": "value_error", "message": "Value error, a date is written YYYY-MM-DD"}
    body = {"errors": [not_a_day, {"field": "hours", "type": "float_parsing", "message": "not a number"}]}
    p = person_refusal(problem_of(422, body), training)
    assert p.fields == {"completed_on": "Ngày không hợp lệ (năm-tháng-ngày).", "hours": "Phải là một số (ví dụ 2,5)."}
    # an unknown refusal: the general sentence, and the service's words kept for support
    p = person_refusal(conflict("something new"), ("hours",))
    assert p.message == "Xung đột với dữ liệu đã có." and p.detail == "something new"


def test_form_values_as_the_members_api_takes_them() -> None:
    assert year_of("2026") == 2026 and year_of(" 1900 ") == 1900
    assert [year_of(v) for v in ("", "26", "1899", "2101", "２０２６", "²⁰²⁶", "2026.0")] == [None] * 7
    assert decimal_number("2,5") == 2.5 and decimal_number("3") == 3.0 and decimal_number("-1") == -1.0
    assert decimal_number("1e309") == "1e309" and decimal_number("²") == "²" and decimal_number(" hai ") == "hai"
    target = uuid.uuid4()
    e = edit_of("fee", {"fee_status": " paid "}, 2026, None)
    assert e is not None and (e.method, e.path, e.body) == ("PUT", "/membership/fees/2026", {"fee_status": "paid"})
    key = str(uuid.uuid4())
    e = edit_of("hours", {"hours": "1,5", "worked_on": "2026-01-02", "key": key}, None, None)
    assert e is not None and (e.body, e.key) == ({"hours": 1.5, "worked_on": "2026-01-02"}, key)
    assert is_form_key(key) and not any(is_form_key(k) for k in ("", "x", key.upper(), key + " ", "a\x00b"))
    e = edit_of("join", {"unit_id": "u", "joined_on": "2026-01-02", "fee_status": "paid", "x": "y"}, None, None)
    assert e is not None and (e.method, e.path) == ("POST", "/membership")
    assert e.body == {"unit_id": "u", "joined_on": "2026-01-02", "fee_status": "paid"}
    e = edit_of("transfer", {"to_unit_id": "u", "effective_on": ""}, None, None)
    assert e is not None and e.path == "/transfers"
    assert e.body == {"to_unit_id": "u", "effective_on": "", "move_roles": True}  # the roles move, unless kept
    e = edit_of("transfer", {"to_unit_id": "u", "effective_on": "", "keep_roles": "yes"}, None, None)
    assert e is not None and e.body == {"to_unit_id": "u", "effective_on": "", "move_roles": False}
    e = edit_of("end-role", {"end_on": "2026-01-02"}, None, target)
    assert e is not None and e.path == f"/roles/{target}/end" and e.fields == ("end_on",)
    e = edit_of("withdraw", {}, None, target)
    assert e is not None and e.path == f"/consents/{target}/withdraw" and e.body == {"withdrawn_on": ""}
    e = edit_of("training", {"kind": "first_aid", "completed_on": "2026-01-02", "hours": "7,5", "unit_id": "u",
                             "title": " SCC ", "provider": "  ", "certificate_no": ""}, None, None)  # fmt: skip
    assert e is not None and (e.method, e.path) == ("POST", "/training")
    assert e.body == {"kind": "first_aid", "completed_on": "2026-01-02", "hours": 7.5, "unit_id": "u", "title": "SCC"}
    assert "certificate_no" in e.fields and "completed_on" in e.fields
    # the personal data: the form's fields as typed, an emptied one cleared, one it does not have left alone
    e = edit_of("personal", {"csrf": "t", "full_name": " Hoà ", "phone": "", "gender": "female"}, None, None)
    assert e is not None and (e.method, e.path) == ("PATCH", "")
    assert e.body == {"full_name": "Hoà", "phone": None, "gender": "female"}
    e = edit_of("personal", {"full_name": " ", "address": " "}, None, None)
    assert e is not None and e.body == {"full_name": "", "address": None}  # a name is required: the API says so
    assert edit_of("erase", {}, None, None) is None and edit_of("nope", {}, None, None) is None


def test_the_register_filters_as_the_members_api_takes_them() -> None:
    unit = uuid.uuid4()
    query, errors = register_filters(
        {"q": " hoa ", "unit_id": str(unit), "status": "lapsed", "role": "volunteer", "fee_status": "unpaid",
         "fee_year": "2025"}
    )  # fmt: skip
    assert errors == {}
    assert query == {"q": "hoa", "unit_id": unit, "status": "lapsed", "role": "volunteer", "fee_status": "unpaid",
                     "fee_year": 2025}  # fmt: skip
    assert register_filters({"q": "", "status": "", "fee_year": " "}) == ({}, {})
    query, errors = register_filters({"unit_id": "x", "status": "zombie", "role": "<b>", "fee_status": "1",
                                      "fee_year": "²⁰²⁵"})  # fmt: skip
    assert query == {} and set(errors) == {"unit_id", "status", "role", "fee_status", "fee_year"}


def person(**extra: Any) -> PersonOut:
    unit = str(uuid.uuid4())
    doc: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "registered_unit_id": unit,
        "erased": False,
        "full_name": "Nguyễn Thị Hoà",
        "birth_date": "1990-05-05",
        "deceased_on": None,
        "memberships": [
            {
                "id": str(uuid.uuid4()),
                "unit_id": unit,
                "unit_code": "A",
                "unit_name": "Xã A",
                "member_code": None,
                "joined_on": "2020-01-01",
                "status": "resigned",
                "status_since": "2021-01-01",
                "fees": {"2020": "paid"},
            },
            {
                "id": str(uuid.uuid4()),
                "unit_id": unit,
                "unit_code": "A",
                "unit_name": "Xã A",
                "member_code": "7",
                "joined_on": "2024-02-01",
                "status": "active",
                "status_since": "2024-02-01",
                "fees": {"2024": "paid", "2025": "unpaid"},
            },
        ],
        "roles": [],
        "consents": [],
        "volunteer_hours_total": 2.5,
        "training": [],
        "courses": [],
    }
    return PersonOut.from_dict(doc | extra)


def test_a_person_page_shows_what_the_api_returned_and_offers_what_the_role_may_do() -> None:
    page = person_page(person(), user("data_entry"))
    assert page.personal == {"full_name": "Nguyễn Thị Hoà", "birth_date": page.personal["birth_date"]}
    assert "health_notes" not in page.personal  # not returned: not shown
    assert page.current is not None and page.current.status == "active"  # the open membership first
    assert page.current.fees == [(2025, "unpaid"), (2024, "paid")]
    assert page.role_units == [(str(page.current.unit_id), "Xã A")]  # the unit by its name
    assert "fee" in page.actions and "erase" not in page.actions
    with_notes = person_page(person(health_notes="dị ứng"), user("viewer"))
    assert with_notes.personal["health_notes"] == "dị ứng" and with_notes.actions == frozenset()
    erased = person_page(person(erased=True, full_name=None, birth_date=None), user("admin"))
    assert erased.personal == {} and erased.actions == frozenset() and "xoá" in erased.name
    # the forms the page shows, keyed as their refusals are: one per current role and active consent
    role, consent = str(uuid.uuid4()), str(uuid.uuid4())
    unit = str(uuid.uuid4())
    held = person(
        roles=[{"id": role, "role": "volunteer", "unit_id": unit, "unit_code": "A",
                "unit_name": "Xã A", "start_on": "2024-01-01",
                "end_on": None},
               {"id": str(uuid.uuid4()), "role": "youth", "unit_id": unit, "unit_code": "A",
                "unit_name": "Xã A", "start_on": "2020-01-01",
                "end_on": "2021-01-01"}],
        consents=[{"id": consent, "purpose": "p", "given_on": "2024-01-01", "withdrawn_on": None},
                  {"id": str(uuid.uuid4()), "purpose": "q", "given_on": "2024-01-01", "withdrawn_on": "2024-02-01"}],
    )  # fmt: skip
    assert form_keys(person_page(held, user("data_entry"))) == {
        "fee", "status", "role", "hours", "consent", "personal", "training", "death", f"end-role-{role}",
        f"withdraw-{consent}"}  # fmt: skip
    assert form_keys(person_page(held, user("viewer"))) == frozenset()
    assert form_keys(person_page(person(memberships=[]), user("data_entry"))) == {
        "hours", "consent", "role", "personal", "training", "death"}  # fmt: skip
    # a death is recorded once
    assert "death" not in form_keys(person_page(person(deceased_on="2025-01-02"), user("data_entry")))
    # with the units of the user's scope: an open membership may be transferred; else, the person may join
    page = person_page(held, user("data_entry"))
    page.units = [(unit, "Xã A")]
    assert form_keys(page) - form_keys(person_page(held, user("data_entry"))) == {"transfer"}
    page = person_page(person(memberships=[]), user("data_entry"))
    page.units = [(unit, "Xã A")]
    assert form_keys(page) == {"hours", "consent", "role", "join", "personal", "training", "death"}
    # a training is recorded in one of the person's units or of the user's scope
    registered = page.role_units[0][0]
    assert page.training_units == [(registered, "Đơn vị đăng ký"), (unit, "Xã A")]
    page.units = [(registered, "Xã B"), (unit, "Xã A")]
    assert page.training_units == [(registered, "Đơn vị đăng ký"), (unit, "Xã A")]  # each unit once


def test_the_import_reasons_in_vietnamese() -> None:
    assert import_reason("blank row") == "Dòng trống."
    assert import_reason(
        "full_name is required; birth_date: '31/02/1990' is not a date (YYYY-MM-DD or DD/MM/YYYY)"
    ) == ("Thiếu «Họ và tên». «Ngày sinh»: không phải ngày (năm-tháng-ngày hoặc ngày/tháng/năm).")
    # each column named as the template's header names it, each value as the template writes it
    assert import_reason("consent_purpose is required") == "Thiếu «Mục đích đồng ý»: chỉ lưu dữ liệu khi có đồng ý."
    assert import_reason("fee_status 'x' is not paid, unpaid or exempted") == (
        "«Hội phí» phải là Đã đóng, Chưa đóng hoặc Miễn."
    )
    assert import_reason("address is longer than 500 characters") == "«Địa chỉ» dài quá 500 ký tự."
    assert import_reason("unit_code 'XYZ' does not exist") == "Không có đơn vị mã XYZ."
    assert import_reason("duplicate of row 4") == "Trùng với dòng 4."
    assert import_reason("volunteer must be 18 or older (age on 2024-01-01: 12)") == "Tuổi không hợp với vai trò."
    assert import_reason("a reason not known yet") == "a reason not known yet"  # as the service said it
    assert import_reason(None) == ""


def xlsx(rows: list[list[Any]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_uploaded_csv_or_xlsx_is_read_into_numbered_rows() -> None:
    header, rows = member_import.rows_of("a.CSV", "\ufeffUnit Code,full_name\nA,Hoà\n,\nB,  \n".encode())
    assert header == ["unit_code", "full_name"]
    # line 3 has nothing in it: no row (the others keep their numbers)
    assert rows == [(2, {"unit_code": "A", "full_name": "Hoà"}), (4, {"unit_code": "B", "full_name": None})]
    header, rows = member_import.rows_of("m.xlsx", xlsx([["unit_code", "joined_on", "fee_year"],
                                                          ["A", datetime.datetime(2024, 2, 1), 2024]]))  # fmt: skip
    assert rows == [(2, {"unit_code": "A", "joined_on": "2024-02-01", "fee_year": 2024})]
    bad = {
        "m.txt": b"a,b\n1,2\n",
        "m.csv": b"",
        "n.csv": b"unit_code\n",
        "x.xlsx": b"PK not a zip",
        "y.csv": "unit_code\nHoà\n".encode("cp1258"),
        "noext": b"a\n1\n",
    }
    for name, content in bad.items():
        with pytest.raises(member_import.BadFile):
            member_import.rows_of(name, content)
    # a value beyond the widest table: the row is named, in Vietnamese (not "the file cannot be read")
    month_first = "unit_code,full_name,Ngày sinh\nA,An,3/5/1968\nA,Bình,12/25/1970\n"
    said = r"^Cột “ngày sinh” ghi ngày theo kiểu tháng trước \(dòng 3: 12/25/1970\), nên ngày ở dòng 2 sẽ bị đọc"
    with pytest.raises(member_import.BadFile, match=said + r" đảo ngày và tháng\."):
        member_import.rows_of("tieng-anh.csv", month_first.encode())
    with pytest.raises(member_import.BadFile, match=r"^Các cột B và C có cùng tiêu đề “điện thoại”: giá trị ở cột"):
        member_import.rows_of("hai-cot.csv", "unit_code,Điện thoại,Điện thoại\nA,0912345678,\n".encode())
    with pytest.raises(member_import.BadFile, match=r"^Dòng 3 có dữ liệu ở sau cột thứ 256"):
        member_import.rows_of("wide.csv", b"unit_code\nA\nB" + b"," * 260 + b"x\n")
    many = b"unit_code\n" + b"A\n" * (member_import.MAX_ROWS + 1)
    with pytest.raises(member_import.BadFile, match=r"20\.000"):
        member_import.rows_of("big.csv", many)


def test_the_rejected_rows_csv_has_the_rows_as_they_were_with_their_reason() -> None:
    job = member_import.ImportJob(
        id=uuid.uuid4(), owner="o", source="s.csv", header=["unit_code", "full_name"],
        rows=[(2, {"unit_code": "A", "full_name": "Hoà"}), (3, {"unit_code": "=HYPERLINK(1)", "full_name": "-5"})],
    )  # fmt: skip
    member_import._record(job, [{"row": 2, "status": "created", "person_id": str(uuid.uuid4())}], "")
    member_import._record(
        job, [{"row": 3, "status": "rejected", "reason": "unit_code '=HYPERLINK(1)' does not exist"}], ""
    )
    assert job.counts == {"created": 1, "unchanged": 0, "rejected": 1} and job.done == 2 and job.percent == 100
    text = job.rejected_csv()
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    # a cell a spreadsheet would run as a formula is quoted; a negative number stays a number
    assert lines == [
        ["row", "reason", "unit_code", "full_name"],
        ["3", "Không có đơn vị mã =HYPERLINK(1).", "'=HYPERLINK(1)", "-5"],
    ]


def test_a_multipart_body_is_split_into_its_fields_and_files() -> None:
    binary = b"PK\x03\x04\r\n--not-the-boundary\r\n\x00\xff"
    body = (
        b"preamble\r\n--XyZ\r\n"
        b'Content-Disposition: form-data; name="csrf"\r\n\r\ntok\xc3\xa9n\r\n'
        b"--XyZ\r\n"
        b'Content-Disposition: form-data; name="file"; filename="h\xe1\xbb\x99i vi\xc3\xaan.xlsx"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n" + binary + b"\r\n"
        b"--XyZ--\r\n"
    )
    fields, files = multipart("multipart/form-data; boundary=XyZ", body)
    assert fields == {"csrf": "tokén"}
    assert files["file"].filename == "hội viên.xlsx" and files["file"].content == binary
    for content_type, bad in (
        ("application/x-www-form-urlencoded", b"csrf=x"),
        ("multipart/form-data", body),
        ("multipart/form-data; boundary=XyZ", b"no parts here"),
        ("multipart/form-data; boundary=XyZ", b"--XyZ\r\nno headers--XyZ--"),
    ):
        with pytest.raises(ValueError):
            multipart(content_type, bad)


class Members:
    """The members API's import as the job sees it: each batch answered, or refused as told."""

    def __init__(self, refuse: dict[int, Problem]) -> None:
        self.refuse = refuse
        self.batches: list[list[int]] = []

    async def import_members(self, body: dict[str, Any]) -> dict[str, Any]:
        from rc_console.adapters.upstream import ApiError

        first = body["first_row"]
        self.batches.append([first, len(body["rows"])])
        if first in self.refuse:
            raise ApiError(self.refuse[first])
        return {"results": [{"row": first + i, "status": "created", "reason": None} for i in range(len(body["rows"]))]}


async def test_an_import_job_sends_batches_and_records_every_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(member_import, "BATCH_ROWS", 2)
    rows = [(n, {"unit_code": "A"}) for n in range(2, 9)]  # 7 rows: batches of 2, 2, 2, 1
    api = Members({4: Problem(403, "Bạn không có quyền thực hiện thao tác này.", detail="unit X outside")})
    job = member_import.ImportJob(id=uuid.uuid4(), owner="o", source="s", header=["unit_code"], rows=rows)
    await member_import.run(job, api)  # type: ignore[arg-type,unused-ignore]
    assert api.batches == [[2, 2], [4, 2], [6, 2], [8, 1]]
    assert job.finished and job.done == 7 and job.counts == {"created": 5, "unchanged": 0, "rejected": 2}
    assert [r.row for r in job.results if r.status == "rejected"] == [4, 5]
    assert job.results[2].reason.startswith("Cả lô bị từ chối: Bạn không có quyền")
    # the service gone: the job stops, says so, and lists the rows not sent as not imported; before,
    # it asked 8 times, waiting 1, 2, 4… s (no Retry-After), the waits recorded here, not slept (91 s)
    pauses: list[float] = []

    async def recorded(pause: float) -> None:
        pauses.append(pause)

    monkeypatch.setattr(member_import, "patiently", functools.partial(upstream.patiently, sleep=recorded))
    api = Members({6: Problem(503, "Dịch vụ tạm thời không trả lời, xin thử lại.")})
    job = member_import.ImportJob(id=uuid.uuid4(), owner="o", source="s", header=["unit_code"], rows=rows)
    await member_import.run(job, api)  # type: ignore[arg-type,unused-ignore]
    assert pauses == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0] and api.batches == [[2, 2], [4, 2]] + [[6, 2]] * 8
    assert job.finished and job.failure.startswith("Dừng lại sau 4 dòng")
    assert job.done == 7 and [r.reason for r in job.results[4:]] == ["Chưa nhập."] * 3


VIETNAMESE_HEADER = ["Mã đơn vị", "Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào hội", "Mục đích đồng ý",
                     "Ngày đồng ý"]  # fmt: skip
LAN = ["BL-PL-01", "Nguyễn Thị Lan", "Nữ", "15/04/1990", "15/01/2023", "Quản lý hội viên", "15/01/2023"]


def accepted(rows: list[tuple[int, dict[str, Any]]]) -> list[tuple[int, str]]:
    """Each row as the members service reads it: its full name, else its reasons."""
    out = []
    for n, raw in rows:
        v = validate_row(n, raw, RoleRules(), datetime.date(2025, 8, 1))
        out.append((n, "; ".join(v) if isinstance(v, list) else v.full_name))
    return out


def test_the_rejected_rows_csv_corrected_is_imported_again_as_it_is() -> None:
    """The clerk downloads the rejected rows, corrects the birth date, uploads the file: its "row" and
    "reason" columns are left out (they refused every row as "unknown column(s): reason, row")."""
    out = io.StringIO()
    csv.writer(out).writerows([VIETNAMESE_HEADER, [*LAN[:3], "31/02/1990", *LAN[4:]]])
    header, rows = member_import.rows_of("xa.csv", out.getvalue().encode())
    job = member_import.ImportJob(id=uuid.uuid4(), owner="o", source="xa.csv", header=header, rows=rows)
    member_import._record(
        job, [{"row": 2, "status": "rejected", "reason": "birth_date: '31/02/1990' is not a date"}], ""
    )
    corrected = job.rejected_csv().replace("31/02/1990", "28/02/1990")
    header, rows = member_import.rows_of("dong-bi-tu-choi.csv", corrected.encode())
    assert header[:3] == ["row", "reason", "mã_đơn_vị"]
    assert accepted(rows) == [(2, "Nguyễn Thị Lan")]
    # refused again (another reason): its file has one "row" and one "reason", the new ones
    again = member_import.ImportJob(id=uuid.uuid4(), owner="o", source="d.csv", header=header, rows=rows)
    member_import._record(
        again, [{"row": 2, "status": "rejected", "reason": "unit_code 'BL-PL-01' does not exist"}], ""
    )
    lines = list(csv.reader(io.StringIO(again.rejected_csv().removeprefix("\ufeff"))))
    assert lines == [["row", "reason", *header[2:]], ["2", "Không có đơn vị mã BL-PL-01.", *LAN[:3], "28/02/1990",
                                                      *LAN[4:]]]  # fmt: skip


def test_a_csv_saved_by_excel_with_vietnamese_settings_is_read_with_its_semicolons() -> None:
    text = ";".join(VIETNAMESE_HEADER) + "\r\n" + ";".join(LAN) + "\r\n"
    header, rows = member_import.rows_of("xa.csv", ("\ufeff" + text).encode())
    assert header == ["mã_đơn_vị", "họ_và_tên", "giới_tính", "ngày_sinh", "ngày_vào_hội", "mục_đích_đồng_ý",
                      "ngày_đồng_ý"]  # fmt: skip
    assert accepted(rows) == [(2, "Nguyễn Thị Lan")]


def test_a_sheet_ruled_for_more_rows_sends_its_rows_only_numbered_as_the_sheet_numbers_them() -> None:
    """200 empty rows with borders after the last member: not sent, not counted as rejected."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(VIETNAMESE_HEADER)
    ws.append(LAN)
    ws.append([])
    ws.append([*LAN[:1], "Trần Văn Bảy", "Nam", "02/09/1950", *LAN[4:]])
    thin = openpyxl.styles.Side(style="thin")
    for r in range(5, 205):
        for c in range(1, 8):
            ws.cell(r, c).border = openpyxl.styles.Border(left=thin, right=thin, top=thin, bottom=thin)
    out = io.BytesIO()
    wb.save(out)
    _, rows = member_import.rows_of("xa.xlsx", out.getvalue())
    assert accepted(rows) == [(2, "Nguyễn Thị Lan"), (4, "Trần Văn Bảy")]


async def test_an_import_job_gives_each_row_its_own_number_across_the_rows_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The members API numbers a batch's rows from its first: a batch ends where an empty row was left
    out, so the results name the file's rows."""
    monkeypatch.setattr(member_import, "BATCH_ROWS", 3)
    rows = [(n, {"unit_code": "A"}) for n in (2, 3, 5, 6, 7, 8, 40)]
    api = Members({})
    job = member_import.ImportJob(id=uuid.uuid4(), owner="o", source="s", header=["unit_code"], rows=rows)
    await member_import.run(job, api)  # type: ignore[arg-type,unused-ignore]
    assert api.batches == [[2, 2], [5, 3], [8, 1], [40, 1]]
    assert [r.row for r in job.results] == [2, 3, 5, 6, 7, 8, 40] and job.done == 7


def test_the_new_import_reasons_are_said_in_vietnamese_without_english() -> None:
    role = "unknown role 'hội trưởng'; roles are volunteer, youth, collaborator"
    assert import_reason(role) == (
        "Vai trò «hội trưởng» không hợp lệ: chỉ nhận tình nguyện viên, thanh thiếu niên, cộng tác viên."
    )
    assert import_reason(f"{role}; consent_purpose is required") == (
        "Vai trò «hội trưởng» không hợp lệ: chỉ nhận tình nguyện viên, thanh thiếu niên, cộng tác viên. "
        "Thiếu «Mục đích đồng ý»: chỉ lưu dữ liệu khi có đồng ý."
    )
    assert import_reason("member_code HV0012 already belongs to another member of unit BL-PL-01") == (
        "Số thẻ HV0012 đã cấp cho một hội viên khác của đơn vị BL-PL-01 (khác họ tên, ngày sinh hoặc số CCCD): "
        "không nhập người này với số thẻ đó."
    )
    assert import_reason("member_code HV0012 already belongs to another member of unit BL-PL-01: row 3's") == (
        "Số thẻ HV0012 đã là của một hội viên khác ở dòng 3 (khác họ tên, ngày sinh hoặc số CCCD): mỗi người một "
        "số thẻ."
    )
    same = "another member of unit BL-PL-01 has the same name and birth date but another id_number"
    assert import_reason(f"{same}: give each their member_code") == (
        "Đơn vị BL-PL-01 đã có một hội viên khác cùng họ tên, ngày sinh nhưng khác số CCCD: xin ghi số thẻ hội viên "
        "của từng người để phân biệt."
    )
    assert import_reason(f"{same} (row 4): give each their member_code") == (
        "Dòng 4 là một người khác cùng họ tên, ngày sinh nhưng khác số CCCD: xin ghi số thẻ hội viên của từng người "
        "để phân biệt."
    )
    assert import_reason("id_number has 11 digits and starts with 0: a CCCD has 12 digits") == (
        "Số CCCD có 11 chữ số (bắt đầu bằng 0): CCCD có 12 chữ số, xin kiểm tra lại."
    )
    phone = (
        "phone '0912 345 67' is not a Vietnamese phone number (a mobile is 10 digits from 03, 05, 07, 08 or 09, "
        "a landline 11 from 02, +84 standing for the 0)"
    )
    assert import_reason(phone) == (
        "Số điện thoại không đúng số Việt Nam: di động 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09; cố định 11 "
        "chữ số bắt đầu bằng 02 (có thể viết +84 thay cho số 0 đầu)."
    )
    landline = (
        "phone '0781 3822123' is not a Vietnamese phone number (a mobile is 10 digits from 03, 05, 07, 08 or 09, a"
        " landline 11 from 02, +84 standing for the 0): a landline of before 2017 takes its province's new code"
        " (Bạc Liêu's 0781 is 0291)"
    )
    assert import_reason(f"{landline}; full_name is required") == (
        "Số điện thoại cố định cũ (trước năm 2017): mã vùng đã đổi, ví dụ Bạc Liêu 0781 nay là 0291. Xin ghi số theo"
        " mã vùng mới (11 chữ số bắt đầu bằng 02). " + import_reason("full_name is required")
    )
    # the reasons the service writes now, each translated (an English word left would be a part not known)
    rows = [
        {"Mã đơn vị": "BL-PL-01", "Họ và tên": "Lê Văn Tư", "Ngày sinh": "10/05/1980", "Ngày vào hội": "01/03/2024",
         "Vai trò": "Hội trưởng", "SĐT": "0912 345 67", "Số CCCD": "09518500123", "Mục đích đồng ý": "Quản lý",
         "Ngày đồng ý": "01/03/2024"},
        {";".join(VIETNAMESE_HEADER): ";".join(LAN)},
    ]  # fmt: skip
    for raw in rows:
        reasons = validate_row(2, raw, RoleRules(), datetime.date(2025, 8, 1))
        assert isinstance(reasons, list)
        said = import_reason("; ".join(reasons))
        assert not re.search(r"\b(?:roles|unknown|phone|digits|is|are|the)\b", said), said


def test_a_unit_picker_offers_the_whole_scope_in_tree_order() -> None:
    """Every unit given (a district user's subtree: the members API lists no other), each under its parent
    and indented a level, siblings by code, whatever order they came in; a unit whose parent is not given
    is a top one. (It offered the user's unit and those directly under it only: a commune's branches, where
    members belong, could not be chosen by a district's user.)"""

    @dataclass
    class U:
        id: uuid.UUID
        parent_id: uuid.UUID | None
        code: str
        name: str

    ids = {n: uuid.uuid4() for n in ("HB", "C1", "C2", "B11", "B12", "B21")}
    given = [
        U(ids["B21"], ids["C2"], "HB-02-01", "Chi hội ấp 3"),
        U(ids["C2"], ids["HB"], "HB-02", "Xã Vĩnh Mỹ"),
        U(ids["B12"], ids["C1"], "HB-01-02", "Chi hội ấp 2"),
        U(ids["HB"], uuid.uuid4(), "HB", "Huyện Hòa Bình"),  # its parent (the province) is outside the scope
        U(ids["B11"], ids["C1"], "HB-01-01", "Chi hội ấp 1"),
        U(ids["C1"], ids["HB"], "HB-01", "Xã Minh Diệu"),
    ]
    assert unit_choices(given) == [
        (str(ids["HB"]), "Huyện Hòa Bình"),
        (str(ids["C1"]), "— Xã Minh Diệu"),
        (str(ids["B11"]), "— — Chi hội ấp 1"),
        (str(ids["B12"]), "— — Chi hội ấp 2"),
        (str(ids["C2"]), "— Xã Vĩnh Mỹ"),
        (str(ids["B21"]), "— — Chi hội ấp 3"),
    ]
    assert unit_choices([]) == []


def test_a_registration_sends_what_was_typed_and_says_the_refusals_next_to_the_fields() -> None:
    """The new person's body: the form's values, those left empty not sent, the consent nested as the
    members API takes it; its refusals next to the form's fields, the consent's own named as the form's."""
    form = {"unit_id": " u ", "full_name": " Trịnh Văn Đến ", "gender": "", "birth_date": "1998-07-09", "phone": "",
            "id_number": " 095200000001 ", "address": "", "health_notes": " ", "consent_purpose": " hồ sơ ",
            "consent_given_on": "2026-12-01", "csrf": "x"}  # fmt: skip
    assert register_body(form) == {
        "full_name": "Trịnh Văn Đến", "unit_id": "u", "birth_date": "1998-07-09", "id_number": "095200000001",
        "consent": {"purpose": "hồ sơ", "given_on": "2026-12-01"},
    }  # fmt: skip
    body = {"errors": [{"field": "consent.purpose", "type": "string_too_short"},
                       {"field": "full_name", "type": "string_too_short"}]}  # fmt: skip
    p = register_refusal(problem_of(422, body))
    assert set(p.fields) == {"consent_purpose", "full_name"} and p.status == 422
    p = register_refusal(conflict("id_number is already recorded for another person's record"))
    assert p.fields == {
        "id_number": "Số giấy tờ này đã có trong hồ sơ của một người khác (tìm theo số để mở hồ sơ đó)."
    }
