"""Phone and identity numbers: one rule for every service that takes them, and one written form (pure).

A person types a phone number the way it is printed: ``0912 345 678``, ``0912.345.678``,
``(0291) 3822 123``, ``+84 912 345 678``. All of them are accepted, and each is kept in one written form
(:func:`phone_key`), so that the same number given twice is the same number: the donations service
recognises a returning donor by phone and name, and the members service stores what a donor's record
would compare with.

- **Phone:** an optional ``+``, then 8 to 15 digits (E.164 allows 15), each pair of digits separated by
  at most two of space ``.`` ``-`` ``(`` ``)``. Written form: the digits, with ``+`` kept for a foreign
  number; a Vietnamese number in its national form (``+84 912…`` and ``0084 912…`` → ``0912…``, also
  with the trunk ``(0)`` some write after ``+84``: every 0 after 84 dropped, so that the written form
  written again is itself).
- **Identity number** (CCCD 12 digits, CMND 9, a passport, a tax code ``0301234567-001``): 6 to 20
  letters and digits, each pair separated by at most one space, ``.`` or ``-``. Written form: capital
  letters and digits only (``0301234567-001`` is ``0301234567001``: a number typed with or without its
  dash is one number, as the campaigns service already compared beneficiaries' numbers).

A spreadsheet cell that holds a *number* has lost its leading zero (Vietnamese phone and identity numbers
start with 0): :func:`phone_from_cell` and :func:`id_number_from_cell` put it back.

A list kept by an office (the members import) is held to Viet Nam's numbering plan as well
(:func:`is_vietnamese`): a number in the national form is a mobile's 10 digits (03, 05, 07, 08, 09) or
a landline's 11 (02 and its area code), so a digit missing or typed twice is caught; a country code
written without its ``+`` ("84 912 345 678") is read as one (:func:`lost_its_plus`).
"""

from __future__ import annotations

import re

PHONE_PATTERN = r"^\+?\(?[0-9](?:[ .\-()]{0,2}[0-9]){7,14}$"
"""A phone number as typed (see the module's rule); anchored, no whitespace at either end."""
ID_NUMBER_PATTERN = r"^[0-9A-Za-z](?:[ .\-]?[0-9A-Za-z]){5,19}$"
"""An identity number as typed (see the module's rule); anchored, no whitespace at either end."""
PHONE_RULE = "an optional +, then 8 to 15 digits (spaces, dots, dashes and parentheses between them allowed)"
ID_NUMBER_RULE = "6 to 20 letters or digits (a space, dot or dash between them allowed)"

# (no "; " in it: the import joins a row's reasons with it)
VIETNAMESE_RULE = "a mobile is 10 digits from 03, 05, 07, 08 or 09, a landline 11 from 02, +84 standing for the 0"

_PHONE = re.compile(PHONE_PATTERN)
_VIETNAMESE_NATIONAL = re.compile(r"0(?:[35789][0-9]{8}|2[0-9]{9})")  # a written form (phone_key) of Viet Nam
_ID_NUMBER = re.compile(ID_NUMBER_PATTERN)
_NOT_DIGIT = re.compile(r"[^0-9]")
_WRITTEN_PHONE = re.compile(r"\+?[0-9]{8,15}")
VIETNAM = "84"


def is_phone(text: str) -> bool:
    return _PHONE.fullmatch(text) is not None


def is_id_number(text: str) -> bool:
    return _ID_NUMBER.fullmatch(text) is not None


def phone_key(text: str) -> str:
    """The written form of a phone number matching :data:`PHONE_PATTERN` (``ValueError`` otherwise)."""
    if not is_phone(text):
        raise ValueError(f"a phone number is {PHONE_RULE}")
    digits = _NOT_DIGIT.sub("", text)
    plain = ("+" if text.startswith("+") else "") + digits
    if text.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits.removeprefix("00")
    else:
        return plain
    written = (
        "0" + international.removeprefix(VIETNAM).lstrip("0")
        if international.startswith(VIETNAM)
        else "+" + international
    )
    return written if _WRITTEN_PHONE.fullmatch(written) else plain  # (too few digits left: as typed)


def id_number_key(text: str) -> str:
    """The written form of an identity number matching :data:`ID_NUMBER_PATTERN` (``ValueError`` otherwise)."""
    if not is_id_number(text):
        raise ValueError(f"an identity number is {ID_NUMBER_RULE}")
    return text.replace(" ", "").replace(".", "").replace("-", "").upper()


def phone_from_cell(value: int) -> str:
    """A phone number a spreadsheet stored as a number (its leading 0 or + lost): ``912345678`` →
    ``0912345678`` (a national number of 9 or 10 digits after its 0), ``84912345678`` and
    ``842913822123`` → ``+84…`` (11 or 12 digits after 84); any other as its digits (checked and
    written by :func:`phone_key` after)."""
    digits = str(value)
    if digits.startswith(VIETNAM) and len(digits) in (11, 12):
        return "+" + digits
    return "0" + digits if len(digits) in (9, 10) else digits


# The 11-digit mobile prefixes the national numbering plan moved to 10 digits in 2018 ("0168 …" is "038 …" since
# September 2018); the old numbers no longer ring anyone.
RENUMBERED_MOBILE = {
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036", "0167": "037", "0168": "038",
    "0169": "039", "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078", "0123": "083",
    "0124": "084", "0125": "085", "0127": "081", "0129": "082", "0186": "056", "0188": "058", "0199": "059",
}  # fmt: skip


def renumbered_mobile(written: str) -> str | None:
    """A mobile number of before 2018 in its 10-digit form ("01686123456" → "0386123456"), from its written
    form (:func:`phone_key`); None for any other number."""
    if len(written) == 11 and written.isascii() and written.isdigit() and written[:4] in RENUMBERED_MOBILE:
        return RENUMBERED_MOBILE[written[:4]] + written[4:]
    return None


def lost_its_zero(text: str) -> bool:
    """A Vietnamese number written without its leading 0, as a spreadsheet's number column saves it to
    CSV: a mobile's 9 digits (from 3, 5, 7, 8 or 9) or a landline's 10 (from 2). Nothing else is one
    (a national number always starts with 0), so adding the 0 back cannot change another number."""
    return (
        text.isascii()
        and text.isdigit()
        and ((len(text) == 9 and text[0] in "35789") or (len(text) == 10 and text[0] == "2"))
    )


def lost_its_plus(text: str) -> bool:
    """A Vietnamese number written with its country code but without the ``+`` ("84 912 345 678",
    "84912345678"): 84, then a mobile's 9 digits (from 3, 5, 7, 8 or 9) or a landline's 10 (from 2), as
    :func:`phone_from_cell` reads a cell. A national number starts with 0, so none is taken for one."""
    if not is_phone(text) or text.startswith(("+", "(")):
        return False
    digits = _NOT_DIGIT.sub("", text)
    return digits.startswith(VIETNAM) and (
        (len(digits) == 11 and digits[2] in "35789") or (len(digits) == 12 and digits[2] == "2")
    )


def is_vietnamese(written: str) -> bool:
    """Whether a written form (:func:`phone_key`) that is Viet Nam's (a leading 0, or +84 left as typed
    because too few digits followed) is a number of its plan (:data:`VIETNAMESE_RULE`); another country's
    number, or one not in the national form (a 1900 hotline), is not checked here: True."""
    if written.startswith("0") or written.startswith("+" + VIETNAM):
        return _VIETNAMESE_NATIONAL.fullmatch(written) is not None
    return True


def id_number_from_cell(value: int) -> str:
    """An identity number a spreadsheet stored as a number: a CCCD (12 digits) or CMND (9 digits) that
    started with 0 has lost it (``79123456789`` → ``079123456789``); any other length is as given."""
    digits = str(value)
    return "0" + digits if len(digits) in (8, 11) else digits


def masked_id_number(number: str | None) -> str | None:
    """An identity number as a read-only role sees it: its last 3 characters, the others as ``•``
    (enough to tell two records apart with the person in front of you, not to use the number)."""
    if not number:
        return number
    return "•" * max(len(number) - 3, 0) + number[-3:]
