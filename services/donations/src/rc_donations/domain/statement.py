"""Bank-statement rows: parsing, validation and deduplication by bank reference (pure).

A row is ``{bank_reference, received_on, amount_vnd, payer_name?, description?}``. Amounts are whole
VND: an integer, or a string of digits with optional thousands separators (``1.000.000`` or
``1,000,000``, groups of exactly three digits; VND has no minor unit). Dates are ISO
(``2026-05-01``) or Vietnamese day-first (``01/05/2026``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from rc_donations.domain.ledger import MAX_VND

MAX_REFERENCE = 100


def bank_reference(ref: str) -> str:
    """A bank reference as it is kept and compared: without spaces, in capitals. Banks print ``FT26001``;
    staff type ``ft26001`` or ``FT 26 001``: one transfer, one receipt."""
    return "".join(ref.split()).upper()


MAX_TEXT = 500
_GROUPED = re.compile(r"^[0-9]{1,3}([.,][0-9]{3})+$")
_TIME_OF_DAY = re.compile(r"(?<=[0-9])[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?$")


class RowError(ValueError):
    pass


@dataclass(frozen=True)
class StatementRow:
    index: int
    bank_reference: str
    received_on: date
    amount_vnd: int
    payer_name: str | None
    description: str | None


@dataclass(frozen=True)
class Decision:
    index: int
    bank_reference: str | None
    status: Literal["new", "duplicate", "rejected"]
    reason: str | None = None
    row: StatementRow | None = None
    existing_id: Any = None


def parse_amount(value: Any) -> int:
    if isinstance(value, bool) or value is None:
        raise RowError("amount_vnd is required")
    if isinstance(value, int):
        amount = value
    elif isinstance(value, float):
        raise RowError(f"amount_vnd must be a whole number of VND, not {value!r}")
    elif isinstance(value, str):
        s = value.strip().replace(" ", "")
        if s.endswith(("VND", "đ", "₫")):
            s = s.removesuffix("VND").removesuffix("đ").removesuffix("₫")
        sign, digits = (-1, s[1:]) if s.startswith("-") else (1, s.removeprefix("+"))  # "+500,000": a credit
        if digits.isdigit() and digits.isascii():
            amount = sign * int(digits)
        elif _GROUPED.match(digits) and len(set(re.findall(r"[.,]", digits))) == 1:
            amount = sign * int(re.sub(r"[.,]", "", digits))
        elif not s:
            raise RowError("amount_vnd is required")
        else:
            raise RowError(f"amount_vnd {value!r} is not a whole number of VND")
    else:
        raise RowError(f"amount_vnd {value!r} is not a whole number of VND")
    if amount <= 0:
        raise RowError(f"amount_vnd must be more than 0, got {amount}")
    if amount > MAX_VND:
        raise RowError(f"amount_vnd {amount} exceeds {MAX_VND}")
    return amount


def parse_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise RowError("received_on is required")
    s = value.strip()
    if len(s) == 10 and s[4] == "-" and s[7] == "-" and s.isascii():  # the usual ISO form: the fast parser
        with contextlib.suppress(ValueError):
            return date.fromisoformat(s)
    s = _TIME_OF_DAY.sub("", s)  # a bank's posting time after the day ("05/03/2024 10:22:33"): the day is the date
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise RowError(f"received_on {value!r} is not a date (YYYY-MM-DD, or DD/MM/YYYY with / - or . between)")


def _text(raw: Mapping[str, Any], name: str) -> str | None:
    v = raw.get(name)
    if v is None:
        return None
    if not isinstance(v, str):
        raise RowError(f"{name} must be text")
    v = v.strip()
    if len(v) > MAX_TEXT:
        raise RowError(f"{name} is longer than {MAX_TEXT} characters")
    return v or None


def validate_row(
    index: int, raw: Any, receiving_from: date, receiving_until: date, today: date, closed_on: date | None = None
) -> StatementRow | Decision:
    """A valid row, or a rejection saying why (``closed_on``: the campaign's close, once known)."""
    ref = raw.get("bank_reference") if isinstance(raw, Mapping) else None
    ref_s = bank_reference(ref) if isinstance(ref, str) else None
    try:
        if not isinstance(raw, Mapping):
            raise RowError("a row must be an object")
        if not ref_s:
            raise RowError("bank_reference is required")
        if len(ref_s) > MAX_REFERENCE:
            raise RowError(f"bank_reference is longer than {MAX_REFERENCE} characters")
        amount = parse_amount(raw.get("amount_vnd"))
        on = parse_date(raw.get("received_on"))
        if on > today:
            raise RowError(f"received_on {on} is in the future")
        if closed_on is not None and on > closed_on:
            raise RowError(f"received_on {on} is after the campaign closed on {closed_on}")
        if not receiving_from <= on <= receiving_until:
            raise RowError(f"received_on {on} is outside the receiving period ({receiving_from} to {receiving_until})")
        return StatementRow(index, ref_s, on, amount, _text(raw, "payer_name"), _text(raw, "description"))
    except RowError as exc:
        return Decision(index, ref_s, "rejected", str(exc))


def refuse_new(decisions: list[Decision], reason: str) -> list[Decision]:
    """The rows that would be new, rejected for ``reason`` (a settled campaign's books are final); the
    duplicates of what was recorded before stay duplicates, so a statement re-run still says so."""
    # (a row repeating a new one of this batch is refused with it: it repeats nothing recorded)
    refused = ("new", "duplicate")
    return [
        Decision(d.index, d.bank_reference, "rejected", reason)
        if d.status in refused and (d.status == "new" or d.existing_id is None)
        else d
        for d in decisions
    ]


def plan(
    checked: list[StatementRow | Decision],
    existing: Mapping[str, tuple[Any, int, date]],
    voided: Mapping[str, tuple[Any, str]] | None = None,
) -> list[Decision]:
    """Decide each row: new, duplicate (already recorded, or repeated in this batch), or rejected.

    ``existing`` maps a bank reference already in the ledger to (donation id, amount, date). A
    reference seen again with a different amount or date is rejected, never silently merged.
    ``voided`` maps the reference of a gift recorded and then voided, with no live gift recorded for
    it since, to (donation id, receipt number): such a row is rejected, not recorded again by itself
    (the transfer may have been sent back; if it counts, it is recorded by hand).
    """
    voided = voided or {}
    seen: dict[str, StatementRow] = {}
    out: list[Decision] = []
    for c in checked:
        if isinstance(c, Decision):
            out.append(c)
            continue
        ref = c.bank_reference
        if ref in existing:
            did, amount, on = existing[ref]
            if amount != c.amount_vnd or on != c.received_on:
                out.append(
                    Decision(
                        c.index,
                        ref,
                        "rejected",
                        f"bank_reference {ref} is already recorded with amount {amount} VND on {on}, "
                        f"not {c.amount_vnd} VND on {c.received_on}",
                        existing_id=did,
                    )
                )
            else:
                out.append(Decision(c.index, ref, "duplicate", "already recorded", row=c, existing_id=did))
            continue
        if ref in voided:
            did, receipt = voided[ref]
            out.append(
                Decision(
                    c.index,
                    ref,
                    "rejected",
                    f"bank_reference {ref} was recorded as receipt {receipt} and voided: a statement does not "
                    "record it again (if the transfer counts, record it by hand)",
                    existing_id=did,
                )
            )
            continue
        if ref in seen:
            first = seen[ref]
            if first.amount_vnd != c.amount_vnd or first.received_on != c.received_on:
                out.append(
                    Decision(
                        c.index,
                        ref,
                        "rejected",
                        f"bank_reference {ref} appears again in this batch (row {first.index}) with a different "
                        "amount or date",
                    )
                )
            else:
                out.append(Decision(c.index, ref, "duplicate", f"repeats row {first.index} of this batch", row=c))
            continue
        seen[ref] = c
        out.append(Decision(c.index, ref, "new", row=c))
    return out


@dataclass(frozen=True)
class Turn:
    """A request's place in a statement import sent with several requests in flight: the import (one
    id per run of the importer) and the batch's number in it (0, 1, 2, ... in the file's order)."""

    import_id: Any
    batch: int

    def may_number(self, last_committed: int | None) -> bool:
        """May this batch number its rows, the import's highest committed batch being ``last_committed``
        (None: none yet)? The first batch may; a later one once the batch before it has committed (so
        the receipts follow the file's rows); a batch already committed, resent, may too (its rows are
        duplicates by now)."""
        return self.batch == 0 or (last_committed is not None and last_committed >= self.batch - 1)
