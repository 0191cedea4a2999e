"""One rule and one written form for phone and identity numbers (rc_shared.contact), as the members and
donations APIs take them."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from rc_shared import contact
from rc_shared.api import IdNumber, Phone


class Person(BaseModel):
    phone: Phone | None = None
    id_number: IdNumber | None = None


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("(0291) 3822 123", "02913822123"),
        ("+84 912 345 678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("+84 00 912 345 678", "0912345678"),  # every 0 after 84 (else written again it would change)
        ("0084 912 345 678", "0912345678"),
        ("+1 (202) 555-0143", "+12025550143"),
        ("0044 20 7946 0958", "+442079460958"),
        ("  0912 345 678 ", "0912345678"),
        ("0000 0000", "00000000"),  # an international prefix and too few digits after it: as typed
        ("+84 000 000", "+84000000"),
    ],
)
def test_a_phone_as_typed_is_kept_in_one_written_form(typed: str, kept: str) -> None:
    assert Person(phone=typed).phone == kept


@pytest.mark.parametrize(
    "typed",
    [
        "call me",
        "12ab5678",
        "0912345",
        "1234567890123456",
        "+",
        "0912---345-678",
        "0912 345 678 ext 2",
        "+-0912345678",
        "091234567８",
    ],
)
def test_what_is_not_a_phone_number_is_refused_on_its_field(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Person(phone=typed)
    [error] = refused.value.errors()
    assert error["loc"] == ("phone",) and error["type"] == "string_pattern_mismatch"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("079123456789", "079123456789"),
        ("079 123 456 789", "079123456789"),
        ("079.123.456.789", "079123456789"),
        ("c1234567", "C1234567"),
        ("0301234567-001", "0301234567001"),
    ],
)
def test_an_identity_number_as_typed_is_kept_in_capitals_without_spaces(typed: str, kept: str) -> None:
    assert Person(id_number=typed).id_number == kept


@pytest.mark.parametrize("typed", ["12345", "-0301234567", "0301234567-", "03012--34567", "0791 2345 6789 0123 45678",
                                   "CCCD: 0791", "số 0791234"])  # fmt: skip
def test_what_is_not_an_identity_number_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Person(id_number=typed)
    assert [e["loc"] for e in refused.value.errors()] == [("id_number",)]


@settings(max_examples=400)  # (a fixed point is easy to miss: 100 examples once let "+84 00 9..." through)
@example("+84 00 912 345 678")
@example("0084 0 0912 345 678")
@example("+(84.006  790).16( 84")  # found by 20,000 examples before every 0 after 84 was dropped
@given(st.from_regex(contact.PHONE_PATTERN, fullmatch=True))
def test_every_phone_the_schema_allows_is_taken_and_its_written_form_is_a_fixed_point(typed: str) -> None:
    """What the OpenAPI pattern calls valid, the service takes (schemathesis relies on it); writing the
    written form again changes nothing, and it is a + and 8 to 15 digits, or a national number."""
    kept = contact.phone_key(typed)
    assert contact.phone_key(kept) == kept
    assert re.fullmatch(r"\+?[0-9]{8,15}", kept), kept
    assert Person(phone=typed).phone == kept


@given(st.from_regex(contact.ID_NUMBER_PATTERN, fullmatch=True))
def test_every_identity_number_the_schema_allows_is_taken_and_kept_once(typed: str) -> None:
    kept = contact.id_number_key(typed)
    assert contact.id_number_key(kept) == kept and re.fullmatch(r"[0-9A-Z]{6,20}", kept), kept
    assert Person(id_number=typed).id_number == kept


def test_the_json_schema_says_the_rule() -> None:
    schema = Person.model_json_schema()["properties"]
    phone = schema["phone"]["anyOf"][0]
    assert contact.PHONE_PATTERN[1:-1] in phone["pattern"] and "8 to 15 digits" in phone["description"]
    assert contact.ID_NUMBER_PATTERN[1:-1] in schema["id_number"]["anyOf"][0]["pattern"]


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (912345678, "0912345678"),
        (2913822123, "02913822123"),
        (84912345678, "+84912345678"),
        (842913822123, "+842913822123"),
        (14155550100, "14155550100"),
    ],
)
def test_a_phone_a_spreadsheet_stored_as_a_number_gets_its_leading_zero_back(cell: int, text: str) -> None:
    assert contact.phone_from_cell(cell) == text


@pytest.mark.parametrize(("cell", "text"), [(79123456789, "079123456789"), (12345678, "012345678"),
                                           (301234567, "301234567")])  # fmt: skip
def test_an_identity_number_a_spreadsheet_stored_as_a_number_gets_its_leading_zero_back(cell: int, text: str) -> None:
    assert contact.id_number_from_cell(cell) == text


@pytest.mark.parametrize(
    ("typed", "lost"),
    [
        ("84 912 345 678", True),
        ("84912345678", True),
        ("84.291.3822.123", True),  # a landline: 84, 2 and 9 more digits
        ("+84 912 345 678", False),  # has its +
        ("0912 345 678", False),  # national
        ("849123456", False),  # 9 digits: a mobile 084… that lost its 0 (lost_its_zero's)
        ("84 612 345 678", False),  # no mobile starts 06
        ("8491234567", False),  # a digit short
        ("84 call me", False),
    ],
)
def test_a_vietnamese_number_written_with_84_but_no_plus_is_told(typed: str, lost: bool) -> None:
    assert contact.lost_its_plus(typed) is lost
    if lost:
        assert contact.phone_key("+" + typed).startswith("0")


@pytest.mark.parametrize(
    ("written", "ok"),
    [
        ("0912345678", True),
        ("0356123456", True),
        ("0521234567", True),
        ("0791234567", True),
        ("0861234567", True),
        ("02913822123", True),
        ("02438221234", True),
        ("091234567", False),  # a digit short
        ("09123456789", False),  # a digit over (no mobile has 11 since 2018)
        ("0291382212", False),  # a landline a digit short
        ("0612345678", False),
        ("0112345678", False),
        ("00000000", False),
        ("+84000000", False),  # +84 left as typed: too few digits
        ("+12025550143", True),  # another country's: not checked here
        ("19001234", True),  # not in the national form (a service number): not checked here
    ],
)
def test_a_national_number_is_held_to_viet_nams_plan(written: str, ok: bool) -> None:
    assert contact.is_vietnamese(written) is ok
