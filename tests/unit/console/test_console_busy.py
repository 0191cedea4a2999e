"""A busy service does not stop a background import: the console's statement and member imports ask
again after a 429 or 503 (its Retry-After, else a growing pause), say so on their progress page, and
stop only when the service stays busy or refuses for another reason."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from rc_clients.donations.models import StatementOut
from rc_console.adapters import upstream
from rc_console.adapters.upstream import ApiError, patiently
from rc_console.domain.model import Problem
from rc_console.entrypoints import pages_money, web
from rc_console.service_layer import member_import
from rc_console.service_layer.money import ImportJob, run_import

CAMPAIGN = uuid.UUID("00000000-0000-0000-0000-0000000000c1")


def busy(status: int = 503, retry_after_s: float | None = 0.0) -> ApiError:
    return ApiError(Problem(status, "bận", retry_after_s=retry_after_s))


class Calls:
    """Answers ``answers`` in turn (an exception is raised), recording each pause asked for."""

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)
        self.calls = 0
        self.pauses: list[float] = []
        self.said: list[float | None] = []

    async def call(self) -> object:
        self.calls += 1
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    async def sleep(self, pause: float) -> None:
        self.pauses.append(pause)


async def test_a_busy_answer_is_asked_again_after_its_retry_after_else_a_growing_pause() -> None:
    c = Calls(busy(503, 2.5), busy(429, None), busy(503, None), busy(503, 400.0), "done")
    assert await patiently(c.call, c.said.append, sleep=c.sleep) == "done"
    assert c.calls == 5
    assert c.pauses == [2.5, 2.0, 4.0, 30.0]  # Retry-After; 2nd and 3rd attempts' backoff; capped at 30 s
    assert c.said == [2.5, 2.0, 4.0, 30.0, None]  # the page is told each wait, then that it is over


async def test_a_service_that_stays_busy_gives_its_last_refusal_after_the_attempts() -> None:
    c = Calls(*(busy() for _ in range(3)))
    with pytest.raises(ApiError) as caught:
        await patiently(c.call, c.said.append, attempts=3, sleep=c.sleep)
    assert caught.value.problem.status == 503 and c.calls == 3 and c.pauses == [0.0, 0.0]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 500, 502])
async def test_any_other_refusal_is_not_asked_again(status: int) -> None:
    c = Calls(ApiError(Problem(status, "không")), "never")
    with pytest.raises(ApiError):
        await patiently(c.call, c.said.append, sleep=c.sleep)
    assert c.calls == 1 and c.pauses == [] and c.said == []


@pytest.mark.parametrize(
    ("status", "header", "expected"),
    [
        (503, "7", 7.0),
        (429, "1.5", 1.5),
        (503, None, None),
        (503, "Wed, 21 Oct 2026 07:28:00 GMT", None),
        (404, "7", None),
    ],
)
async def test_a_busy_services_retry_after_reaches_the_problem(
    status: int, header: str | None, expected: float | None
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        headers = {"Retry-After": header} if header is not None else {}
        return httpx.Response(status, json={"error": "overloaded", "message": "busy"}, headers=headers)

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer), base_url="http://s") as http:
        with pytest.raises(ApiError) as caught:
            await upstream.send_json(http, "POST", "/x", {})
    assert caught.value.problem.status == status and caught.value.problem.retry_after_s == expected


async def test_a_service_that_does_not_answer_is_a_503_asked_again() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse), base_url="http://s") as http:
        with pytest.raises(ApiError) as caught:
            await upstream.send_json(http, "POST", "/x", {})
    assert caught.value.problem.status == 503 and caught.value.problem.retry_after_s is None


def statement_answer(n: int) -> StatementOut:
    return StatementOut.from_dict(
        {
            "campaign_id": str(CAMPAIGN),
            "rows": n,
            "created": n,
            "created_amount_vnd": 1000 * n,
            "duplicate": 0,
            "duplicate_amount_vnd": 0,
            "rejected": 0,
            "results": [
                {"index": i, "status": "created", "bank_reference": f"FT{i}", "donation_id": str(uuid.uuid4())}
                for i in range(n)
            ],
        }
    )


class StatementApi:
    """The donations API's statement import: busy ``busy_times`` times for each batch, then it answers."""

    def __init__(self, busy_times: int, retry_after_s: float | None = 0.0) -> None:
        self.busy_times, self.retry_after_s = busy_times, retry_after_s
        self.sent: list[list[dict[str, Any]]] = []
        self.refused = 0
        self.job: ImportJob | None = None
        self.waits_seen: list[float | None] = []

    async def import_statement(self, campaign_id: uuid.UUID, rows: list[dict[str, Any]]) -> StatementOut:
        assert campaign_id == CAMPAIGN
        assert self.job is not None
        self.waits_seen.append(self.job.waiting_s)  # what the progress page shows while this is asked
        if self.refused < self.busy_times:
            self.refused += 1
            raise busy(503, self.retry_after_s)
        self.refused = 0
        self.sent.append(rows)
        return statement_answer(len(rows))


def statement_job(api: StatementApi, rows: int) -> tuple[ImportJob, list[tuple[int, dict[str, Any]]]]:
    job = ImportJob(uuid.uuid4(), "u", CAMPAIGN, "Cứu trợ", total=rows)
    api.job = job
    return job, [(i + 2, {"bank_reference": f"FT{i}", "amount_vnd": "1000"}) for i in range(rows)]


async def test_a_statement_import_rides_through_a_busy_donations_service() -> None:
    api = StatementApi(busy_times=2)
    job, rows = statement_job(api, 5)
    await run_import(api, job, rows, batch=2)  # type: ignore[arg-type]  # a fake of the one method used
    assert job.failure == "" and job.finished
    assert [len(b) for b in api.sent] == [2, 2, 1]  # every batch sent until answered, in order
    assert (job.done, job.created, job.created_amount_vnd) == (5, 5, 5000)
    assert [x.line for x in job.lines] == [2, 3, 4, 5, 6] and {x.status for x in job.lines} == {"created"}
    assert api.waits_seen == [None, 0.0, 0.0] * 3  # the page said it was waiting, then the wait ended
    assert job.waiting_s is None


async def test_a_statement_import_stops_saying_why_when_the_service_stays_busy() -> None:
    api = StatementApi(busy_times=100)
    job, rows = statement_job(api, 3)
    await run_import(api, job, rows, batch=2)  # type: ignore[arg-type]
    assert job.finished and job.failure.startswith("bận") and job.done == 0 and api.sent == []


class MembersApi:
    def __init__(self, busy: list[ApiError]) -> None:
        self.busy = busy
        self.sent: list[dict[str, Any]] = []

    async def import_members(self, body: dict[str, Any]) -> dict[str, Any]:
        if self.busy:
            raise self.busy.pop(0)
        self.sent.append(body)
        return {
            "results": [
                {"row": n, "status": "created"} for n in range(body["first_row"], body["first_row"] + len(body["rows"]))
            ]
        }


def member_job(rows: int) -> member_import.ImportJob:
    return member_import.ImportJob(
        id=uuid.uuid4(),
        owner="u",
        source="t.csv",
        header=["unit_code"],
        rows=[(i + 2, {"unit_code": "A"}) for i in range(rows)],
    )


async def test_a_member_import_rides_through_a_rate_limit_and_a_busy_members_service() -> None:
    api = MembersApi([busy(429, 0.0), busy(503, 0.0)])
    job = member_job(3)
    await member_import.run(job, api)  # type: ignore[arg-type]
    assert job.failure == "" and len(api.sent) == 1
    assert job.counts == {"created": 3, "unchanged": 0, "rejected": 0} and job.waiting_s is None


async def test_a_member_import_rate_limited_to_the_end_stops_instead_of_rejecting_the_rows() -> None:
    api = MembersApi([busy(429, 0.0) for _ in range(8)])
    job = member_job(3)
    await member_import.run(job, api)  # type: ignore[arg-type]
    assert job.failure != "" and api.sent == []
    assert [r.reason for r in job.results] == ["Chưa nhập."] * 3  # not "the whole batch was refused"


def test_the_progress_pages_say_the_service_is_busy_while_they_wait() -> None:
    job = ImportJob(uuid.uuid4(), "u", CAMPAIGN, "Cứu trợ", total=4, done=2, waiting_s=0.4)
    page = web.templates.get_template("statement_progress.html")
    html = str(page.render(job=job, user=None, csrf="", STATUS_LABELS=pages_money.rules.STATUS_LABELS))
    assert 'data-waiting="yes"' in html and "gửi lại sau 1 giây" in html
    job.waiting_s = None
    html = str(page.render(job=job, user=None, csrf="", STATUS_LABELS=pages_money.rules.STATUS_LABELS))
    assert "data-waiting" not in html
    m = member_job(3)
    m.waiting_s = 12.2
    part = str(web.templates.get_template("_import_progress.html").render(job=m, user=None, csrf=""))
    assert 'data-waiting="yes"' in part and "gửi lại sau 13 giây" in part
