"""The members app answers its errors as RFC 9457 problems: a method a path does not answer is a
405 listing every method of the path in ``Allow``, an unknown path a 404, a missing unit a 404
with its details, invalid input a 422 with field-level errors."""

from __future__ import annotations

import uuid

import httpx
import pytest

from rc_shared.api import ErrorOut

pytestmark = pytest.mark.integration


def _problem(r: httpx.Response, status: int, code: str) -> ErrorOut:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = ErrorOut.model_validate(r.json())
    assert (body.type, body.status, body.error) == (f"/problems/{code}", status, code)
    assert body.detail == body.message and body.correlation_id == r.headers["x-correlation-id"]
    return body


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("TRACE", "/units", "GET, POST"),
        ("PUT", "/units", "GET, POST"),
        ("DELETE", "/people/{id}", "GET, PATCH"),
        ("TRACE", "/people/{id}/membership", "PATCH, POST"),
    ],
)
async def test_a_method_a_path_does_not_answer_is_a_405_problem_with_allow(
    client: httpx.AsyncClient, method: str, path: str, allow: str
) -> None:
    r = await client.request(method, path.format(id=uuid.uuid4()))
    _problem(r, 405, "method_not_allowed")
    assert r.headers["allow"] == allow


async def test_unknown_paths_and_ids_and_invalid_input_are_problems(client: httpx.AsyncClient) -> None:
    assert _problem(await client.get("/nowhere"), 404, "not_found").detail == "Not Found"
    _problem(await client.get(f"/units/{uuid.uuid4()}"), 404, "not_found")
    invalid = _problem(await client.get("/units", params={"as_of": "0"}), 422, "validation_error")
    assert invalid.errors and [e.field for e in invalid.errors] == ["query.as_of"]
