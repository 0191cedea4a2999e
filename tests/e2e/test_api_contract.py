"""The HTTP API contract, tried by schemathesis against the four live services.

Each service runs as its own process on the real broker and PostgreSQL (a system of its own, so the
data schemathesis makes up never reaches the other end-to-end tests). Schemathesis reads each
service's served ``/openapi.json`` and tries every operation with every check it has: generated
positive and negative data, the coverage cases (every boundary, every missing required part, every
method the path does not declare), the examples, and the stateful sequences where the document has
links. A run passes only with no server error, no undocumented status, no invalid request accepted
(negative data answered 4xx), no answer outside its schema, 405 (with ``Allow``) for an undeclared
method, and every schema-valid request accepted (2xx; 401/403/404/409 where the data says so).

A schema-valid request may still be refused (422) by a rule the schema cannot state. Each such rule
is in ``RULES`` below by name, with the operations it applies to and the sentence the service answers
with; nothing else is excused, and the excuse only lifts the "schema-valid request accepted" check of
that one answer (every other check still runs on it).

Generation is deterministic (a fixed seed, Hypothesis derandomised) and bounded (``MAX_EXAMPLES`` per
operation in the fuzzing phase); strings carry no NUL and no unpaired surrogate (UTF-8 text), which
no service can store and every one refuses with a 422 naming the field (``rc_shared.http``), a rule
tested on its own by the bad-input sweep.
"""

from __future__ import annotations

import multiprocessing
import re
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import schemathesis
import schemathesis.engine
from schemathesis import Case, Response
from schemathesis.engine import events
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.e2e.conftest import SERVICES, System, start_system
from tests.e2e.harness import auth, token

SEED = 20251129
MAX_EXAMPLES = 5  # per operation and mode in the fuzzing phase (the coverage phase is exhaustive by design)


@dataclass(frozen=True)
class Rule:
    """A rule that refuses a schema-valid request with a 422: ``name`` matches the sentence the
    service answers with (the problem's ``detail``, or a field error's ``message``), ``operations``
    are where it applies, ``why`` says why the schema cannot state it."""

    name: str
    operations: frozenset[str]
    why: str


def _ops(*names: str) -> frozenset[str]:
    return frozenset(names)


CROSS_FIELD = "a rule between fields of one request"
TODAY = "a bound that moves with today (the organisation's clock): no static schema can state it"
EXISTS = "a reference to a record that must exist (state, not the request's shape)"
LEDGER_LINES = (
    "GET /campaigns/{campaign_id}/public-ledger/lines",
    "GET /campaigns/{campaign_id}/public-ledger/lines.csv",
    "GET /campaigns/{campaign_id}/public-ledger/lines.xlsx",
)
RULES: tuple[Rule, ...] = (
    # campaigns
    Rule(
        r"q must (contain at least one letter or digit of|not contain control characters)",
        _ops("GET /campaigns", "GET /beneficiaries"),
        "a Unicode class (letters and digits, control characters), which the regular expressions JSON Schema tools "
        "generate from do not know",
    ),
    Rule(
        "receiving_until is before receiving_from",
        _ops("POST /campaigns", "PATCH /campaigns/{campaign_id}"),
        CROSS_FIELD,
    ),
    Rule(
        r"the receiving period is \d+ days .*Decree 93/2021 allows at most \d+ days",
        _ops("POST /campaigns", "PATCH /campaigns/{campaign_id}"),
        CROSS_FIELD,
    ),
    Rule("end_on is before start_on", _ops("POST /beneficiaries/{beneficiary_id}/sponsorships"), CROSS_FIELD),
    Rule("verified_on is in the future", _ops("POST /beneficiaries/{beneficiary_id}/verify"), TODAY),
    Rule(
        r"verified_on \(\S+\) is before consent was given",
        _ops("POST /beneficiaries/{beneficiary_id}/verify"),
        "a rule between the request and the beneficiary's recorded consent date (state, not the request's shape)",
    ),
    Rule(
        r"(organising_unit_id|unit_id|participating_unit_ids\S*): unit \S+ is not in the organisation tree",
        _ops(
            "POST /campaigns",
            "PATCH /campaigns/{campaign_id}",
            "POST /beneficiaries",
            "POST /campaigns/{campaign_id}/blood-sessions",
        ),
        EXISTS,
    ),
    Rule(
        r"(parent )?campaign \S+ does not exist",
        _ops("POST /beneficiaries", "POST /campaigns", "PATCH /campaigns/{campaign_id}"),
        EXISTS,
    ),
    Rule("a person's household_size must be 1 or absent", _ops("POST /beneficiaries"), f"{CROSS_FIELD} (kind)"),
    Rule("consent.given_on is in the future", _ops("POST /beneficiaries"), TODAY),
    # donations
    Rule(
        r"a (cash|goods) distribution needs (amount_vnd|value_vnd)",
        _ops("POST /campaigns/{campaign_id}/distributions"),
        CROSS_FIELD,
    ),
    Rule(
        r"an anonymous donor (carries no identity|cannot consent to be named)|name is required for an",
        _ops("POST /campaigns/{campaign_id}/donations", "POST /campaigns/{campaign_id}/pledges"),
        CROSS_FIELD,
    ),
    Rule(
        "a blood donor must be an identified individual", _ops("POST /campaigns/{campaign_id}/donations"), CROSS_FIELD
    ),
    # members
    Rule("give parent_id or parent_code, not both", _ops("POST /units/batch"), CROSS_FIELD),
    Rule("after_key goes with after", _ops("GET /people"), CROSS_FIELD),
    Rule("give after or beneficiary_id, not both", _ops("GET /campaigns/{campaign_id}/distributions"), CROSS_FIELD),
    Rule(
        "give after or offset, not both",
        _ops("GET /campaigns/{campaign_id}/donations", "GET /campaigns/{campaign_id}/distributions"),
        CROSS_FIELD,
    ),
    Rule(
        r"(birth_date|given_on|withdrawn_on|worked_on|joined_on|effective_on|start_on|end_on|left_on|completed_on)"
        " cannot be in the future",
        _ops(
            "POST /people",
            "PATCH /people/{person_id}",
            "POST /people/{person_id}/consents",
            "POST /people/{person_id}/consents/{consent_id}/withdraw",
            "POST /people/{person_id}/hours",
            "POST /people/{person_id}/training",
            "POST /people/{person_id}/membership",
            "PATCH /people/{person_id}/membership",
            "POST /people/{person_id}/transfers",
            "POST /people/{person_id}/roles",
            "POST /people/{person_id}/roles/{role_id}/end",
            "POST /groups/{group_id}/members",
            "POST /groups/{group_id}/members/{person_id}/remove",
        ),
        TODAY,
    ),
    Rule(r"fee_year \d+ is before the year joined", _ops("POST /people/{person_id}/membership"), CROSS_FIELD),
    Rule(
        r"joined_on \S+ is before the birth date",
        _ops("POST /people/{person_id}/membership"),
        "a rule between the request and the person's recorded birth date (state, not the request's shape)",
    ),
    Rule("after must be the id of the last person of the previous page", _ops("GET /people"), EXISTS),
    Rule(
        r"unknown (level|role) '.*'; (levels|roles) are",
        _ops(
            "GET /units",
            "POST /units",
            "POST /units/batch",
            "POST /units/{unit_id}/move",
            "GET /people",
            "POST /people/{person_id}/roles",
        ),
        "configured per deployment (RC_UNIT_LEVELS, RC_ROLES): the committed documents and the clients"
        " generated from them cannot list them",
    ),
    Rule(
        "q must contain at least one letter of the name",
        _ops("GET /people"),
        "a Unicode letter class (\\p{L}), which the regular expressions JSON Schema tools generate from do not know",
    ),
    # donations
    Rule(
        "q must contain at least one letter of the donor's name",
        _ops(*LEDGER_LINES),
        "a Unicode letter class (\\p{L}), which the regular expressions JSON Schema tools generate from do not know",
    ),
    Rule("amount_min must not be more than amount_max", _ops(*LEDGER_LINES), CROSS_FIELD),
    Rule(r"birth_date \S+ is in the future", _ops("PATCH /donors/{donor_id}"), TODAY),
    Rule(r"reversed_on \S+ is in the future", _ops("POST /distributions/{distribution_id}/reversal"), TODAY),
    Rule(
        r"reversed_on \S+ is outside the allowed range", _ops("POST /distributions/{distribution_id}/reversal"), TODAY
    ),
    Rule(
        r"reversed_on \S+ is before the distribution it corrects",
        _ops("POST /distributions/{distribution_id}/reversal"),
        "a rule between the request and the distribution's recorded day (state, not the request's shape)",
    ),
    Rule(r"birth_date \S+ makes the donor", _ops("PATCH /donors/{donor_id}"), EXISTS + ": the donor's blood gifts"),
    Rule("from must not be after to", _ops(*LEDGER_LINES), CROSS_FIELD),
    Rule(
        "reference must be the end of a receipt number or bank reference",
        _ops(*LEDGER_LINES),
        "blank once Unicode whitespace is stripped (str.strip()), or holding a control character inside: a"
        " pattern stating both would differ between the regular expression dialects the tools use",
    ),
    Rule(
        "quantity counts a support kind: give support_kind as well",
        _ops("POST /campaigns/{campaign_id}/distributions"),
        CROSS_FIELD,
    ),
    # reporting
    Rule(
        "give exactly one of unit_id and unit_code",
        _ops("GET /reports/review", "POST /exports/reviews"),
        CROSS_FIELD,
    ),
    Rule(
        r"a review covers at most \d+ days",
        _ops("GET /reports/review", "POST /exports/reviews"),
        "period_from and period_to together bound the answer's size: " + CROSS_FIELD,
    ),
    Rule(r"period_from \S+ has not come yet", _ops("GET /reports/review", "POST /exports/reviews"), TODAY),
    Rule(
        r"give unit_id or unit_code: the tree has \d+ top units",
        _ops("GET /reports/review", "POST /exports/reviews"),
        "the default unit is the tree's top unit when there is one (state, not the request's shape)",
    ),
    Rule(r"unit \S+ does not exist in \d+", _ops("PUT /plans/{unit_id}/{year}"), EXISTS),
    Rule(
        "unknown indicator",
        _ops("PUT /plans/{unit_id}/{year}"),
        "the indicators follow the support kinds configured per deployment (RC_SUPPORT_KINDS): the committed"
        " documents and the clients generated from them cannot list them",
    ),
    Rule(
        "not an XLSX workbook",
        _ops("POST /plans/import"),
        "the uploaded file's content (a workbook), which a schema of bytes cannot state",
    ),
    Rule(
        r"period_from \S+ is after (period_to|as_of \S+; give period_to as well)",
        _ops(
            "GET /reports/membership",
            "GET /reports/membership/units/{unit_id}",
            "GET /reports/campaigns/by-unit",
            "GET /reports/campaigns/by-period",
            "GET /reports/review",
            "POST /exports/reviews",
        ),
        CROSS_FIELD,
    ),
    Rule(
        r"day buckets requested more than \d+ day buckets",
        _ops("GET /reports/campaigns/by-period"),
        "period_from, period_to and granularity together bound the answer's size: " + CROSS_FIELD,
    ),
)
EXCUSED: Counter[str] = Counter()  # per process: how often each rule excused an answer


def excuse(operation: str, status: int, problem: Any) -> list[Rule]:
    """The rules of ``RULES`` behind a 422 to a schema-valid request of ``operation`` ("METHOD
    /path"): one for each thing the answer says is wrong (each field error, else its detail). Empty
    (not excused) when any of them is not a rule of the operation's."""
    if status != 422 or not isinstance(problem, dict):
        return []
    said = [e.get("message", "") for e in problem.get("errors") or []] or [problem.get("detail", "")]
    rules = [next((r for r in RULES if operation in r.operations and re.search(r.name, str(s))), None) for s in said]
    return [r for r in rules if r is not None] if None not in rules else []


@schemathesis.check
def schema_valid_request_accepted(ctx: schemathesis.CheckContext, response: Response, case: Case[Any]) -> bool | None:
    """Schemathesis's own ``positive_data_acceptance`` (a schema-valid request gets 2xx, or 401/403/
    404/409), but for an answer naming a rule of ``RULES``."""
    try:
        problem = response.json()
    except ValueError:
        problem = None
    rules = excuse(f"{case.method.upper()} {case.operation.path}", response.status_code, problem)
    if rules:
        EXCUSED.update(r.name for r in rules)
        return True
    return positive_data_acceptance(ctx, response, case)


def config(bearer: str) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "cache": {"enabled": False},  # nothing an earlier run learnt changes this one (and nothing is written)
            "headers": {"Authorization": f"Bearer {bearer}"},
            # Every check schemathesis has; its positive_data_acceptance runs inside
            # schema_valid_request_accepted, with the RULES above excused.
            "checks": {"enabled": True, "positive_data_acceptance": {"enabled": False}},
            "generation": {
                "mode": "all",
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",  # no example remembered from an earlier run
                "allow-x00": False,
                "codec": "utf-8",
            },
            # Values are generated from the schemas, not replayed from earlier answers: a replayed null
            # (a campaign's absent parent) would be sent as the id "null". Real ids reach the operations
            # through the stateful phase's links.
            "phases": {
                "examples": {"enabled": True, "extra-data-sources": {"responses": False}},
                "coverage": {"enabled": True, "extra-data-sources": {"responses": False}},
                "fuzzing": {"enabled": True, "extra-data-sources": {"responses": False}},
                # Only the links the documents declare (rc_shared.api.document_links): the links inferred
                # from response fields follow nullable ones too, and send ``None`` as an id.
                "stateful": {"enabled": True, "inference": {"algorithms": []}},
            },
            # One thread per run (CPython 3.11's parser, which Hypothesis calls, is not thread-safe); the
            # services' runs go in parallel processes instead (``reports``).
            "workers": 1,
        }
    )


@dataclass
class Report:
    """What one schemathesis run found: every failure (with the answer), the operations and the
    checks it ran, the rules of ``RULES`` it excused, its seconds per phase."""

    failures: list[str]
    operations: set[str]
    checks: set[str]
    excused: Counter[str]
    phases: dict[str, float]


def run(url: str, bearer: str) -> Report:
    """Run schemathesis on the OpenAPI document at ``url``."""
    api = schemathesis.openapi.from_url(url, config=config(bearer))
    EXCUSED.clear()
    report = Report([], set(), set(), Counter(), {})
    started: dict[str, float] = {}
    for event in schemathesis.engine.from_schema(api).execute():
        if isinstance(event, events.NonFatalError):
            report.failures.append(f"error in {event.label}: {event.value!r}")
        elif isinstance(event, events.FatalError):
            report.failures.append(f"fatal error: {event.exception!r}")
        elif isinstance(event, events.ScenarioFinished | events.FuzzScenarioFinished):
            recorder = event.recorder
            report.operations.add(recorder.label)
            for case_id, nodes in recorder.checks.items():
                for node in nodes:
                    report.checks.add(node.name)
                    if node.failure_info is not None:
                        report.failures.append(_described(node.failure_info, recorder.interactions.get(case_id)))
        elif isinstance(event, events.PhaseStarted):
            started[str(event.phase.name)] = event.timestamp
        elif isinstance(event, events.PhaseFinished):
            name = str(event.phase.name)
            report.phases[name] = round(event.timestamp - started.get(name, event.timestamp), 1)
        elif isinstance(event, events.EngineFinished):
            report.failures += [f"{f.operation}: {f.title}\n{f.message}" for f in event.failures]
    report.failures = sorted(set(report.failures))
    report.excused = Counter(EXCUSED)
    return report


def _described(info: Any, interaction: Any) -> str:
    answer = interaction.response if interaction is not None else None
    said = "" if answer is None else f"{answer.status_code} {answer.content[:400]!r}"
    return f"{info.failure.operation}: {info.failure.title}\n{info.failure.message}\n{info.code_sample}\n-> {said}"


@pytest.fixture(scope="module")
def contract_system(infra: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    s = start_system(infra, tmp_path_factory.mktemp("contract-logs"))
    yield s
    s.stop()


@pytest.fixture(scope="module")
def reports(contract_system: System) -> Iterator[dict[str, Future[Report]]]:
    """The four services' runs, two at a time in processes of their own (the machine has two cores,
    and a run is mostly schemathesis's own work)."""
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        runs = {s: pool.submit(run, f"{contract_system.url(s)}/openapi.json", token()) for s in SERVICES}
        yield runs
    excused: Counter[str] = sum((r.result().excused for r in runs.values()), Counter())
    print("\nschema-valid requests refused by a rule of RULES:", dict(excused) or "none")
    print("seconds per phase:", {s: r.result().phases for s, r in runs.items()})


@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_keeps_the_contract(
    contract_system: System, reports: dict[str, Future[Report]], service: str
) -> None:
    doc = httpx.get(f"{contract_system.url(service)}/openapi.json").json()
    operations = {f"{m.upper()} {p}" for p, ops in doc["paths"].items() for m in ops}
    report = reports[service].result()
    assert report.failures == [], "\n\n".join(report.failures)
    assert operations <= report.operations, sorted(operations - report.operations)
    assert {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
        "schema_valid_request_accepted",
        "unsupported_method",
    } <= report.checks, report.checks


def test_only_a_listed_rule_of_the_operation_excuses_a_422() -> None:
    """The allow-list's own oracle: the named rule of a listed operation, and nothing else."""
    rule = "receiving_until is before receiving_from"
    said = {"detail": "the request is invalid: see errors", "errors": [{"message": f"Value error, {rule}"}]}
    assert [r.name for r in excuse("POST /campaigns", 422, said)] == [rule]
    assert excuse("POST /campaigns/{campaign_id}/launch", 422, said) == []  # not listed there
    assert excuse("POST /campaigns", 409, said) == []
    other = {**said, "errors": [*said["errors"], {"message": "Input should be a valid integer"}]}
    assert excuse("POST /campaigns", 422, other) == []  # an error no rule names
    assert excuse("POST /campaigns", 422, {"detail": "something else"}) == []
    unknown = {"detail": "organising_unit_id: unit 1f0c is not in the organisation tree (...)"}
    assert len(excuse("POST /campaigns", 422, unknown)) == 1
    assert all(r.name and r.operations and r.why for r in RULES)


async def test_as_of_zero_is_a_422_naming_the_parameter(contract_system: System) -> None:
    """``as_of=0`` is not 1970-01-01 (pydantic alone reads an integer as a Unix timestamp): a typo
    must not silently give the report of another date."""
    cases = [
        ("campaigns", "/campaigns/overdue"),
        ("members", "/units"),
        ("reporting", "/reports/campaigns"),
        ("reporting", "/reports/membership"),
    ]
    for service, path in cases:
        async with httpx.AsyncClient(base_url=contract_system.url(service), headers=auth()) as client:
            r = await client.get(path, params={"as_of": "0"})
        assert r.status_code == 422, (service, path, r.status_code, r.text)
        problem = r.json()
        assert problem["type"] == "/problems/validation_error" and problem["status"] == 422
        assert [e["field"] for e in problem["errors"]] == ["query.as_of"], problem
        assert "YYYY-MM-DD" in problem["errors"][0]["message"], problem
