"""KRaft cluster ids: never drawn with a leading ``-``, and passed so that one cannot be taken for an option."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from rc_local.kafka import storage


def test_many_draws_never_start_with_a_dash() -> None:
    ids = [storage.new_cluster_id() for _ in range(20_000)]
    assert all(not cid.startswith("-") for cid in ids)
    assert all(len(cid) == 22 for cid in ids)
    assert len(set(ids)) == len(ids)
    # 20,000 draws without the rule would give ~312 ids starting with "-"; the alphabet is still used.
    assert any(cid.startswith("_") for cid in ids)


def test_a_draw_that_would_start_with_a_dash_is_drawn_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # 0xF8 is 111110xx: the first base64 digit is 62, which the URL-safe alphabet writes "-".
    draws = iter([uuid.UUID(bytes=b"\xf8" + b"\x00" * 15), uuid.UUID(bytes=b"\x04" + b"\x00" * 15)])
    monkeypatch.setattr(uuid, "uuid4", lambda: next(draws))
    assert storage.new_cluster_id() == "BAAAAAAAAAAAAAAAAAAAAA"


def test_an_id_file_from_an_earlier_version_is_kept(tmp_path: Path) -> None:
    (tmp_path / "cluster.id").write_text("-uPaZ9uwTuWVukG_bbyFng\n")
    assert storage.cluster_id(tmp_path) == "-uPaZ9uwTuWVukG_bbyFng"


def test_a_new_state_directory_remembers_its_id(tmp_path: Path) -> None:
    first = storage.cluster_id(tmp_path)
    assert storage.cluster_id(tmp_path) == first
    assert (tmp_path / "cluster.id").read_text() == first + "\n"
