"""Every endpoint answers bad input with a 4xx and a clear message, and the database is unchanged."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest

from tests.integration.members.helpers import person, row_counts, tree

pytestmark = pytest.mark.integration

NOPE = str(uuid.UUID(int=0))


def cases(t: dict[str, str], pid: str) -> list[tuple[str, str, Any, int, str]]:
    """(method, path, json body, expected status, text expected in the answer)."""
    training = {"kind": "first_aid", "completed_on": "2023-06-01", "hours": 8, "unit_id": t["branch"]}
    unit = {"code": "OK1", "name": "n", "level": "branch", "parent_id": t["commune"], "valid_from": "2023-01-01"}
    return [
        ("GET", "/units/not-a-uuid", None, 422, "unit_id"),
        ("GET", "/units?as_of=99999-01-01", None, 422, "as_of"),
        ("GET", "/units?level=hamlet", None, 422, "unknown level"),
        ("GET", f"/units/{NOPE}", None, 404, "not found"),
        ("GET", f"/units/{t['branch']}?as_of=2000-01-01", None, 404, "did not exist"),
        ("GET", f"/people/{NOPE}", None, 404, "not found"),
        ("GET", "/people/123", None, 422, "person_id"),
        ("POST", "/units", {**unit, "code": ""}, 422, "code"),
        ("POST", "/units", {**unit, "name": "   "}, 422, "name"),
        ("POST", "/units", {**unit, "valid_from": "99999-01-01"}, 422, "valid_from"),
        ("POST", "/units", {**unit, "parent_id": "xyz"}, 422, "parent_id"),
        ("POST", "/units", {**unit, "parent_id": NOPE}, 409, "does not exist"),
        ("POST", "/units", {**unit, "level": "hamlet"}, 422, "unknown level"),
        ("POST", "/units", {**unit, "extra": 1}, 422, "extra"),
        ("POST", "/units", {**unit, "code": f"P{t['tag']}"}, 409, "already exists"),
        ("POST", "/units", "not json", 422, "validation"),
        ("POST", "/units/batch", {"units": []}, 422, "units"),
        ("POST", f"/units/{t['branch']}/rename", {"name": "", "valid_from": "2024-01-01"}, 422, "name"),
        ("POST", f"/units/{t['branch']}/rename", {"name": "x", "valid_from": "2020-01-01"}, 409, "on or after"),
        ("POST", f"/units/{NOPE}/rename", {"name": "x", "valid_from": "2024-01-01"}, 404, "not found"),
        ("POST", f"/units/{t['branch']}/move", {"valid_from": "2024-01-01"}, 422, "parent_id"),
        ("POST", f"/units/{t['branch']}/merge", {"into_unit_id": NOPE, "valid_from": "2024-01-01"}, 409, "exist"),
        ("POST", f"/units/{t['district']}/dissolve", {"valid_from": "2024-13-01"}, 422, "valid_from"),
        ("POST", "/people", {"full_name": "A"}, 422, "consent"),
        ("POST", "/people", {"full_name": "", "consent": {"purpose": "p", "given_on": "2023-01-01"}}, 422, "full_name"),
        (
            "POST",
            "/people",
            {"full_name": "A", "phone": "call me", "consent": {"purpose": "p", "given_on": "2023-01-01"}},
            422,
            "phone",
        ),
        (
            "POST",
            "/people",
            {"full_name": "A", "consent": {"purpose": "p", "given_on": "2999-01-01"}},
            422,
            "consent.given_on",
        ),
        ("PATCH", f"/people/{pid}", {"gender": "robot"}, 422, "gender"),
        ("PATCH", f"/people/{pid}", {"full_name": None}, 422, "full_name"),
        (
            "POST",
            f"/people/{pid}/membership",
            {"unit_id": t["branch"], "joined_on": "2023-02-01", "fee_status": "later"},
            422,
            "fee_status",
        ),
        ("POST", f"/people/{pid}/membership", {"unit_id": NOPE, "joined_on": "2023-02-01"}, 409, "does not exist"),
        (
            "POST",
            f"/people/{pid}/membership",
            {"unit_id": t["branch"], "joined_on": "2022-02-01"},
            409,
            "did not exist",
        ),
        ("POST", f"/people/{NOPE}/membership", {"unit_id": t["branch"], "joined_on": "2023-02-01"}, 404, "not found"),
        ("PATCH", f"/people/{pid}/membership", {"status": "zombie", "effective_on": "2024-01-01"}, 422, "status"),
        (
            "PATCH",
            f"/people/{pid}/membership",
            {"status": "lapsed", "effective_on": "2024-01-01"},
            409,
            "no membership",
        ),
        ("PUT", f"/people/{pid}/membership/fees/20240", {"fee_status": "paid"}, 422, "year"),
        ("POST", f"/people/{pid}/transfers", {"to_unit_id": t["branch"]}, 422, "effective_on"),
        (
            "POST",
            f"/people/{pid}/roles",
            {"role": "astronaut", "unit_id": t["branch"], "start_on": "2023-02-01"},
            422,
            "unknown role",
        ),
        ("POST", f"/people/{pid}/roles/{NOPE}/end", {"end_on": "2024-01-01"}, 404, "not found"),
        ("POST", f"/people/{pid}/hours", {"hours": 0, "worked_on": "2023-02-01"}, 422, "hours"),
        ("POST", f"/people/{pid}/hours", {"hours": 25, "worked_on": "2023-02-01"}, 422, "hours"),
        ("POST", f"/people/{pid}/hours", {"hours": "NaN", "worked_on": "2023-02-01"}, 422, "hours"),
        ("POST", f"/people/{pid}/hours", {"hours": 0.001, "worked_on": "2023-02-01"}, 422, "hours"),
        ("POST", f"/people/{pid}/training", {**training, "kind": "cooking"}, 422, "kind"),
        ("POST", f"/people/{pid}/training", {**training, "hours": 0.25}, 422, "hours"),
        ("POST", f"/people/{pid}/training", {**training, "hours": 1001}, 422, "hours"),
        ("POST", f"/people/{pid}/training", {**training, "completed_on": "2999-01-01"}, 422, "completed_on"),
        ("POST", f"/people/{pid}/training", {**training, "completed_on": "1989-12-31"}, 409, "birth date"),
        ("POST", f"/people/{pid}/training", {**training, "completed_on": "2022-12-31"}, 409, "did not exist"),
        ("POST", f"/people/{pid}/training", {**training, "unit_id": NOPE}, 409, "does not exist"),
        ("POST", f"/people/{pid}/training", {**training, "certificate_no": " "}, 422, "certificate_no"),
        ("POST", f"/people/{pid}/training", {**training, "certificate_no": "C" * 51}, 422, "certificate_no"),
        ("POST", f"/people/{pid}/training", {**training, "certificate_no": "SCC-1"}, 409, "already recorded"),
        ("POST", f"/people/{NOPE}/training", training, 404, "not found"),
        ("POST", f"/people/{pid}/consents", {"purpose": "", "given_on": "2023-01-01"}, 422, "purpose"),
        ("POST", f"/people/{pid}/consents/{NOPE}/withdraw", {"withdrawn_on": "2023-01-01"}, 404, "not found"),
        (
            "POST",
            "/groups",
            {"unit_id": t["branch"], "type": "choir", "name": "x", "formed_on": "2023-02-01"},
            422,
            "type",
        ),
        ("POST", f"/groups/{NOPE}/members", {"person_id": pid, "joined_on": "2023-02-01"}, 404, "not found"),
        (
            "POST",
            "/courses",
            {"unit_id": t["branch"], "title": "Sơ cấp cứu", "starts_on": "2023-05-02", "ends_on": "2023-05-01"},
            409,
            "ends_on",
        ),
        ("POST", f"/courses/{NOPE}/attendance", {"person_id": pid, "attended": "yes", "passed": True}, 422, "attended"),
        ("POST", "/imports/members", {"rows": [], "source": "f.csv"}, 422, "rows"),
        ("POST", "/imports/members", {"rows": [{}] * 2001, "source": "f.csv"}, 422, "rows"),
        ("POST", "/imports/members", {"rows": [{"unit_code": "X"}], "source": ""}, 422, "source"),
    ]


async def test_bad_input_gets_a_4xx_with_a_clear_message_and_changes_nothing(
    client: httpx.AsyncClient, db: object
) -> None:
    t = await tree(client)
    pid = await person(client)
    first = {"kind": "first_aid", "completed_on": "2023-05-01", "hours": 8, "unit_id": t["branch"]}
    first["certificate_no"] = "SCC-1"
    assert (await client.post(f"/people/{pid}/training", json=first)).status_code == 201
    failures = []
    for method, path, body, status, text in cases(t, pid):
        before = await row_counts(db)  # type: ignore[arg-type]
        if isinstance(body, str):
            r = await client.request(method, path, content=body, headers={"content-type": "application/json"})
        else:
            r = await client.request(method, path, json=body)
        after = await row_counts(db)  # type: ignore[arg-type]
        if r.status_code != status or not says(r.json(), status, text) or after != before:
            failures.append(f"{method} {path}: {r.status_code} {r.text[:300]} changed={after != before}")
    assert not failures, "\n".join(failures)


def says(answer: dict[str, Any], status: int, text: str) -> bool:
    """A 422 whose expectation is a field's name names that field and no other (its errors, or the
    domain rule's ``field``); "validation" is a body that is not JSON; anything else is a phrase of the
    message (never of the error code: 'validation_error' holds 'validation', 'extra_forbidden' 'extra')."""
    if status == 422 and text == "validation":
        return bool(answer["error"] == "validation_error" and answer["errors"])
    if status == 422 and re.fullmatch(r"[a-z_.]+", text):
        fields = [e["field"] for e in answer.get("errors") or []] or [answer.get("field") or ""]
        named = [f.removeprefix("body.").removeprefix("query.").removeprefix("path.") for f in fields]
        return bool(named) and all(f == text or f.startswith(f"{text}.") for f in named)
    return text.lower() in str(answer["message"]).lower()
