"""Table-driven authorization checks, shared by every service's authorization test.

Each service declares a table of :class:`Row` s, one per endpoint (method + path template as in its
OpenAPI document), that states the expected answer itself, independently of the production code:

- ``roles``: which roles may call it, as four columns ``"V D M A"`` (viewer, data_entry,
  unit_manager, admin) where ``-`` marks a role that is refused (403, whatever its scope); or
  ``PUBLIC`` (no token needed: every caller, even with a bad token, gets ``ok``);
- ``ok``: the documented success status (the one 2xx of the route in the OpenAPI document) that an
  allowed caller gets for a resource in its subtree (and the organisation-wide admin everywhere);
- ``out``: what an allowed caller scoped to another district gets for the same, existing resource
  (403, or 404 where the service hides the resource's existence).

No token, or an invalid one: 401. :func:`run_table` sends every row's request as each of these
callers, with a valid request and an existing target made by the row's builder, and compares the
status exactly, so a 404, 409, 422 or 500 for an allowed caller is a failure.

:func:`assert_table_covers` fails when an endpoint of the service is missing from the table, when a
row names an endpoint that no longer exists, and when a row's ``ok`` is not the route's documented
success status.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.e2e.harness import auth

Body = dict[str, Any] | bytes | None  # a JSON body, or raw bytes (an uploaded file)
# builds (path, json body, query) for a resource in the given unit; may create fixtures first
Builder = Callable[["Scene", uuid.UUID], Awaitable[tuple[str, Body, dict[str, str]]]]

PUBLIC = "public"
# The test's own names of the roles, in the order of the ``roles`` column (not the production list).
COLUMNS = (("V", "viewer"), ("D", "data_entry"), ("M", "unit_manager"), ("A", "admin"))


@dataclass
class Scene:
    """The organisation tree of the test and clients to the services."""

    province: uuid.UUID
    home: uuid.UUID  # the district whose users are "in scope"
    home_leaf: uuid.UUID  # a commune under home: resources live here
    other: uuid.UUID  # another district: its users are "out of scope"
    other_leaf: uuid.UUID
    urls: dict[str, str]
    cache: dict[str, Any] = field(default_factory=dict)

    def client(self, service: str, headers: dict[str, str] | None = None) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.urls[service], timeout=30, headers=auth() if headers is None else headers
        )


@dataclass(frozen=True)
class Row:
    method: str
    path: str  # the OpenAPI path template, e.g. /people/{person_id}
    roles: str  # "V D M A" with "-" for a refused role, or PUBLIC
    ok: int  # the documented success status
    out: int  # an allowed caller of another district, for this existing resource
    build: Builder
    # only the organisation-wide admin may call it: an allowed role scoped to a unit gets 403 even at home
    org_only: bool = False

    def __post_init__(self) -> None:
        if self.roles == PUBLIC:
            assert self.out == self.ok, f"{self.method} {self.path}: a public endpoint answers everyone alike"
            return
        cells = self.roles.split(" ")
        assert len(cells) == len(COLUMNS) and all(
            c in (letter, "-") for c, (letter, _) in zip(cells, COLUMNS, strict=False)
        ), f"{self.method} {self.path}: roles must read like 'V D M A' with '-' for a refused role"
        assert 200 <= self.ok < 300 and self.out in (200, 201, 202, 204, 403, 404)

    @property
    def allowed(self) -> frozenset[str]:
        if self.roles == PUBLIC:
            return frozenset(name for _, name in COLUMNS)
        return frozenset(name for cell, (_, name) in zip(self.roles.split(" "), COLUMNS, strict=True) if cell != "-")


@dataclass(frozen=True)
class Caller:
    role: str | None  # None: no valid token
    scope: str  # "-" (no token), "bad-token", "org" (organisation-wide), "home" or "other"
    headers: dict[str, str]

    @property
    def name(self) -> str:
        return f"{self.role or 'anonymous'}@{self.scope}"


def callers(scene: Scene) -> list[Caller]:
    """No token, a bad token, the organisation-wide admin, and each role scoped to HOME and OTHER."""
    out = [
        Caller(None, "-", {}),
        Caller(None, "bad-token", {"Authorization": "Bearer not.a.token"}),
        Caller("admin", "org", auth("admin", None)),
    ]
    for _, role in COLUMNS:
        out.append(Caller(role, "home", auth(role, scene.home)))
        out.append(Caller(role, "other", auth(role, scene.other)))
    return out


def expected(row: Row, caller: Caller) -> int:
    """The one status ``caller`` must get for ``row``'s request (from the row alone)."""
    if row.roles == PUBLIC:
        return row.ok
    if caller.role is None:
        return 401
    if caller.role not in row.allowed or (row.org_only and caller.scope != "org"):
        return 403
    return row.out if caller.scope == "other" else row.ok


async def run_table(
    scene: Scene,
    service: str,
    rows: Iterable[Row],
    client: httpx.AsyncClient | None = None,
    who: Callable[[Caller], bool] = lambda _: True,
) -> list[str]:
    """Every row × every caller (those ``who`` selects); the failures, one line each.

    ``client`` replaces the running service (an in-process app, for the sabotage tests); the
    builders still prepare their resources through the running services."""
    failures: list[str] = []
    own = client is None
    c = scene.client(service, {}) if client is None else client
    try:
        for row in rows:
            for caller in filter(who, callers(scene)):
                path, body, query = await row.build(scene, scene.home_leaf)
                sent = {"content": body} if isinstance(body, bytes) else {"json": body}
                r = await c.request(row.method, path, params=query, headers=caller.headers, **sent)
                must = expected(row, caller)
                if r.status_code != must:
                    failures.append(
                        f"{row.method} {row.path} as {caller.name}: expected {must}, got {r.status_code} {r.text[:150]}"
                    )
    finally:
        if own:
            await c.aclose()
    return failures


REPLAY = "A resubmission (same Idempotency-Key)"  # rc_shared.api.replayed: not the call's success status


def exposed_endpoints(openapi: dict[str, Any]) -> dict[tuple[str, str], list[int]]:
    """(METHOD, path) -> the documented 2xx statuses (but an idempotent replay's 200), for every
    endpoint but health and metrics."""
    return {
        (m.upper(), p): sorted(
            int(s)
            for s, answer in op.get("responses", {}).items()
            if s.startswith("2") and not answer.get("description", "").startswith(REPLAY)
        )
        for p, ops in openapi["paths"].items()
        for m, op in ops.items()
        if not p.startswith("/health") and p != "/metrics"
    }


def coverage_problems(openapi: dict[str, Any], rows: list[Row]) -> list[str]:
    exposed = exposed_endpoints(openapi)
    declared = [(r.method.upper(), r.path) for r in rows]
    problems = [f"no row for {m} {p}" for m, p in sorted(set(exposed) - set(declared))]
    problems += [f"a row for {m} {p}, which the service no longer has" for m, p in sorted(set(declared) - set(exposed))]
    problems += [f"two rows for {m} {p}" for m, p in sorted({d for d in declared if declared.count(d) > 1})]
    for r in rows:
        documented = exposed.get((r.method.upper(), r.path))
        if documented is not None and documented != [r.ok]:
            problems.append(f"{r.method} {r.path}: the table says {r.ok}, the route documents {documented}")
    return problems


def assert_table_covers(openapi: dict[str, Any], rows: list[Row]) -> None:
    """Exactly one row per endpoint, each with the route's documented success status; and the
    check itself catches a missing row and a row for an endpoint that no longer exists."""
    problems = coverage_problems(openapi, rows)
    assert not problems, "the authorization table does not match the service:\n" + "\n".join(problems)
    assert coverage_problems(openapi, rows[1:]) == [f"no row for {rows[0].method} {rows[0].path}"]
    gone = Row("GET", "/surely/removed", "V D M A", 200, 403, rows[0].build)
    stale = coverage_problems(openapi, [*rows, gone])
    assert stale == ["a row for GET /surely/removed, which the service no longer has"]
