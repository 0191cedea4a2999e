"""The money screens' pure rules: request bodies from the forms, the API's errors on the form's fields,
lifecycle and reversal forms, gift paging, bank-statement files and their rows' reasons, uploads."""

from __future__ import annotations

import io
import uuid

import httpx
import pytest

from rc_console.domain import money
from rc_console.domain.model import problem_of
from rc_console.entrypoints import pages_money, web
from rc_console.entrypoints.uploads import multipart
from rc_console.service_layer import money as svc
from rc_console.service_layer.money import ImportJob, ImportLine, blood_body, distribution_body, in_kind_body
from rc_shared.statement_csv import MissingColumns, read_csv

ITEM = {"item_0_item": "Gạo", "item_0_quantity": "10", "item_0_unit": "kg", "item_0_assessed_value_vnd": "200.000"}


def test_a_gift_in_kind_sends_the_rows_typed_in_and_skips_empty_ones() -> None:
    form = {**ITEM, "item_2_item": "Mì", "item_2_quantity": "mười", "received_on": "2026-11-30", "channel": "delivery"}
    body = in_kind_body(form | {"donor_type": "anonymous"})
    assert body["kind"] == "in_kind" and body["channel"] == "delivery" and "donor" not in body
    assert body["items"] == [
        {"item": "Gạo", "quantity": 10, "unit": "kg", "assessed_value_vnd": 200_000},
        {"item": "Mì", "quantity": "mười", "unit": "", "assessed_value_vnd": ""},  # as typed: the API says why
    ]
    named = in_kind_body(form | {"donor_type": "organisation", "donor_name": "Công ty A", "donor_consent": "yes"})
    assert named["donor"] == {"type": "organisation", "name": "Công ty A", "consent_to_be_named": True}


def test_the_apis_item_errors_land_on_the_rows_they_came_from() -> None:
    form = {**ITEM, "item_3_item": "Mì", "item_3_quantity": "x"}  # rows 0 and 3 filled: items 0 and 1
    fields = money.gift_fields({"items.1.quantity": "Phải là một số nguyên.", "received_on": "Bắt buộc nhập."}, form)
    assert fields == {"item_3_quantity": "Phải là một số nguyên.", "received_on": "Bắt buộc nhập."}
    assert money.gift_fields({"items": "Bắt buộc nhập."}, {})["item_0_item"].startswith("Xin ghi ít nhất một hiện vật")


def test_a_blood_gift_has_an_identified_donor_and_a_service_rule_is_said_in_vietnamese() -> None:
    body = blood_body(
        {
            "units": "1",
            "blood_kind": "whole_blood",
            "received_on": "2026-11-30",
            "donor_type": "individual",
            "donor_name": "Phạm Văn Năm",
            "donor_birth_date": "1990-04-30",
        }
    )
    assert body["units"] == 1 and body["donor"]["birth_date"] == "1990-04-30" and body["donor"]["type"] == "individual"
    rule = money.rule_prefix() + "a blood donor's birth date is needed"
    assert money.gift_fields({"donor.birth_date": rule}, {}) == {
        "donor_birth_date": "Cần ngày sinh của người hiến máu để kiểm tra độ tuổi được hiến."
    }
    # a pydantic error of the same field keeps its own message
    assert money.gift_fields({"donor_phone": "Quá dài."}, {}) == {"donor_phone": "Quá dài."}


def test_a_distribution_puts_its_one_amount_where_its_kind_says() -> None:
    form = {"beneficiary_id": "b", "kind": "goods", "vnd": "1.500.000", "distributed_on": "2026-11-30",
            "decision_no": "12/QĐ", "support_level": " ", "quantity": "2", "support_kind": "gift_package"}  # fmt: skip
    body = distribution_body(form)
    assert body["value_vnd"] == 1_500_000 and "amount_vnd" not in body
    assert body["decision_no"] == "12/QĐ" and "support_level" not in body and body["quantity"] == 2
    assert distribution_body(form | {"kind": "cash"})["amount_vnd"] == 1_500_000
    fields = {"value_vnd": "Phải lớn hơn 0.", "beneficiary_id": money.rule_prefix() + "x"}
    assert money.distribution_fields(fields, form) == {
        "vnd": "Phải lớn hơn 0.",
        "beneficiary_id": "Người này chưa được xác minh, hoặc đã đăng ký cho một cuộc vận động khác.",
    }
    assert money.distribution_fields({"beneficiary_id": "Mã không hợp lệ."}, {"beneficiary_id": ""}) == {
        "beneficiary_id": "Xin chọn người hoặc hộ được hỗ trợ."
    }


def test_settle_needs_a_date_and_cancel_a_reason_and_the_code_typed_again() -> None:
    assert money.lifecycle("settle", {"settled_on": "2026-12-01"}, "").body == {"settled_on": "2026-12-01"}
    assert set(money.lifecycle("settle", {"settled_on": ""}, "").errors) == {"settled_on"}
    assert set(money.lifecycle("settle", {"settled_on": "2026-02-30"}, "").errors) == {"settled_on"}
    noted = money.lifecycle("settle", {"settled_on": "2026-12-01", "remainder_note": "  Chuyển quỹ  "}, "")
    assert noted.body == {"settled_on": "2026-12-01", "remainder_note": "Chuyển quỹ"} and not noted.errors
    assert set(money.lifecycle("settle", {"settled_on": "2026-12-01", "remainder_note": "x" * 2001}, "").errors) == {
        "remainder_note"
    }
    ok = money.lifecycle("cancel", {"reason": "trùng lặp", "confirm": " tna-2026 "}, "TNA-2026")
    assert ok.errors == {} and ok.body == {"reason": "trùng lặp"}
    bad = money.lifecycle("cancel", {"reason": "x", "confirm": "TNA-2025"}, "TNA-2026")
    assert set(bad.errors) == {"reason", "confirm"}
    assert money.lifecycle("cancel", {"reason": "lý do", "confirm": ""}, "").errors == {
        "confirm": str(money.CONFIRM_MESSAGE)
    }  # nothing to match: never confirmed
    assert money.lifecycle("launch", {"anything": "x"}, "") == money.Lifecycle()


def test_a_reversal_needs_a_reason_and_the_receipt_number() -> None:
    assert money.reversal({"reason": "ghi nhầm", "confirm": "TNA-000001"}, "TNA-000001") == ({"reason": "ghi nhầm"}, {})
    _, errors = money.reversal({"reason": "  ", "confirm": "TNA-000002"}, "TNA-000001")
    assert set(errors) == {"reason", "confirm"}
    _, errors = money.reversal({"reason": "x" * 501, "confirm": "TNA-000001"}, "TNA-000001")
    assert set(errors) == {"reason"}


def test_a_blood_gifts_reversal_says_whether_the_blood_was_drawn() -> None:
    """Drawn (a unit discarded after testing: it still counts in the donor's interval) or recorded in error;
    nothing chosen (a form not rendered by the page) is an error of that field, not a default; another gift's
    body says nothing of it (the API refuses blood_drawn there)."""
    form = {"reason": "Đơn vị bị loại sau xét nghiệm", "confirm": "HM-000003"}
    assert money.reversal(form | {"blood_drawn": "yes"}, "HM-000003", "blood") == (
        {"reason": form["reason"], "blood_drawn": True}, {}
    )  # fmt: skip
    assert money.reversal(form | {"blood_drawn": "no"}, "HM-000003", "blood")[0]["blood_drawn"] is False
    for bad in ({}, {"blood_drawn": ""}, {"blood_drawn": "true"}):
        assert money.reversal(form | bad, "HM-000003", "blood")[1] == {"blood_drawn": str(money.BLOOD_DRAWN_MESSAGE)}, (
            bad
        )
    assert money.reversal(form | {"blood_drawn": "yes"}, "HM-000003", "cash") == ({"reason": form["reason"]}, {})


@pytest.mark.parametrize("raw", ["-1", "1e3", "x", "１", "²", str(2**62 + 1), "9" * 20, " 5 5"])
def test_a_page_cursor_is_a_whole_number(raw: str) -> None:
    with pytest.raises(ValueError):
        money.page_after(raw)


def test_gift_pages_continue_after_the_last_receipt_shown() -> None:
    assert money.page_after("") is None and money.page_after(" 100 ") == 100 and money.page_after("0") == 0
    first = money.paging(None, 3, [1, 2, 3, 4])  # limit 4 asked: 4 came back, so a next page exists
    assert first == money.Paging(after=None, next_after=3)
    assert money.paging(3, 3, [4, 7]) == money.Paging(after=3, next_after=None)  # numbers need not be contiguous
    assert money.paging(3, 3, [4, 5, 6]) == money.Paging(after=3, next_after=None)  # exactly full: the last page
    assert money.paging(9, 3, []) == money.Paging(after=9, next_after=None)


CSV = (
    "Mã giao dịch;Ngày;Số tiền;Người chuyển\nFT1;30/11/2026;1.000.000;A\n\nFT2;2026-11-30;5\nFT3;2026-11-30;7;B\n"
    "FT4;2026-11-30\nFT5;2026-11-30;8;C;D\n"
)


def test_a_statement_file_is_read_with_vietnamese_headers_and_rows_missing_a_required_field_refused() -> None:
    """FT2 leaves out its empty last cell (the payer, optional): read. FT4 has no amount cell, FT5 a field
    too many: refused, saying so."""
    s = money.statement_of(("\ufeff" + CSV).encode())
    assert s.rows == [
        (2, {"bank_reference": "FT1", "received_on": "30/11/2026", "amount_vnd": "1.000.000", "payer_name": "A"}),
        (4, {"bank_reference": "FT2", "received_on": "2026-11-30", "amount_vnd": "5", "payer_name": None}),
        (5, {"bank_reference": "FT3", "received_on": "2026-11-30", "amount_vnd": "7", "payer_name": "B"}),
    ]
    assert s.refused == [
        (6, {"bank_reference": "FT4", "received_on": "2026-11-30", "amount_vnd": None, "payer_name": None},
         "Số cột của dòng khác dòng tiêu đề."),
        (7, {"bank_reference": "FT5", "received_on": "2026-11-30", "amount_vnd": "8", "payer_name": "C"},
         "Số cột của dòng khác dòng tiêu đề."),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Tệp trống."),
        (b"  \n", "Tệp trống."),
        (b"ref,amount\nFT1,5\n", "Dòng tiêu đề của tệp thiếu cột: ngày."),
        (b"\xff\xfe\x00a", "Tệp không phải văn bản CSV mã UTF-8"),
        (b"bank_reference,received_on,amount_vnd\n", "Tệp không có dòng dữ liệu nào."),
        (b"bank_reference,received_on,amount_vnd\nA,\x00,1\n", "Tệp không phải văn bản CSV (có ký tự NUL)."),
        (b"x" * (money.STATEMENT_MAX_BYTES + 1), "Tệp quá lớn"),
    ],
)
def test_a_file_that_is_not_a_statement_is_refused_saying_why(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        money.statement_of(data)


def test_the_shared_reader_names_the_missing_columns() -> None:
    with pytest.raises(MissingColumns) as err:
        list(read_csv(io.StringIO("so_tien,ngay\n1,2\n")))
    assert err.value.missing == ["bank_reference"]


def test_the_shared_reader_knows_bank_export_headers_and_rows_without_their_last_empty_cells() -> None:
    """Headers with units and punctuation ("Số tiền (VND)"), a bank's own names ("Số bút toán", "Ngày GD",
    "Mô tả": the description was dropped); a row that leaves out its empty cells after the last required
    one is read; a row with a field too many (an unquoted "1,500,000") is refused, naming the counts."""
    text = "Số bút toán;Ngày GD;Số tiền (VND);Mô tả;Người chuyển\nFT1;05/03/2024;500000;UH lu lut\nFT2;05/03/2024\n"
    text += "FT3;05/03/2024;1.500.000;a;b;c\n"
    assert list(read_csv(io.StringIO(text))) == [
        (2, {"bank_reference": "FT1", "received_on": "05/03/2024", "amount_vnd": "500000", "description": "UH lu lut",
             "payer_name": None}, None),
        (3, {"bank_reference": "FT2", "received_on": "05/03/2024", "amount_vnd": None, "description": None,
             "payer_name": None}, "the row has 2 fields, the header 5"),
        (4, {"bank_reference": "FT3", "received_on": "05/03/2024", "amount_vnd": "1.500.000", "description": "a",
             "payer_name": "b"}, "the row has 6 fields, the header 5"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("amount_vnd 'hai trieu' is not a whole number of VND", "Số tiền không phải số nguyên đồng."),
        ("amount_vnd must be more than 0, got -5", "Số tiền phải lớn hơn 0."),
        ("received_on 2030-01-01 is in the future", "Ngày giao dịch ở tương lai."),
        (
            "received_on 2026-01-01 is outside the receiving period (a to b)",
            "Ngày giao dịch ngoài thời gian tiếp nhận.",
        ),
        (
            "received_on '31/02/2026' is not a date (YYYY-MM-DD, or DD/MM/YYYY with / - or . between)",
            "Ngày không hợp lệ",
        ),
        ("bank_reference is required", "Thiếu mã giao dịch."),
        ("repeats row 0 of this batch", "Giao dịch đã được ghi nhận trước đó."),
        ("something new", "Dòng không hợp lệ (something new)."),
        (None, "Dòng không hợp lệ."),
    ],
)
def test_a_rows_reason_in_vietnamese(reason: str | None, said: str) -> None:
    assert money.statement_reason(reason).startswith(said)


def test_an_upload_is_read_from_its_multipart_body() -> None:
    body = (
        b'--B\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nt\xc3\xb4k\r\n'
        b'--B\r\nContent-Disposition: form-data; name="file"; filename="s.csv"\r\nContent-Type: text/csv\r\n\r\n'
        b"a,b\r\n1,2\r\n--B--\r\n"
    )
    fields, files = multipart("multipart/form-data; boundary=B", body)
    assert fields == {"csrf": "tôk"} and {n: (f.filename, f.content) for n, f in files.items()} == {
        "file": ("s.csv", b"a,b\r\n1,2")
    }
    for content_type, data in (("application/x-www-form-urlencoded", b"a=b"), ("multipart/form-data; x=ữ", b"")):
        with pytest.raises(ValueError):
            multipart(content_type, data)


def test_the_import_page_polls_until_the_import_has_finished() -> None:
    job = ImportJob(uuid.uuid4(), "u", uuid.uuid4(), "Cứu trợ", total=4, done=1, rejected=1)
    page = web.templates.get_template("statement_progress.html")

    def render() -> str:
        return str(page.render(job=job, user=None, csrf="", STATUS_LABELS=pages_money.rules.STATUS_LABELS))

    running = render()
    assert f'hx-get="/imports/{job.id}"' in running and 'hx-trigger="every 1s"' in running
    assert 'data-finished="no"' in running and "Đang nhập…" in running
    job.finished = True
    job.lines = [ImportLine(5, "FT3", "hai trieu", "rejected", "Số tiền không phải số nguyên đồng.")]
    done = render()
    assert "hx-get" not in done and 'data-finished="yes"' in done
    assert 'data-status="rejected"' in done and "Số tiền không phải số nguyên đồng." in done


@pytest.mark.parametrize(
    ("path", "service_says", "where", "shown"),
    [
        ("blood", "Value error, a blood donor must be an identified individual", "donor",
         "Người hiến máu phải là một cá nhân có họ tên (hoặc chọn người đã hiến trước đây)."),
        ("blood.donor", "Value error, name is required for an individual donor (or give the id of a known donor)",
         "donor_name", "Cần ghi họ tên."),
        ("cash.donor", "Value error, an anonymous donor carries no identity (no id, name, phone, id_number)",
         "donor", "Nhà hảo tâm ẩn danh không ghi họ tên, số điện thoại, số giấy tờ hay ngày sinh."),
        ("in_kind.donor", "Value error, an anonymous donor cannot consent to be named", "donor",
         "Nhà hảo tâm ẩn danh không thể đồng ý được nêu tên công khai."),
        ("blood.donor", "Value error, a rule the console does not know", "donor", "Giá trị không hợp lệ."),
    ],
)  # fmt: skip
def test_a_rule_on_the_donor_as_a_whole_is_said_where_it_applies(
    path: str, service_says: str, where: str, shown: str
) -> None:
    """The donations service's rules on the donor (its words), said in the user's words at the donor box's
    field they are about (the box itself when they are about all of it)."""
    body = {
        "error": "validation_error",
        "errors": [{"field": path, "type": "value_error", "message": service_says}],
    }
    assert problem_of(422, body).fields == {where: shown}
    other = {"errors": [{"field": "blood.units", "type": "value_error", "message": service_says}]}
    assert problem_of(422, other).fields == {"units": "Giá trị không hợp lệ."}  # the donor's rules only on the donor


async def test_every_distribution_and_every_verified_recipient_can_be_reached() -> None:
    """A campaign with more distributions than a page shows pages through them (oldest first, so that
    each one's reversal link is reachable); a form whose recipients list is full says so."""
    from tests.unit.console import test_console_i18n as fx

    made = [fx.DISTRIBUTION | {"id": str(uuid.uuid4()), "description": f"Lần {n}"} for n in range(250)]
    asked: list[tuple[str, str]] = []
    recipients = [fx._beneficiary(f"Hộ {n:04d}") for n in range(svc.RECIPIENTS_OFFERED + 1)]

    def api(request: httpx.Request) -> httpx.Response:
        path, params = request.url.path, request.url.params
        if path == f"/campaigns/{fx.CAMPAIGN}/distributions":
            limit, offset = int(params["limit"]), int(params.get("offset", "0"))
            asked.append((params["limit"], params.get("offset", "0")))
            items = made[offset : offset + limit]
            return httpx.Response(200, json={"count": len(items), "items": items, "limit": limit, "offset": offset})
        if path == "/beneficiaries" and params.get("verified") == "true" and params.get("campaign_id"):
            items = recipients[: int(params["limit"])]
            return httpx.Response(
                200, json={"count": len(items), "items": items, "limit": params["limit"], "offset": 0}
            )
        return fx.money_api(request)

    c, _ = fx.signed_in_money("unit_manager")
    app = c._transport.app  # type: ignore[attr-defined]
    for service in ("campaigns", "donations", "reporting"):
        app.state.upstreams._transports[service] = httpx.MockTransport(api)
    async with c:
        first = await c.get(f"/campaigns/{fx.CAMPAIGN}")
        assert first.status_code == 200 and first.text.count("data-distribution-id=") == svc.DISTRIBUTIONS_SHOWN
        assert "Lần phân phối 1–100 (cũ trước)." in first.text and "?dist=100#distributions-h" in first.text
        last = await c.get(f"/campaigns/{fx.CAMPAIGN}", params={"dist": "200"})
        assert last.text.count("data-distribution-id=") == 50 and "Lần 249" in last.text
        assert "Lần phân phối 201–250 (cũ trước)." in last.text and "?dist=100#distributions-h" in last.text
        assert 'rel="next"' not in last.text.split("data-distribution-pager")[1].split("</p>")[0]
        assert asked[-1] == (str(svc.DISTRIBUTIONS_SHOWN + 1), "200")
        bad = await c.get(f"/campaigns/{fx.CAMPAIGN}", params={"dist": "-1"})
        assert bad.status_code == 422
        form = await c.get(f"/campaigns/{fx.CAMPAIGN}/distributions/new", follow_redirects=True)
        assert form.status_code == 200
        select = form.text.split('<select id="beneficiary_id"')[1].split("</select>")[0]
        offered = select.count('<option value="') - 1  # (and "— Chọn —")
        assert offered == svc.RECIPIENTS_OFFERED + len(fx.ADDRESSES)  # up to the bound, and the addresses
        assert "Hộ 1999 ·" in select and "Hộ 2000 ·" not in select  # the 2,001st left out
        assert "data-more-recipients" in form.text
        assert "Có hơn 2.000 người đã xác minh: danh sách chỉ gồm 2.000 người đầu tiên" in form.text
