"""The members import's columns: every Vietnamese header (with or without accents, in any case) reads as
one API name, and no header could mean two."""

from __future__ import annotations

from collections import defaultdict

import pytest

from rc_shared import member_columns as mc


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Họ và tên", "full_name"),
        ("HỌ VÀ TÊN", "full_name"),
        ("ho va ten", "full_name"),
        ("họ_và_tên", "full_name"),
        ("SĐT", "phone"),
        ("Số điện thoại", "phone"),
        ("Số CCCD", "id_number"),
        ("Ngày vào hội", "joined_on"),
        ("joined_on", "joined_on"),
        ("Ghi chú", "Ghi chú"),  # not a column: as it is (the row is refused, naming it)
    ],
)
def test_a_header_reads_as_its_apis_name(header: str, name: str) -> None:
    assert mc.column_name(header) == name


def test_no_header_means_two_columns_and_every_column_is_reachable() -> None:
    meanings: dict[str, set[str]] = defaultdict(set)
    for c in mc.COLUMNS:
        for header in (c.name, c.header, *c.also):
            meanings[mc.fold(header)].add(c.name)
            assert mc.column_name(header) == c.name, header
    assert {h: n for h, n in meanings.items() if len(n) > 1} == {}
    assert len(mc.NAMES) == len(set(mc.NAMES)) == 16


def test_the_rejected_rows_files_own_columns_are_left_out() -> None:
    """The console's "Tải các dòng bị từ chối" and `rc-members import --report` start with "row" and "reason"."""
    for header in ("row", "reason", "Row", "REASON", "STT", "Ghi chú"):
        assert mc.ignored(header), header
    assert not mc.ignored("Họ và tên") and not mc.ignored("reasons")


def test_a_header_names_two_columns_not_one_column_twice() -> None:
    assert mc.is_header(["STT", "Mã đơn vị", "Họ và tên"])
    # a row of the template's guide sheet: a column's header, then its API name
    assert not mc.is_header(["Mã đơn vị", "bắt buộc", "BL-HB-01", "Mã của chi hội…", "unit_code"])


def test_the_rejected_rows_file_says_row_and_reason_once() -> None:
    assert mc.report_header(["mã_đơn_vị", "họ_và_tên"]) == (["row", "reason", "mã_đơn_vị", "họ_và_tên"],
                                                           ["mã_đơn_vị", "họ_và_tên"])  # fmt: skip
    # a file of rejected rows, rejected again: its own "row" and "reason" are not echoed after the new ones
    assert mc.report_header(["row", "reason", "mã_đơn_vị"]) == (["row", "reason", "mã_đơn_vị"], ["mã_đơn_vị"])
