"""The statement import CLI reads and encodes the next batch while a request is on its way, and still
sends the batches one at a time in file order (the receipts follow the rows of the file)."""

from __future__ import annotations

import functools
import json
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from rc_donations.entrypoints import importer

HEADER = "bank_reference,received_on,amount_vnd"
WAIT_S = 60  # a bound on a wait that the old code never ends; never reached when the reader runs ahead


def _statement(path: Path, rows: int, bad: frozenset[int] = frozenset()) -> Path:
    """``rows`` rows; those in ``bad`` have a field too many (refused by the reader, never sent)."""
    lines = [HEADER] + [f"FT{i},2026-01-02,{1000 + i}" + (",extra" if i in bad else "") for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _answer(request: httpx.Request) -> httpx.Response:
    rows = json.loads(request.content)["rows"]
    results = [
        {"index": i, "bank_reference": r["bank_reference"], "status": "created", "receipt_no": 1}
        for i, r in enumerate(rows)
    ]
    return httpx.Response(
        200, json={"results": results, "created_amount_vnd": sum(int(r["amount_vnd"]) for r in rows),
                   "duplicate_amount_vnd": 0},
    )  # fmt: skip


def test_the_next_batch_is_read_while_a_request_is_on_its_way_and_batches_go_in_file_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _statement(tmp_path / "s.csv", 10, bad=frozenset({4}))
    read = importer.read_rows
    second_batch_read = threading.Event()

    def reading(p: Path) -> Iterator[tuple[int, dict[str, Any], str | None]]:
        for line, rec, reason in read(p):
            if rec["bank_reference"] == "FT6":  # the first row of the second batch of 3 valid rows
                second_batch_read.set()
            yield line, rec, reason

    sent: list[list[str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append([r["bank_reference"] for r in json.loads(request.content)["rows"]])
        if len(sent) == 1:  # the service is recording the first batch: the reader goes on meanwhile
            assert second_batch_read.wait(WAIT_S), "the next batch was not read while the request was on its way"
        return _answer(request)

    monkeypatch.setattr(importer, "read_rows", reading)
    client = functools.partial(httpx.Client, transport=httpx.MockTransport(handler))
    monkeypatch.setattr(httpx, "Client", client)  # the importer's client, here answering in this process
    totals = importer.run_import(uuid.uuid4(), path, "http://api", None, batch=3, progress=False)
    assert sent == [["FT0", "FT1", "FT2"], ["FT3", "FT5", "FT6"], ["FT7", "FT8", "FT9"]]
    assert (totals.rows, totals.created, totals.rejected) == (10, 9, 1)
    assert [r["line"] for r in totals.rejections] == [6]


def test_a_refused_batch_stops_the_import_and_the_reader() -> None:
    produced: list[int] = []

    def items() -> Iterator[int]:
        for i in range(1000):
            produced.append(i)
            yield i

    taken: list[int] = []
    with pytest.raises(RuntimeError, match="refused"):
        for i in importer.read_ahead(items()):
            taken.append(i)
            if i == 2:
                raise RuntimeError("refused")
    assert taken == [0, 1, 2]
    assert len(produced) < 10  # the reader stopped (it runs at most one item ahead, plus the one in hand)


def test_an_unreadable_row_is_raised_after_the_batches_before_it() -> None:
    def items() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("line 7: not a CSV row")

    got: list[int] = []
    with pytest.raises(ValueError, match="line 7"):
        for i in importer.read_ahead(items()):
            got.append(i)
    assert got == [1, 2]
