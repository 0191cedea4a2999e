"""Bulk import of members: validate every row, then insert the new ones in batches.

One transaction per request. Rows are validated before anything is written, so a rejected row
changes nothing; rows already imported (same import key, and the same person: same name, birth date
and identity number where both give them) are reported ``unchanged``. A row is refused when its import
key is another person's, in the request or recorded before (a unit's card number given to two people),
when its identity number is another row's or another person's already (one person counted twice),
and when it is a person whose personal data was erased at their request (the import key outlives the
erasure for that: an old sheet imported again must not bring them back).

Access control: a user scoped to a subtree (``scope``: the ids of its units today) may import rows
of those units only. A request with any row of an existing unit outside the scope is refused as a
whole (403, nothing written), the offending rows listed in ``details.rows``: a file meant for
another unit is a mistake to fix, not rows to skip silently. A unit that has ended (or whose end is
recorded) is in nobody's scope: its rows are rejected one by one, naming the unit that succeeds it.
Imported people are registered by the unit of their row (``people.unit_id``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from rc_members.domain.imports import ImportBatch, ImportRow, KeyHolder, key_taken_reason, same_person, validate_row
from rc_members.domain.units import version_as_of
from rc_members.service_layer.policy import Policy
from rc_members.service_layer.unit_of_work import MembersUnitOfWork
from rc_shared import clock
from rc_shared.auth import Forbidden
from rc_shared.envelope import Event
from rc_shared.errors import Invalid
from rc_shared.events.members import MembershipStarted, RoleAssigned


async def import_members(
    uow: MembersUnitOfWork,
    policy: Policy,
    rows: Sequence[Mapping[str, Any]],
    first_row: int = 1,
    scope: set[uuid.UUID] | None = None,
) -> dict[str, Any]:
    """Validate and import ``rows``; ``scope``: the units the user may import into (None: any)."""
    if len(rows) > policy.import_max_rows:
        raise Invalid(f"at most {policy.import_max_rows} rows per request", field="rows")
    today = policy.today()
    results: list[dict[str, Any]] = []
    valid: list[ImportRow] = []
    seen: dict[str, ImportRow] = {}
    seen_numbers: dict[str, int] = {}
    contested: list[tuple[ImportRow, ImportRow]] = []  # (a row, the earlier row of another person with its key)
    for i, raw in enumerate(rows):
        n = first_row + i
        v = validate_row(n, raw, policy.roles, today)
        if isinstance(v, list):
            results.append({"row": n, "status": "rejected", "reason": "; ".join(v), "person_id": None})
        elif (first := seen.get(v.key)) is not None:
            if same_person(v, first.full_name, first.birth_date, first.id_number):
                reason = f"duplicate of row {first.row}"
                results.append({"row": n, "status": "rejected", "reason": reason, "person_id": None})
            else:  # (decided once the key's holder is known: this row may be the one recorded before)
                contested.append((v, first))
                results.append({"row": n, "status": "pending", "reason": None, "person_id": None})
        elif v.id_number is not None and v.id_number in seen_numbers:
            # one person written twice (the name spelt another way, another unit's code): counted once
            reason = f"id_number is the same as row {seen_numbers[v.id_number]}'s: one person, two rows"
            results.append({"row": n, "status": "rejected", "reason": reason, "person_id": None})
        else:
            seen[v.key] = v
            if v.id_number is not None:
                seen_numbers[v.id_number] = n
            valid.append(v)
            results.append({"row": n, "status": "pending", "reason": None, "person_id": None})
    by_row = {r["row"]: r for r in results}

    # Units and their dated versions, in one query.
    units = await uow.units.versions_by_code(sorted({v.unit_code for v in valid}))
    # A unit that has ended (merged, dissolved), or whose end is recorded ahead, takes no new member: an imported
    # row is an active membership or open roles, which no subtree would count once it ends (a district clerk's
    # finding: an old sheet's merged commune code refused the whole batch as out of scope, or made members the
    # counts lost). Decided per row after its key is looked up: a row imported before stays "unchanged" (or
    # "erased"), so following the reason never makes a second record of someone the sheet already brought.
    ending = {
        code: max(x.valid_to for x in vs if x.valid_to is not None)
        for code, vs in units.items()
        if max(vs, key=lambda x: x.valid_from).valid_to is not None
    }
    heirs = await uow.units.heir_codes([units[code][0].unit_id for code in ending], today) if ending else {}

    def ended_reason(code: str) -> str:
        on, heir = ending[code], heirs.get(units[code][0].unit_id)
        return (
            f"unit {code} {'ended' if on <= today else 'ends'} on {on.isoformat()}"
            + (f" (succeeded by {heir})" if heir else "")
            + ": give the unit the member belongs to now"
        )

    if scope is not None:
        outside = [
            {"row": v.row, "unit_code": v.unit_code}
            for v in valid
            if v.unit_code in units and v.unit_code not in ending and units[v.unit_code][0].unit_id not in scope
        ]
        if outside:
            shown = ", ".join(f"{o['row']} ({o['unit_code']})" for o in outside[:20])
            raise Forbidden(
                f"{len(outside)} row(s) are for units outside your unit's scope: {shown}"
                + (" ..." if len(outside) > 20 else ""),
                rows=outside[:100],
                rows_outside=len(outside),
            )
    found = await uow.people.import_key_holders(sorted({k for v in valid for k in (v.key, v.legacy_key)}))
    # a person recorded by the key's rule before members 1.9.0 and not rewritten by migration 0014 (erased, or
    # their unit's code changed since) is found by the row's key of that rule
    existing = {v.key: h for v in valid if (h := found.get(v.key) or found.get(v.legacy_key)) is not None}
    holders = await uow.people.ids_by_id_number([v.id_number for v in valid if v.id_number is not None])

    def known(v: ImportRow, holder: KeyHolder) -> None:
        """The row of a key recorded before: its holder again (unchanged), else refused."""
        res = by_row[v.row]
        if holder.erased_at is not None:  # the person asked to be forgotten: an old sheet does not bring them back
            erased_on = holder.erased_at.astimezone(clock.zone()).strftime("%d/%m/%Y")
            reason = f"the person's personal data was erased at their request on {erased_on}: not imported again"
            res.update(status="rejected", reason=reason)  # (not the record's id: it would lead back to them)
        elif not same_person(v, holder.full_name, holder.birth_date, holder.id_number):
            # the card number (or name and birth date) is another person's: not them, and not a new record
            res.update(status="rejected", reason=key_taken_reason(v))  # (nor whose: it may be out of scope)
        else:
            res.update(status="unchanged", reason="already imported", person_id=holder.person_id)

    for v, first in contested:  # another person's key in this request: theirs, or a record's already
        if (holder := existing.get(v.key)) is not None:
            known(v, holder)
        else:
            by_row[v.row].update(status="rejected", reason=key_taken_reason(v, first.row))

    batch = ImportBatch()
    events: list[Event] = []
    for v in valid:
        res = by_row[v.row]
        if (holder := existing.get(v.key)) is not None:
            known(v, holder)
            continue
        if v.unit_code in ending:
            res.update(status="rejected", reason=ended_reason(v.unit_code))
            continue
        if v.id_number is not None and v.id_number in holders:
            # (not whose: the record may be outside the importing user's scope)
            res.update(status="rejected", reason="id_number already belongs to another person's record")
            continue
        versions = units.get(v.unit_code)
        if not versions:
            res.update(status="rejected", reason=f"unit_code {v.unit_code!r} does not exist")
            continue
        on = v.starts_on
        missing = [d for d in dict.fromkeys((on, v.roles_since or on)) if version_as_of(versions, d) is None]
        if missing:
            res.update(status="rejected", reason=f"unit {v.unit_code} did not exist on {missing[0].isoformat()}")
            continue
        unit_id = versions[0].unit_id
        person_id = uuid.uuid4()
        batch.people.append((person_id, v.key, unit_id))
        batch.personal.append((person_id, v.full_name, v.gender, v.birth_date, v.phone, v.id_number, v.address))
        batch.consents.append((uuid.uuid4(), person_id, v.consent_purpose, v.consent_given_on))
        if v.membership:
            mid = uuid.uuid4()
            batch.memberships.append((mid, person_id, unit_id, v.member_code, on, "active", on))
            batch.periods.append((mid, unit_id, "active", on))
            # the row's fee status is for its fee_year (else the year joined), as POST /people/{id}/membership
            # takes it: a row joined in 2015 with "2023: paid" says nothing of 2015's fee
            fee_year = v.fee_year if v.fee_year is not None else on.year
            batch.fees.append((mid, fee_year, v.fee_status))
            events.append(
                MembershipStarted(
                    person_id=person_id,
                    membership_id=mid,
                    unit_id=unit_id,
                    joined_on=on,
                    fee_status=v.fee_status,
                    fee_year=fee_year,
                )
            )
        since = v.roles_since or on
        for role in v.roles:
            rid = uuid.uuid4()
            batch.roles.append((rid, person_id, role, unit_id, since))
            events.append(RoleAssigned(person_id=person_id, role_id=rid, role=role, unit_id=unit_id, start_on=since))
        res.update(status="created", person_id=person_id)

    await uow.people.insert_imported(batch)
    uow.emit(*events)
    totals = {s: sum(1 for r in results if r["status"] == s) for s in ("created", "unchanged", "rejected")}
    return {**totals, "results": results}
