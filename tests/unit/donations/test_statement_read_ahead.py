"""The statement import CLI reads and encodes the next batch while a request is on its way; with one
request in flight it sends the batches one at a time in file order, with several it keeps that many on
their way, each naming the import and its batch number (the service numbers them in that order), and
takes the answers in file order."""

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
    totals = importer.run_import(uuid.uuid4(), path, "http://api", None, batch=3, in_flight=1, progress=False)
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


def test_two_requests_are_on_their_way_at_once_each_naming_the_import_and_its_batch_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first request is answered only once the second has arrived (so both were on their way at
    once); every request names one import id and batch numbers 0, 1, 2, ... in file order; the rows'
    results are counted against the batch they belong to whatever order the answers come in."""
    path = _statement(tmp_path / "s.csv", 10, bad=frozenset({4}))
    second_arrived = threading.Event()
    sent: dict[int, tuple[str, list[str]]] = {}
    lock = threading.Lock()

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        no, import_id = body["import_batch"]["batch_no"], body["import_batch"]["import_id"]
        with lock:
            sent[no] = (import_id, [r["bank_reference"] for r in body["rows"]])
        if no == 1:
            second_arrived.set()
        if no == 0:
            assert second_arrived.wait(WAIT_S), "the second request was not sent while the first was on its way"
        answer = _answer(request)
        if no == 2:  # its last row a duplicate: counted in its own batch
            data = json.loads(answer.content)
            data["results"][-1]["status"] = "duplicate"
            answer = httpx.Response(200, json=data)
        return answer

    client = functools.partial(httpx.Client, transport=httpx.MockTransport(handler))
    monkeypatch.setattr(httpx, "Client", client)
    totals = importer.run_import(uuid.uuid4(), path, "http://api", None, batch=3, in_flight=2, progress=False)
    assert sorted(sent) == [0, 1, 2]
    assert [sent[n][1] for n in (0, 1, 2)] == [["FT0", "FT1", "FT2"], ["FT3", "FT5", "FT6"], ["FT7", "FT8", "FT9"]]
    assert len({sent[n][0] for n in sent}) == 1 and uuid.UUID(sent[0][0])
    assert (totals.rows, totals.created, totals.duplicate, totals.rejected) == (10, 8, 1, 1)


def test_a_batch_refused_with_several_in_flight_ends_the_import_without_sending_the_others_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batch 0 is refused (409): the import stops with that reason; batch 1, answered 503 as a batch
    waiting for batch 0 would be, is not sent again (its Retry-After wait ends when the import does), and
    no later batch is sent."""
    path = _statement(tmp_path / "s.csv", 30)
    calls: list[int] = []
    lock = threading.Lock()
    both_sent = threading.Barrier(2, timeout=WAIT_S)

    def handler(request: httpx.Request) -> httpx.Response:
        no = json.loads(request.content)["import_batch"]["batch_no"]
        with lock:
            calls.append(no)
        if no in (0, 1) and calls.count(no) == 1:
            both_sent.wait()  # both on their way before either is answered
        if no == 0:
            return httpx.Response(409, json={"message": "campaign is cancelled"})
        return httpx.Response(503, json={"message": "waits for batch_no 0"}, headers={"Retry-After": "30"})

    client = functools.partial(httpx.Client, transport=httpx.MockTransport(handler))
    monkeypatch.setattr(httpx, "Client", client)
    with pytest.raises(importer.ImportAborted, match="409: campaign is cancelled"):
        importer.run_import(uuid.uuid4(), path, "http://api", None, batch=3, in_flight=2, progress=False)
    assert sorted(calls) == [0, 1]


def test_with_one_request_in_flight_no_import_id_is_sent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One at a time the order needs no help from the service: the requests are as before (any version of
    the service takes them)."""
    path = _statement(tmp_path / "s.csv", 4)
    bodies: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        return _answer(request)

    monkeypatch.setattr(httpx, "Client", functools.partial(httpx.Client, transport=httpx.MockTransport(handler)))
    totals = importer.run_import(uuid.uuid4(), path, "http://api", None, batch=3, in_flight=1, progress=False)
    assert [sorted(b) for b in bodies] == [["rows"], ["rows"]] and totals.created == 4


def test_an_import_refused_midway_keeps_its_report_and_says_what_was_recorded_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batch 0 is recorded (one row of it rejected by the service), batch 1 refused (the campaign closed
    meanwhile): the command ends with that reason and what batch 0 did, and --report holds the rows
    rejected so far (it was never written: the officer lost them)."""
    path = _statement(tmp_path / "s.csv", 6, bad=frozenset({5}))

    def handler(request: httpx.Request) -> httpx.Response:
        rows = json.loads(request.content)["rows"]
        if rows[0]["bank_reference"] != "FT0":
            return httpx.Response(409, json={"message": "campaign is closed"})
        answered = _answer(request)
        body = json.loads(answered.content)
        body["results"][1] = {"index": 1, "bank_reference": "FT1", "status": "rejected", "reason": "in the future"}
        return httpx.Response(200, json=body)

    monkeypatch.setattr(httpx, "Client", functools.partial(httpx.Client, transport=httpx.MockTransport(handler)))
    report = tmp_path / "rejected.csv"
    with pytest.raises(importer.ImportAborted) as aborted:
        importer.run_import(uuid.uuid4(), path, "http://api", report, batch=3, in_flight=1, progress=False)
    assert str(aborted.value) == (
        "the API answered 409: campaign is closed. Before it: created 2, duplicate 0, rejected 2; rejected rows so far"
        f" in {report}. Importing the file again is safe: rows already recorded are reported as duplicates"
    )
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "line,bank_reference,received_on,amount_vnd,payer_name,description,reason"
    assert lines[1:] == ["3,FT1,2026-01-02,1001,,,in the future", "7,FT5,2026-01-02,1005,,,"
                         "\"the row has 4 fields, the header 3\""]  # fmt: skip


def test_an_api_that_cannot_be_reached_ends_the_import_saying_so_not_with_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _statement(tmp_path / "s.csv", 2)

    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    monkeypatch.setattr(httpx, "Client", functools.partial(httpx.Client, transport=httpx.MockTransport(handler)))
    monkeypatch.setattr(threading.Event, "wait", lambda self, timeout=None: False)  # (no waits between attempts)
    said = r"^the API at http://api/campaigns/.*/bank-statement could not be reached \(ConnectError: \[Errno 111\]"
    with pytest.raises(importer.ImportAborted, match=said + r" Connection refused\)\. Before it: created 0"):
        importer.run_import(uuid.uuid4(), path, "http://api", None, batch=3, in_flight=1, progress=False)
