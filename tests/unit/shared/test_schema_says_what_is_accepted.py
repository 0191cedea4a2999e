"""What a request's schema calls valid is what the service accepts, and the other way round, so a
client (or schemathesis) reading only the JSON Schema keywords gets neither a surprise 422 nor a
surprise 2xx: date bounds in the pattern, free text stripped of whitespace, whole numbers written
``1000.0``, PATCH fields that cannot be null; and links from a create to the operations on what it
created, and a resubmission's 200, declared."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

import pytest
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from rc_shared import api
from rc_shared.dates import Day, bounds, day_pattern


def _accepts(t: Any, value: Any) -> bool:
    try:
        TypeAdapter(t).validate_python(value)
    except ValidationError:
        return False
    return True


def _schema_valid(schema: dict[str, Any], value: str) -> bool:
    pattern = re.compile(schema.get("pattern", ""))
    return pattern.search(value) is not None and schema.get("minLength", 0) <= len(value) <= schema.get(
        "maxLength", len(value)
    )


@pytest.mark.parametrize(("lo", "hi"), [(1900, 2100), (2000, 2100), (1950, 2049), (2024, 2024), (1, 9999)])
def test_a_date_pattern_admits_exactly_the_years_of_its_bounds(lo: int, hi: int) -> None:
    pattern = re.compile(day_pattern(date(lo, 1, 1), date(hi, 12, 31)))
    assert [y for y in range(10000) if pattern.match(f"{y:04d}-05-17")] == list(range(lo, hi + 1))
    assert not pattern.match(f"{lo:04d}-13-01") and not pattern.match(f"{lo:04d}-01-32")


def test_a_day_schema_names_its_bounds_in_the_pattern_too() -> None:
    schema = TypeAdapter(Day).json_schema()
    assert (schema["formatMinimum"], schema["formatMaximum"]) == ("1900-01-01", "2100-12-31")
    for value, ok in [("1899-12-31", False), ("1900-01-01", True), ("2100-12-31", True), ("2101-01-01", False)]:
        assert bool(re.match(schema["pattern"], value)) is ok is _accepts(Day, value)
    with pytest.raises(ValueError, match="whole years"):
        bounds(date(2000, 3, 1), date(2100, 12, 31))


TEXTS = ["", " ", "\u3000", "a", " a ", "ab", " abc ", "a b", "\u2003x\u2003", "\x85a", "  abc", "x" * 20, "x" * 21]


@pytest.mark.parametrize(("lo", "hi"), [(0, 20), (1, 20), (3, 20), (1, 1)])
def test_free_text_is_schema_valid_exactly_when_accepted(lo: int, hi: int) -> None:
    text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=lo, max_length=hi), api.TRIMMED]
    schema = TypeAdapter(text).json_schema()
    for value in [*TEXTS, " " + "x" * (hi - 1), " " + "x" * hi]:
        assert _schema_valid(schema, value) is _accepts(text, value), (lo, hi, repr(value))


def test_patterned_text_allows_the_whitespace_the_service_strips() -> None:
    code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Z][A-Z0-9-]{0,9}$"), api.TRIMMED]
    schema = TypeAdapter(code).json_schema()
    for value in ["BL", " BL-HB ", "\tBL\n", " ", "bl", "B" * 10, "B" * 11, "-BL"]:
        assert _schema_valid(schema, value) is _accepts(code, value), repr(value)
    with pytest.raises(TypeError, match="anchored"):
        TypeAdapter(Annotated[str, StringConstraints(strip_whitespace=True, pattern="[A-Z]+"), api.TRIMMED])


def test_a_strict_whole_number_may_be_written_with_a_zero_fraction() -> None:
    money = Annotated[int, Field(strict=True, gt=0), api.WHOLE]
    assert TypeAdapter(money).validate_json("1000.0") == 1000 == TypeAdapter(money).validate_python(1000)
    assert TypeAdapter(money).json_schema()["type"] == "integer"
    for bad in (1000.5, "1000", True, 0.0):
        assert not _accepts(money, bad), bad


def test_a_patch_schema_says_which_fields_may_be_null_and_that_one_is_needed() -> None:
    class Patch(BaseModel):
        model_config = ConfigDict(extra="forbid", json_schema_extra=api.patch_schema({"note"}, at_least_one=True))
        name: str | None = None
        note: str | None = None

    schema = Patch.model_json_schema()
    assert schema["properties"]["name"]["type"] == "string" and "default" not in schema["properties"]["name"]
    assert {"type": "null"} in schema["properties"]["note"]["anyOf"]
    assert schema["minProperties"] == 1


class UnitIn(BaseModel):
    level: str


class UnitOut(BaseModel):
    id: str
    level: str


def _app() -> FastAPI:
    app = FastAPI()

    @app.post("/units", status_code=201, response_model=UnitOut)
    async def create_unit(body: UnitIn) -> dict[str, str]:
        return {"id": "u", "level": body.level}

    @app.get("/units/{unit_id}", response_model=UnitOut)
    async def get_unit(unit_id: str, level: str | None = None) -> dict[str, str]:
        return {"id": unit_id, "level": level or ""}

    @app.post("/units/{unit_id}/notes", status_code=201, response_model=UnitOut)
    async def add_note(unit_id: str) -> dict[str, str]:
        return {"id": "n", "level": ""}

    @app.get("/notes/{note_id}", response_model=UnitOut)
    async def get_note(note_id: str) -> dict[str, str]:
        return {"id": note_id, "level": ""}

    api.document_links(app)
    return app


def test_a_create_links_to_the_operations_on_what_it_created() -> None:
    doc = _app().openapi()
    units = doc["paths"]["/units"]["post"]["responses"]["201"]["links"]
    assert units == {
        "get_unit_units__unit_id__get": {
            "operationId": "get_unit_units__unit_id__get",
            "parameters": {"unit_id": "$response.body#/id"},
        },
        "add_note_units__unit_id__notes_post": {
            "operationId": "add_note_units__unit_id__notes_post",
            "parameters": {"unit_id": "$response.body#/id"},
        },
    }
    notes = doc["paths"]["/units/{unit_id}/notes"]["post"]["responses"]["201"]["links"]
    assert notes == {
        "get_note_notes__note_id__get": {
            "operationId": "get_note_notes__note_id__get",
            "parameters": {"note_id": "$response.body#/id"},
        }
    }


def test_a_replayed_create_declares_its_200() -> None:
    class Out(BaseModel):
        id: str

    (status, response), *_ = api.replayed(Out).items()
    assert status == 200 and response["model"] is Out and "Idempotency-Key" in response["description"]
