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


def test_a_bad_byte_after_a_character_cut_by_a_read_is_named_on_its_own_line(tmp_path: Path) -> None:
    """The file is read in 1 MB chunks: the first ends two bytes into "ầ" (three in UTF-8), the second
    finishes it, then a byte that is not UTF-8, then a line break: the bad byte is on the line of "ầ"."""
    f = tmp_path / "big.csv"
    first = (HEADER + "\n").encode() + b"FT0,2026-01-02,100000,x\n" * 40_000
    first += b"FT1,2026-01-02,100000,"
    first += b"y" * ((1 << 20) - 2 - len(first)) + "ầ".encode()[:2]
    assert len(first) == 1 << 20
    f.write_bytes(first + "ầ".encode()[2:] + b"\xff\nFT2,2026-01-02,1,z\n")
    line = first.count(b"\n") + 1
    with pytest.raises(ValueError, match=rf"is not UTF-8 text \(line {line}\)"):
        _count_rows(f)
