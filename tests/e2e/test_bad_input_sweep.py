"""Every endpoint of every service, driven from its own OpenAPI document, with bad input.

Each case starts from a valid request for its operation, built from the live OpenAPI schema (the
explicit ``VALID`` overrides below fill in what the schema alone cannot say, such as a field that a
cross-field rule needs; an optional object the valid body leaves out is filled in, ``FILLED``, and each
member of a tagged union has its own valid body, so that every nested field is reached), and changes
exactly one thing: one path or query parameter set to a value
its schema forbids, one body field (nested ones too) set to such a value or removed when required,
one unknown body field added, or a body that is not JSON. Each must answer exactly 422 with every
field-level error naming that one field (the error JSON's ``errors[].field``), so the 422 cannot
come from anything else. The valid request itself is sent first and must pass validation: it is sent
by an admin scoped to a unit that does not exist, so after validation the scope check refuses it and
nothing is written. The number of cases per service is pinned (``CASES``): a sweep that silently
shrinks fails. Nothing changes in any service's database.

A new endpoint needs nothing here unless its valid request needs an override; the case count of its
service changes, and ``CASES`` says by how much.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import httpx
import pytest

from rc_shared import clock
from tests.e2e.conftest import SERVICES, System, start_system
from tests.e2e.harness import auth

# The sweep's size per service: a change to the APIs changes it, a shrinking sweep fails. (members: GET
# /units' offset got the shared upper bound, one more case; every date's YYYY-MM-DD pattern, one more each.
# campaigns +16: PUT/GET /campaigns/{id}/disclosure; donations +87: the public ledger's lines, summary,
# CSV, XLSX and page (their filters) and PUT /donors/{id}/consent.
# Then: a code's length is in its pattern (spaces around it allowed, as the service strips them), so its
# "empty" and "too long" cases went (its pattern case stays), -8 members, -4 campaigns; the PATCH fields
# that cannot be null say so, +1 members, +8 campaigns; a reversal's reason has a pattern (not blank,
# 3 characters once stripped), +2 donations.)
# Then: the public ledger's HTML page left the OpenAPI (a page for people; its contract is the browser
# test), -12 donations.
# Then: donations +10: a distribution's support_kind, quantity and people_reached; reporting +44: the review, its
# export jobs and the annual plans; +3: the tabular reports' format; members +2: a course's kind.)
# Then: members +30: POST /people/{person_id}/training (a person's training record).
# Then: campaigns +1: GET /campaigns' q (a fragment of the code or name, too long).
# Then: reporting +8: GET /reports/campaigns/dashboard (unit_id, as_of, days).
# Then: donations +1: a bank-statement request's import_batch (its place in an import with several requests in
# flight; its fields' refusals are tests/integration/donations/test_bank_statement.py's).
# Then: the fields of optional objects and lists of objects the valid body leaves out (a gift's donor and
# items, a pledge's donor, a statement's import_batch, a campaign's targets, the disclosure's lists) and
# every member of a tagged union (in kind and blood besides cash): campaigns +76, donations +162.
# Then: members +9: POST /people/{person_id}/death (its path's person_id, its body's deceased_on).
# Then: donations +16: PATCH /donors/{donor_id} (a donor's details corrected: its path and its four fields).
# Then: donations +1: a donation reversal's blood_drawn (a blood gift's only).
# Then: donations +1: DELETE /donations/{donation_id}/payer (its path's donation_id).
# Then: members +1: POST /people/{person_id}/hours's Idempotency-Key header (too long).
# Then: campaigns +4: a beneficiary's consent to publish the name (consent.publish_name when registering, publish_name
# in a correction: null and not a boolean each).
# Then: campaigns +1: GET /beneficiaries's q (a search of the name, address or commune: too long).
# Then: donations +4: a distribution reversal's reversed_on (the day it takes effect: not a date, out of range).
# Then: campaigns +7: POST /beneficiaries/{beneficiary_id}/campaigns (an enrolment: its path and campaign_id).
CASES = {"members": 481, "campaigns": 402, "donations": 441, "reporting": 116}

TODAY = clock.today().isoformat()
# Explicit parts of valid requests, merged over the body built from the schema ("METHOD /path").
VALID: dict[str, dict[str, dict[str, Any]]] = {
    "members": {
        "PATCH /people/{person_id}": {"full_name": "Nguyễn Văn A"},
    },
    "campaigns": {
        "PATCH /campaigns/{campaign_id}": {"name": "Tết Nhân ái"},
        "PATCH /beneficiaries/{beneficiary_id}": {"notes": "x"},
    },
    "donations": {
        "POST /campaigns/{campaign_id}/donations": {"kind": "cash"},
        "POST /campaigns/{campaign_id}/donations [blood]": {"donor": {"type": "individual", "name": "Nguyễn Văn A"}},
        "POST /campaigns/{campaign_id}/distributions": {"kind": "cash", "amount_vnd": 1000},
        "PATCH /donors/{donor_id}": {"name": "Nguyễn Văn A"},
    },
    "reporting": {},
}
# Valid contents of optional objects (and lists of objects) the valid body leaves out, where the schema's
# example alone is not valid ("METHOD /path", with " [member]" in a tagged union → dotted path → value).
DONOR = {"type": "individual", "name": "Nguyễn Văn A"}  # a donor is named unless anonymous
FILLED: dict[str, dict[str, dict[str, Any]]] = {
    "donations": {
        "POST /campaigns/{campaign_id}/donations [cash]": {"donor": DONOR},
        "POST /campaigns/{campaign_id}/donations [in_kind]": {"donor": DONOR},
        "POST /campaigns/{campaign_id}/pledges": {"donor": DONOR},
    },
}
UNKNOWN = "surely_unknown_field"
NOT_JSON = "this is not json"
# candidates for a valid string that must match a pattern
TEXTS = ("x", "X1", "0912345678", "AB123456", "VCB-001", TODAY)


@pytest.fixture(scope="module")
def quiet_system(infra: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    """A system of its own: no events flow, so any row that appears was written by bad input."""
    s = start_system(infra, tmp_path_factory.mktemp("sweep-logs"))
    yield s
    s.stop()


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None  # a JSON value, or None for no body
    raw: str | None = None  # a raw body instead (not JSON)
    headers: dict[str, str] = field(default_factory=dict)

    async def send(self, client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
        headers = {**self.headers, **headers}
        if self.raw is not None:
            headers = {**headers, "content-type": "application/json"}
            return await client.request(self.method, self.path, content=self.raw, params=self.query, headers=headers)
        return await client.request(self.method, self.path, json=self.body, params=self.query, headers=headers)


@dataclass
class Case:
    operation: str  # "METHOD /path"
    what: str
    request: Request
    field: str | None  # the field every error must name; None: the body is not JSON
    mentions: str = ""  # and what the message must name (where the field is the whole body)


def _resolve(doc: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = doc["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _unwrap(doc: dict[str, Any], schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """(the schema without its ``null`` alternative, whether null is allowed)."""
    schema = _resolve(doc, schema)
    if "anyOf" in schema:
        members = [m for m in schema["anyOf"] if m.get("type") != "null"]
        if len(members) == 1:
            return _resolve(doc, members[0]), len(members) < len(schema["anyOf"])
    return schema, False


def _text(schema: dict[str, Any]) -> str:
    low, high = schema.get("minLength", 1), schema.get("maxLength", 10**6)
    pattern = schema.get("pattern")
    for t in TEXTS:
        t = str(t * low)[: max(low, len(t))]
        if low <= len(t) <= high and (pattern is None or re.search(pattern, t)):
            return t
    raise AssertionError(f"no example text for {schema}: add one to TEXTS")


def example(doc: dict[str, Any], schema: dict[str, Any]) -> Any:
    """A valid value for ``schema``: required properties only, the lowest allowed numbers."""
    s, _ = _unwrap(doc, schema)
    if "anyOf" in s or "oneOf" in s:
        return example(doc, (s.get("anyOf") or s["oneOf"])[0])
    if "const" in s:
        return s["const"]
    if "enum" in s:
        return s["enum"][0]
    t = s.get("type")
    if t == "object":
        return {k: example(doc, v) for k, v in s.get("properties", {}).items() if k in s.get("required", [])}
    if t == "array":
        return [example(doc, s.get("items", {})) for _ in range(max(1, s.get("minItems", 0)))]
    if t in ("integer", "number"):
        low = s["minimum"] if "minimum" in s else s["exclusiveMinimum"] + 1 if "exclusiveMinimum" in s else 1
        value = min(low, s.get("maximum", low))
        return int(value) if t == "integer" or float(value).is_integer() else value  # 0.5 hours stays 0.5
    if t == "boolean":
        return True
    if t == "string":
        fmt = s.get("format")
        if fmt == "uuid":
            return str(uuid.uuid4())
        if fmt == "date":
            return TODAY
        if fmt == "date-time":
            return f"{TODAY}T00:00:00Z"
        return _text(s)
    return {}


def bad_values(doc: dict[str, Any], schema: dict[str, Any], as_text: bool = False) -> list[tuple[str, Any]]:
    """Values ``schema`` forbids, each with what is wrong with it. ``as_text``: for a path or a query
    parameter, where every value is text (so only values that stay wrong as text)."""
    s, nullable = _unwrap(doc, schema)
    if "anyOf" in s or "oneOf" in s:  # a choice of several types: an object fits none of them
        return [] if as_text else [("an object for a choice of scalars", {"surely": "wrong"})]
    out: list[tuple[str, Any]] = []
    if not nullable and not as_text:
        out.append(("null", None))
    t = s.get("type")
    if "enum" in s or "const" in s:
        return [*out, ("not one of the allowed values", "surely-not-allowed")]
    if t == "string":
        if not as_text:
            out.append(("a number", 123))
        fmt = s.get("format")
        if fmt == "uuid":
            out.append(("not a uuid", "not-a-uuid"))
        elif fmt == "date":
            out += [("not a date", "2023-13-45"), ("a five-digit year", "99999-01-01")]
        elif fmt == "date-time":
            out.append(("not a time", "not a time"))
        if "maxLength" in s:
            out.append(("too long", "x" * (s["maxLength"] + 1)))
        if s.get("minLength", 0) >= 1 and not as_text:
            out.append(("empty", ""))
        if "pattern" in s and not re.search(s["pattern"], "!!"):
            out.append(("not matching the pattern", "!!"))
    elif t in ("integer", "number"):
        out.append(("text", "abc"))
        if t == "integer":
            out.append(("a fraction", 1.5))
        if "maximum" in s:
            out.append(("above the maximum", s["maximum"] + 1))
        if "exclusiveMaximum" in s:
            out.append(("at the exclusive maximum", s["exclusiveMaximum"]))
        if "minimum" in s:
            out.append(("below the minimum", s["minimum"] - 1))
        if "exclusiveMinimum" in s:
            out.append(("at the exclusive minimum", s["exclusiveMinimum"]))
    elif t == "boolean":
        out.append(("not a boolean", "maybe"))
    elif t == "array" and not as_text:
        out.append(("not a list", "x"))
        if s.get("minItems", 0) >= 1:
            out.append(("an empty list", []))
        if "maxItems" in s:
            out.append(("too many items", [example(doc, s.get("items", {}))] * (s["maxItems"] + 1)))
    elif t == "object" and not as_text:
        out.append(("not an object", "x"))
    if as_text:
        return [(what, str(v).lower() if isinstance(v, bool) else str(v)) for what, v in out]
    return out


def _merge(base: Any, extra: dict[str, Any]) -> Any:
    out = copy.deepcopy(base)
    for k, v in extra.items():
        out[k] = _merge(out.get(k, {}), v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


FILLED_IN = "a valid body with it filled in"  # (what of a body the sweep adds to reach an optional object's fields)


def _body_cases(
    doc: dict[str, Any], schema: dict[str, Any], body: Any, at: list[str | int], filled: dict[str, Any] | None = None
) -> Iterator[tuple[str, list[str | int], Any]]:
    """(what, path of the changed field, the changed body) for every field of ``schema`` in ``body``. An
    optional object (or list of objects) the body leaves out is filled in (``filled``'s value at its
    dotted path, else the schema's example), yielded as ``FILLED_IN`` (a valid body: the sweep sends it
    first), and its fields are changed in that body, so that no nested field escapes the sweep."""
    s, _ = _unwrap(doc, schema)
    if s.get("type") != "object":
        return
    value = _get(body, at)
    for name, prop in s.get("properties", {}).items():
        where = [*at, name]
        for what, bad in bad_values(doc, prop):
            yield what, where, _set(body, where, bad)
        if name in s.get("required", []):
            yield "missing", where, _set(body, where, None, remove=True)
        inner, _ = _unwrap(doc, prop)
        current = value.get(name) if isinstance(value, dict) else None
        items, _ = _unwrap(doc, inner.get("items", {})) if inner.get("type") == "array" else ({}, False)
        if current is None and (inner.get("type") == "object" or items.get("type") == "object"):
            given = (filled or {}).get(_dotted(where))
            fill = given if given is not None else example(doc, inner)
            if inner.get("type") == "object" and inner.get("properties"):
                with_it = _set(body, where, fill)
                yield FILLED_IN, where, with_it
                yield from _body_cases(doc, inner, with_it, where, filled)
            elif items.get("properties"):
                with_it = _set(body, where, fill)
                yield FILLED_IN, where, with_it
                yield from _body_cases(doc, items, with_it, [*where, 0], filled)
            continue
        if inner.get("type") == "object" and isinstance(current, dict):
            yield from _body_cases(doc, inner, body, where, filled)
        if inner.get("type") == "array" and isinstance(current, list) and current and isinstance(current[0], dict):
            yield from _body_cases(doc, inner.get("items", {}), body, [*where, 0], filled)
    if s.get("additionalProperties") is False:
        yield "an unknown field", [*at, UNKNOWN], _set(body, [*at, UNKNOWN], 1)


def _get(body: Any, path: list[str | int]) -> Any:
    for p in path:
        body = body[p]
    return body


def _set(body: Any, path: list[str | int], value: Any, remove: bool = False) -> Any:
    out = copy.deepcopy(body)
    parent = _get(out, path[:-1])
    if remove:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return out


@dataclass
class Operation:
    name: str  # "METHOD /path"
    valid: Request
    cases: list[Case]
    also_valid: list[Request] = field(default_factory=list)  # the valid bodies the cases start from besides


def operations(doc: dict[str, Any], service: str) -> list[Operation]:
    """Every operation of the service's OpenAPI document, with its valid request and bad cases."""
    out: list[Operation] = []
    overrides = VALID.get(service, {})
    for path, ops in doc["paths"].items():
        if path.startswith("/health") or path == "/metrics":
            continue
        for method, op in ops.items():
            name = f"{method.upper()} {path}"
            params = op.get("parameters", [])
            values = {p["name"]: example(doc, p.get("schema", {})) for p in params if p["in"] == "path"}
            query = {p["name"]: str(example(doc, p["schema"])) for p in params if p["in"] == "query" and p["required"]}
            body_schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            body = None if body_schema is None else _merge(example(doc, body_schema), overrides.get(name, {}))

            valid = Request(method.upper(), _fill(path, values), query, body)
            cases: list[Case] = []
            for p in params:
                for what, bad in bad_values(doc, p.get("schema", {}), as_text=True):
                    if p["in"] == "path":
                        r = Request(valid.method, _fill(path, {**values, p["name"]: bad}), query, body)
                    elif p["in"] == "query":
                        r = Request(valid.method, valid.path, {**query, p["name"]: bad}, body)
                    else:
                        r = Request(valid.method, valid.path, query, body, headers={p["name"]: bad})
                    cases.append(Case(name, f"{p['in']} {p['name']}: {what}", r, f"{p['in']}.{p['name']}"))
            also: list[Request] = []
            if body_schema is not None:
                cases.append(Case(name, "not JSON", Request(valid.method, valid.path, query, raw=NOT_JSON), None))
                schema = _resolve(doc, body_schema)
                members: list[tuple[str, dict[str, Any], Any]] = [("", schema, body)]
                key = ""
                if "oneOf" in schema:  # a tagged union: every member, pydantic names the chosen one first
                    assert isinstance(body, dict), name
                    key = schema["discriminator"]["propertyName"]
                    mapping = schema["discriminator"]["mapping"]
                    members = []
                    for member, ref in mapping.items():
                        member_schema = _resolve(doc, {"$ref": ref})
                        base = body if member == body[key] else example(doc, member_schema)
                        base = _merge(base, overrides.get(f"{name} [{member}]", {}))
                        if member != body[key]:  # (the first member's is the valid request)
                            also.append(Request(valid.method, valid.path, query, base))
                        members.append((member, member_schema, base))
                for member, member_schema, base in members:
                    tag: list[str | int] = [member] if member else []
                    filled = FILLED.get(service, {}).get(f"{name} [{member}]" if member else name, {})
                    for what, where, changed in _body_cases(doc, member_schema, base, [], filled):
                        r = Request(valid.method, valid.path, query, changed)
                        if what == FILLED_IN:
                            also.append(r)
                            continue
                        what = f"body {'/'.join(map(str, tag))} {_dotted(where)}: {what}".replace("body  ", "body ")
                        if where == [key]:  # the tag itself: the error is the body's, and names the tag
                            if member == (body[key] if key else ""):  # (once: it is the same case in every member)
                                cases.append(Case(name, what, r, "", mentions=f"'{key}'"))
                        else:
                            cases.append(Case(name, what, r, _dotted([*tag, *where])))
            out.append(Operation(name, valid, cases, also))
    return out


def _fill(template: str, values: dict[str, Any]) -> str:
    for k, v in values.items():
        template = template.replace("{" + k + "}", str(v))
    return template


def _dotted(path: list[str | int]) -> str:
    return ".".join(str(p) for p in path)


def check(case: Case, r: httpx.Response) -> str | None:
    """What is wrong with the answer to a bad-input case (None: a 422 naming the field)."""
    said = f"{case.operation} [{case.what}] -> {r.status_code} {r.text[:300]}"
    if r.status_code != 422:
        return said
    payload = r.json()
    errors = payload.get("errors") or []
    if not payload.get("message") or not errors:
        return f"{said}: no message or no field-level errors"
    if case.field is None:
        return None if all(e["type"] == "json_invalid" for e in errors) else f"{said}: not a JSON error"
    if any(e["field"] != case.field and not e["field"].startswith(case.field + ".") for e in errors):
        return f"{said}: an error names another field than {case.field!r}"
    if case.mentions and not all(case.mentions in e["message"] for e in errors):
        return f"{said}: the error does not name {case.mentions}"
    return None


async def _row_counts(dsn: str) -> dict[str, int]:
    conn = await asyncpg.connect(dsn)
    try:
        tables = [
            r["tablename"] for r in await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
        return {t: int(await conn.fetchval(f'SELECT count(*) FROM "{t}"')) for t in tables}
    finally:
        await conn.close()


@pytest.mark.parametrize("service", SERVICES)
async def test_every_endpoint_answers_bad_input_with_a_422_naming_the_field_and_changes_nothing(
    quiet_system: System, service: str
) -> None:
    proc = quiet_system.services[service]
    dsn = proc.env["RC_DATABASE_URL"]
    nowhere = auth("admin", uuid.uuid4())  # passes validation, then is out of scope everywhere
    async with httpx.AsyncClient(base_url=proc.url, timeout=30, headers=auth()) as client:
        doc = (await client.get("/openapi.json")).json()
        ops = operations(doc, service)
        before = await _row_counts(dsn)
        failures = []
        for op in ops:
            for n, valid in enumerate([op.valid, *op.also_valid]):
                r = await valid.send(client, nowhere)
                if r.status_code == 422 or r.status_code >= 500:
                    failures.append(f"{op.name} [valid request {n}: {valid.body}] -> {r.status_code} {r.text[:300]}")
            for case in op.cases:
                problem = check(case, await case.request.send(client, {}))
                if problem:
                    failures.append(problem)
        after = await _row_counts(dsn)
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:40])
    assert sum(len(op.cases) for op in ops) == CASES[service], {op.name: len(op.cases) for op in ops}
    changed = {t: (before[t], after.get(t)) for t in before if before[t] != after.get(t)}
    assert not changed, f"bad input changed {changed}"


def _answer(status: int, *errors: dict[str, str]) -> httpx.Response:
    return httpx.Response(status, json={"error": "validation_error", "message": "invalid", "errors": list(errors)})


def test_the_oracle_wants_a_422_naming_the_changed_field_and_nothing_else() -> None:
    case = Case("POST /things", "body name: a number", Request("POST", "/things", body={"name": 123}), "name")
    assert check(case, _answer(422, {"field": "name", "message": "not a string", "type": "string_type"})) is None
    # the old sweep's blind spot: a 422 for another (missing) field passed for any bad value
    missing = {"field": "consent", "message": "Field required", "type": "missing"}
    assert check(case, _answer(422, missing)) is not None
    assert check(case, _answer(422, {"field": "name", "message": "m", "type": "string_type"}, missing)) is not None
    assert check(case, _answer(422)) is not None
    for status in (400, 404, 409, 500, 201):
        assert check(case, _answer(status, {"field": "name", "message": "m", "type": "t"})) is not None


def test_each_case_changes_exactly_one_field_of_the_valid_body() -> None:
    thing = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "when"],
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 5},
            "when": {"type": "string", "format": "date"},
            "n": {"anyOf": [{"type": "integer", "maximum": 3}, {"type": "null"}]},
        },
    }
    doc = {
        "paths": {"/things": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/T"}}}}}}},
        "components": {"schemas": {"T": thing}},
    }
    [op] = operations(doc, "test")
    assert op.valid.body == {"name": "x", "when": TODAY}
    body_cases = [c for c in op.cases if c.field is not None]
    assert [c.what for c in op.cases if c.field is None] == ["not JSON"]
    assert len(body_cases) == 5 + 5 + 3 + 1  # name, when (wrong values and missing), n (wrong values), unknown
    for c in body_cases:
        changed = {k for k in {*op.valid.body, *c.request.body} if op.valid.body.get(k) != c.request.body.get(k)}
        changed |= {k for k in op.valid.body if k not in c.request.body}
        assert changed == {c.field}, c.what


def test_an_optional_object_and_every_member_of_a_union_are_swept_too() -> None:
    """The fields of an object the valid body leaves out (a gift's donor) are changed in a valid body that
    has it, and every member of a tagged union (cash, in kind...) gets its own valid body and cases."""
    inner = {"type": "object", "additionalProperties": False, "required": ["a"],
             "properties": {"a": {"type": "string", "minLength": 1, "maxLength": 5}}}  # fmt: skip
    one = {"type": "object", "additionalProperties": False, "required": ["kind"],
           "properties": {"kind": {"const": "one"}, "who": {"anyOf": [{"$ref": "#/I"}, {"type": "null"}]}}}  # fmt: skip
    two = {"type": "object", "additionalProperties": False, "required": ["kind", "n"],
           "properties": {"kind": {"const": "two"}, "n": {"type": "integer", "minimum": 1}}}  # fmt: skip
    union = {"oneOf": [{"$ref": "#/One"}, {"$ref": "#/Two"}],
             "discriminator": {"propertyName": "kind", "mapping": {"one": "#/One", "two": "#/Two"}}}  # fmt: skip
    doc = {
        "paths": {"/gifts": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/U"}}}}}}},
        "components": {"schemas": {"I": inner, "One": one, "Two": two, "U": union}},
    }
    [op] = operations(doc, "test")
    assert op.valid.body == {"kind": "one"}
    assert [r.body for r in op.also_valid] == [{"kind": "two", "n": 1}, {"kind": "one", "who": {"a": "x"}}]
    fields = {c.field for c in op.cases}
    assert {"one.who.a", "one.who.surely_unknown_field", "two.n", "two.surely_unknown_field"} <= fields
    [missing] = [c for c in op.cases if c.field == "one.who.a" and c.what.endswith("missing")]
    assert missing.request.body == {"kind": "one", "who": {}}  # from the valid body with it, one change
    assert sum(c.field == "" for c in op.cases) == 3  # the tag's null, unknown, missing: once, not per member
