"""The public ledger's publication rules: masked notes, labels, filters (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from rc_donations.domain.donations import ANONYMOUS_LABEL
from rc_donations.domain.lines import LineFilter, check_filter, donor_label, form_filter, mask_note, published_note
from rc_shared.errors import Invalid


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("ung ho 0912345678", "ung ho •••"),
        ("SDT 0912 345 678 ung ho", "SDT ••• ung ho"),
        ("CCCD 079203001234 chuyen", "CCCD ••• chuyen"),
        ("STK 1903-6655-7788-99 MB", "STK ••• MB"),
        ("ung ho 500000 dong", "ung ho ••• dong"),  # six digits: masked as well (cannot tell an amount apart)
        ("ung ho 50000 dong", "ung ho 50000 dong"),  # five digits stay
        ("Chuyển 907.000 đồng còn lại sang Quỹ", "Chuyển 907.000 đồng còn lại sang Quỹ"),  # an amount, grouped
        ("số dư 12.500.000 VND", "số dư 12.500.000 VND"),
        ("sdt 0912.345.678 đ", "sdt ••• đ"),  # grouped as a phone is, not by thousands
        ("nam 2026, xom 12", "nam 2026, xom 12"),
        ("0912345678", "•••"),
        ("SDT 0912\u00a0345\u00a0678.", "SDT •••."),  # no-break spaces
        ("SDT 0912 - 345 - 678 ung ho", "SDT ••• ung ho"),
        ("SDT 0912  345  678", "SDT •••"),
        ("SDT (091) 234-5678 ung ho", "SDT ••• ung ho"),
        ("SDT +84 912 345 678", "SDT •••"),
        ("CCCD 0123 4567 8901, benh nhan", "CCCD •••, benh nhan"),
        ("lu ngay 01/12/2026", "lu ngay 01/12/2026"),  # a date is not a number to hide
        ("QĐ ngày 15 - 01 - 2026", "QĐ ngày 15 - 01 - 2026"),
        ("ngay 15.01.2026, sdt 0912.345.678", "ngay 15.01.2026, sdt •••"),
        ("năm học 2025 - 2026", "năm học 2025 - 2026"),  # a range of years
        ("Năm 2024 (2025)", "Năm 2024 (2025)"),
        ("Hộ 12\n34 56", "Hộ 12\n34 56"),  # a line break does not join digits
        ("   ", None),
        (None, None),
    ],
)
def test_digit_runs_that_look_like_phone_id_or_account_numbers_are_masked(raw: str | None, shown: str | None) -> None:
    assert mask_note(raw) == shown


def test_a_gift_note_is_published_only_for_a_named_donor_and_a_distribution_purpose_always_masked() -> None:
    assert published_note("donation", "NGUYEN VAN B 0912345678", named=False) is None
    assert published_note("donation_reversal", "chuyen nham cua Tran C", named=False) is None
    assert published_note("donation", "ung ho 0912345678", named=True) == "ung ho •••"
    assert published_note("distribution", "ho tro nha 0912345678", named=False) == "ho tro nha •••"
    # a distribution's correction names who was recorded by mistake: never published
    assert published_note("distribution_reversal", "trao nhầm cho bà Lê Thị Hoa, ấp 3", named=False) is None
    assert published_note("distribution_reversal", "trao nhầm cho bà Lê Thị Hoa, ấp 3", named=True) is None


def test_the_label_is_the_name_only_when_the_query_found_it_consenting() -> None:
    assert donor_label("Nguyễn Văn An") == "Nguyễn Văn An"
    assert donor_label(None) == ANONYMOUS_LABEL
    assert donor_label("", "Ẩn danh") == "Ẩn danh"


def test_filters_refuse_contradictions_and_text_without_a_letter_naming_the_field() -> None:
    with pytest.raises(Invalid) as e:
        check_filter(LineFilter(amount_min=10, amount_max=9))
    assert e.value.details["field"] == "amount_min"
    with pytest.raises(Invalid) as e:
        check_filter(LineFilter(date_from=date(2026, 2, 2), date_to=date(2026, 2, 1)))
    assert e.value.details["field"] == "from"
    with pytest.raises(Invalid) as e:
        check_filter(LineFilter(q="1234"))
    assert e.value.details["field"] == "q"
    with pytest.raises(Invalid) as e:
        check_filter(LineFilter(reference="   "))
    assert e.value.details["field"] == "reference"
    f = check_filter(LineFilter(q="  Nguyễn   văn ", reference=" FT26ABC "))
    assert (f.q, f.reference) == ("Nguyễn văn", "ft26abc")


def test_the_page_links_only_web_addresses_and_reads_stored_iso_dates() -> None:
    from rc_donations.entrypoints.pages import vn_date, web_link

    assert web_link("https://example.vn/15.pdf") == "https://example.vn/15.pdf"
    assert web_link("javascript:alert(1)") is None and web_link(None) is None
    assert vn_date("2026-11-20") == "20/11/2026" and vn_date(date(2026, 1, 2)) == "02/01/2026" and vn_date(None) == "–"


@pytest.mark.parametrize("typed", ["1.500.00", "2.000.0000", "1,5", "²", "１２３", "năm trăm", "1.500 000"])
def test_the_search_forms_amount_is_refused_naming_its_field_when_it_is_not_one(typed: str) -> None:
    """The console's rule (rc_shared.labels.read_whole_number): a typo is not read as another amount, and
    a character str.isdigit() takes is a refusal (422 naming the field), never a 500."""
    with pytest.raises(Invalid) as refused:
        form_filter({"amount_min": typed})
    assert refused.value.details["field"] == "amount_min"


def test_the_search_forms_amount_reads_the_ways_people_write_it() -> None:
    for typed in ("1500000", "1.500.000", "1,500,000", "1 500 000"):
        assert form_filter({"amount_max": typed}).amount_max == 1_500_000
