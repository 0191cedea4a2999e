"""The statement import CLI's file checks: a file that is not UTF-8 is named as such, before any row is sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from rc_donations.entrypoints.importer import _count_rows, read_rows

HEADER = "bank_reference,received_on,amount_vnd,payer_name"


def test_a_statement_in_a_legacy_code_page_is_reported_as_not_utf8_with_its_line(tmp_path: Path) -> None:
    f = tmp_path / "s.csv"
    lines = [HEADER, "FT1,2026-01-02,100000,Nguyen Van A", "FT2,2026-01-02,200000,Lê Hà"]
    f.write_bytes("\n".join(lines).encode("cp1258"))
    with pytest.raises(ValueError, match=r"is not UTF-8 text \(line 3\)"):
        _count_rows(f)
    with pytest.raises(ValueError, match=r"is not UTF-8 text \(line 3\)"):
        list(read_rows(f))


def test_an_empty_statement_is_reported_as_empty_and_a_utf8_one_is_counted(tmp_path: Path) -> None:
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    with pytest.raises(ValueError, match="the file is empty"):
        list(read_rows(empty))
    ok = tmp_path / "ok.csv"
    ok.write_text("\ufeff" + HEADER + "\nFT1,2026-01-02,100000,Trần Thị B\n", encoding="utf-8")
    assert _count_rows(ok) == 1
    assert [rec["bank_reference"] for _, rec, _ in read_rows(ok)] == ["FT1"]
