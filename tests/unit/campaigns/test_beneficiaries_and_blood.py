"""Duplicate detection normalisation, and donor references for blood drives."""

from __future__ import annotations

import unicodedata
import uuid

import pytest

from rc_campaigns.domain.beneficiaries import (
    DUPLICATE_CONTACT,
    DedupKey,
    DuplicateBeneficiary,
    normalise_address,
    normalise_id_number,
    normalise_name,
)
from rc_campaigns.domain.blood import check_capacity, donor_id_for
from rc_shared.errors import Conflict

UNIT = uuid.uuid4()


def test_names_differing_in_case_spacing_and_unicode_form_are_equal() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn An")
    assert normalise_name("  NGUYỄN   văn  an ") == normalise_name(decomposed) == "nguyễn văn an"


def test_tone_marks_are_kept_so_different_names_stay_different() -> None:
    assert normalise_name("Lê Thị Hoa") != normalise_name("Lệ Thị Hoa")
    assert normalise_name("Đỗ An") != normalise_name("Do An")


def test_addresses_ignore_punctuation_house_number_prefix_and_abbreviations() -> None:
    a = normalise_address("Số 12, Ấp 3, X. Vĩnh Trạch, TP. Bạc Liêu")
    b = normalise_address("12 ấp 3 xã Vĩnh Trạch thành phố bạc liêu")
    assert a == b


def test_different_addresses_stay_different() -> None:
    assert normalise_address("12 Ấp 3") != normalise_address("13 Ấp 3")


def test_id_numbers_ignore_spaces_dots_dashes_and_case() -> None:
    assert normalise_id_number(" 079 123.456-789 ") == "079123456789"
    assert normalise_id_number("ab12345") == "AB12345"
    assert normalise_id_number(None) is None
    assert normalise_id_number(" - ") is None


def test_dedup_key_of_the_same_household_typed_differently_is_equal() -> None:
    k1 = DedupKey.of("household", UNIT, "Trần Văn Bình", "Số 5, Khóm 2, P. 7", None)
    k2 = DedupKey.of("household", UNIT, "trần  văn bình", "5 khóm 2 phường 7", None)
    assert k1 == k2


def test_a_duplicate_as_raised_names_no_id_and_no_unit_but_whom_to_contact() -> None:
    existing, unit = uuid.uuid4(), uuid.uuid4()
    err = DuplicateBeneficiary(existing, unit, "id_number")
    assert isinstance(err, Conflict) and err.status == 409
    shown = err.message + repr(err.details)
    assert str(existing) not in shown and str(unit) not in shown
    assert "elsewhere" in err.message and DUPLICATE_CONTACT in err.message


def test_a_duplicate_named_for_a_caller_who_may_read_it() -> None:
    existing, unit = uuid.uuid4(), uuid.uuid4()
    err = DuplicateBeneficiary(existing, unit, "id_number").naming()
    assert err.status == 409 and str(existing) in err.message
    assert err.details["existing_beneficiary_id"] == str(existing) and err.details["existing_unit_id"] == str(unit)


def test_a_uuid_donor_ref_is_kept_and_other_refs_map_to_a_stable_uuid() -> None:
    u = uuid.uuid4()
    assert donor_id_for(str(u)) == u
    assert donor_id_for("NHTM-00123") == donor_id_for(" nhtm-00123 ")
    assert donor_id_for("NHTM-00123") != donor_id_for("NHTM-00124")


def test_capacity_refuses_the_registration_beyond_the_last_place() -> None:
    check_capacity(1, 2)
    with pytest.raises(Conflict, match="2 of 2"):
        check_capacity(2, 2)
