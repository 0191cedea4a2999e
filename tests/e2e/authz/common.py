"""Table-driven authorization checks, shared by every service's authorization test.

Each service declares a table of :class:`Case` rows: one per endpoint (method + path template as in
its OpenAPI document), the action it needs (read, write, manage, admin, or public) and how to
build a request for a resource that belongs to a given unit. :func:`run_table` then sends every
request as every role, scoped in-subtree, out-of-subtree and organisation-wide, and without a
token, and checks each answer:

- public endpoints: never 401/403;
- no token, or an invalid one: 401;
- a role that lacks the action: 403;
- a user scoped to another subtree: 403 (or 404 where the resource is not even visible);
- otherwise: not 401/403 (the request may still fail validation; that is not authorization).

:func:`assert_table_covers` fails when an endpoint of the service is missing from the table, so a
new endpoint cannot ship without an authorization rule.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from rc_shared.auth import ROLE_ACTIONS, ROLES
from tests.e2e.harness import auth, token

Body = dict[str, Any] | None
# builds (path, json body, query) for a resource in the given unit; may create fixtures first
Builder = Callable[["Scene", uuid.UUID], Awaitable[tuple[str, Body, dict[str, str]]]]


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


@dataclass
class Case:
    method: str
    path: str  # the OpenAPI path template, e.g. /people/{person_id}
    action: str  # read | write | manage | admin | public
    build: Builder
    out_of_scope: tuple[int, ...] = (403, 404)


def expected_denial(case: Case, role: str | None, scope: str) -> tuple[int, ...] | None:
    """The statuses that must come back, or None when the request must get past authorization."""
    if case.action == "public":
        return None
    if role is None:
        return (401,)
    if case.action not in ROLE_ACTIONS[role]:
        return (403,)
    if scope == "other":
        return case.out_of_scope
    return None


async def run_table(scene: Scene, service: str, cases: list[Case]) -> list[str]:
    """Every case × (no token, bad token, each role × {home, other, organisation-wide admin})."""
    failures: list[str] = []
    principals: list[tuple[str | None, str, dict[str, str]]] = [
        (None, "-", {}),
        (None, "bad-token", {"Authorization": "Bearer not.a.token"}),
        ("admin", "org", auth("admin", None)),
    ]
    for each in ROLES:
        principals.append((each, "home", auth(each, scene.home)))
        principals.append((each, "other", auth(each, scene.other)))
    async with scene.client(service, {}) as client:
        for case in cases:
            for role, scope, headers in principals:
                path, body, query = await case.build(scene, scene.home_leaf)
                r = await client.request(case.method, path, json=body, params=query, headers=headers)
                must = expected_denial(case, role, scope)
                who = f"{role or 'anonymous'}@{scope}"
                if must is None:
                    if r.status_code in (401, 403):
                        failures.append(
                            f"{case.method} {path} as {who}: wrongly refused {r.status_code} {r.text[:150]}"
                        )
                elif r.status_code not in must:
                    failures.append(
                        f"{case.method} {path} as {who}: expected {must}, got {r.status_code} {r.text[:150]}"
                    )
    return failures


def assert_table_covers(openapi: dict[str, Any], cases: list[Case]) -> None:
    declared = {(c.method.upper(), c.path) for c in cases}
    exposed = {
        (m.upper(), p)
        for p, ops in openapi["paths"].items()
        for m in ops
        if not p.startswith("/health") and p != "/metrics"
    }
    missing = sorted(exposed - declared)
    assert not missing, f"endpoints without an authorization rule in the table: {missing}"


def admin_token() -> str:
    return token("admin", None)
