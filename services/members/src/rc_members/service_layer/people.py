"""Use cases about people: personal data and consent, memberships, fees, transfers, roles, hours, training."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from rc_members.adapters.people_repo import PERSONAL_FIELDS, PeopleRepository
from rc_members.adapters.units_repo import UnitRepository
from rc_members.domain.people import (
    OPEN_STATUSES,
    check_hours,
    check_status_change,
    check_training,
    hundredths,
    name_query,
    number_query,
)
from rc_members.service_layer.policy import Policy
from rc_members.service_layer.unit_of_work import MembersUnitOfWork, PeopleRepo
from rc_members.service_layer.units import _referenced_unit, check_roles_movable, move_roles_to
from rc_shared.errors import Conflict, Invalid, NotFound
from rc_shared.events.members import (
    CourseKind,
    MembershipFeeStatusChanged,
    MembershipStarted,
    MembershipStatusChanged,
    MemberTransferred,
    PersonErased,
    RoleAssigned,
    RoleEnded,
    TrainingRecorded,
    VolunteerHoursLogged,
)
from rc_shared.uow import columns


async def _person(repo: PeopleRepo, person_id: uuid.UUID) -> Any:
    row = await repo.get(person_id, lock=True)
    if row is None:
        raise NotFound(f"person {person_id} not found", person_id=str(person_id))
    return row


def _alive(person: Any) -> None:
    if person["deceased_on"] is not None:
        raise Conflict("the person is recorded as deceased", deceased_on=person["deceased_on"].isoformat())


def _not_erased(person: Any) -> None:
    if person["erased_at"] is not None:
        raise Conflict("the person's personal data was erased; it cannot be stored again for this record")


async def _id_number_free(repo: PeopleRepo, id_number: str | None, person_id: uuid.UUID | None = None) -> None:
    """Refuse an identity number another person's record holds already: one person, one record. The
    answer does not say whose record (it may be outside the caller's scope: that a number is recorded
    there is all it tells); the people search, scoped, finds it by the number. An edit that keeps the
    person's own number is not refused (two records that shared one before the rule stay editable)."""
    if id_number is None:
        return
    if person_id is not None:
        own = await repo.personal(person_id)
        if own is not None and own["id_number"] == id_number:
            return
    holder = (await repo.ids_by_id_number([id_number])).get(id_number)
    if holder is not None and holder != person_id:
        raise Conflict(
            "id_number is already recorded for another person: one person has one record (search for the"
            " number to find it)",
            field="id_number",
        )


def _check_past(policy: Policy, d: date, field: str) -> None:
    if d > policy.today():
        raise Invalid(f"{field} cannot be in the future", field=field)


async def register_person(
    uow: MembersUnitOfWork,
    policy: Policy,
    *,
    personal: dict[str, Any],
    consent_purpose: str,
    consent_given_on: date,
    unit_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """A new person with consent, registered by ``unit_id`` (None: organisation-wide)."""
    _check_past(policy, consent_given_on, "consent.given_on")
    birth = personal.get("birth_date")
    if birth is not None:
        _check_past(policy, birth, "birth_date")
    if unit_id is not None:
        await _referenced_unit(uow.units, unit_id, policy.today(), "unit_id")
    repo = uow.people
    await _id_number_free(repo, personal.get("id_number"))
    person_id = uuid.uuid4()
    await repo.insert(person_id, personal, unit_id=unit_id)
    await repo.insert_consent(uuid.uuid4(), person_id, consent_purpose, consent_given_on)
    return person_id


async def update_person(uow: MembersUnitOfWork, policy: Policy, person_id: uuid.UUID, changes: dict[str, Any]) -> None:
    repo = uow.people
    person = await _person(repo, person_id)
    _not_erased(person)
    if "full_name" in changes and changes["full_name"] is None:
        raise Invalid("full_name cannot be removed", field="full_name")
    if changes.get("birth_date") is not None:
        _check_past(policy, changes["birth_date"], "birth_date")
    today = policy.today()
    if not any(c["withdrawn_on"] is None or c["withdrawn_on"] > today for c in await repo.consents(person_id)):
        raise Conflict("no active consent: personal data cannot be changed or stored (record a consent first)")
    if "id_number" in changes:
        await _id_number_free(repo, changes["id_number"], person_id)
    await repo.update_personal(person_id, changes)


async def person_view(repo: PeopleRepo, person_id: uuid.UUID) -> dict[str, Any]:
    person = await repo.get(person_id)
    if person is None:
        raise NotFound(f"person {person_id} not found", person_id=str(person_id))
    out: dict[str, Any] = {
        "id": person_id,
        "registered_unit_id": person["unit_id"],
        "erased": person["erased_at"] is not None,
    }
    if not out["erased"]:
        pd = await repo.personal(person_id)
        for f in PERSONAL_FIELDS:
            out[f] = pd[f] if pd else None
    out["deceased_on"] = person["deceased_on"]
    memberships = []
    for m in await repo.memberships(person_id):
        memberships.append(
            {
                **columns(
                    m, "id", "unit_id", "unit_code", "unit_name", "member_code", "joined_on", "status", "status_since"
                ),
                "fees": {r["year"]: r["fee_status"] for r in await repo.fees(m["id"])},
                "history": [
                    columns(p, "unit_id", "unit_code", "unit_name", "status", "valid_from", "valid_to")
                    for p in await repo.periods(m["id"])
                ],
            }
        )
    out["memberships"] = memberships
    out["roles"] = [
        columns(r, "id", "role", "unit_id", "unit_code", "unit_name", "start_on", "end_on")
        for r in await repo.roles(person_id)
    ]
    out["consents"] = [columns(r, "id", "purpose", "given_on", "withdrawn_on") for r in await repo.consents(person_id)]
    out["volunteer_hours_total"] = await repo.hours_total(person_id)
    out["training"] = [
        columns(
            r,
            "id",
            "kind",
            "title",
            "completed_on",
            "hours",
            "unit_id",
            "unit_code",
            "unit_name",
            "provider",
            "certificate_no",
        )
        for r in await repo.training(person_id)
    ]
    out["courses"] = [
        columns(
            r,
            "course_id",
            "title",
            "kind",
            "unit_id",
            "unit_code",
            "unit_name",
            "starts_on",
            "ends_on",
            "attended",
            "passed",
        )
        for r in await repo.courses_taken(person_id)
    ]
    return out


async def search_people(
    conn: Any,
    policy: Policy,
    *,
    among: list[uuid.UUID] | None,
    unit_id: uuid.UUID | None = None,
    q: str | None = None,
    status: str | None = None,
    role: str | None = None,
    fee_status: str | None = None,
    fee_year: int | None = None,
    after: uuid.UUID | None = None,
    after_key: str | None = None,
    limit: int = 50,
) -> dict[str, Any]:
    """A page of people in ``among`` (None: everyone), narrowed to ``unit_id``'s subtree and the filters.

    Ordered by folded name, then id; ``after`` is the last id of the previous page, and ``after_key``
    (its ``next_after_key``) the sort key it had then, so a rename or erasure since skips nobody. Items carry the
    name, gender and birth date (enough to tell namesakes apart), the current membership and the
    roles held today; the other personal fields are read one person at a time (GET /people/{id}).
    Erased people have no name left and are not listed.
    """
    today = policy.today()
    if role is not None and role not in policy.roles.roles:
        raise Invalid(f"unknown role {role!r}; roles are {', '.join(policy.roles.roles)}", field="role")
    number = number_query(q) if q is not None else None  # a whole phone or identity number: that person
    # a name too, unless it is digits only ("C1234567" may be a passport's number or a name's part)
    text = name_query(q) if q is not None and (number is None or any(ch.isalpha() for ch in q)) else None
    if unit_id is not None:
        units = UnitRepository(conn)
        if await units.get(unit_id) is None:
            raise NotFound(f"unit {unit_id} not found", unit_id=str(unit_id))
        among = await units.subtree_ids(unit_id, today)
    repo = PeopleRepository(conn)
    position = None
    if after_key is not None:
        # the previous page's own position (next_after_key with next_after): the page continues there whatever
        # became of that person since (renamed, erased, moved out of the listing), with no lookup
        if after is None:
            raise Invalid("after_key goes with after (the previous page's next_after)", field="after_key")
        position = (after_key, after)
    elif after is not None:
        key = await repo.sort_key(after)
        listed = among is None or bool(set(await repo.scope_units(after, today) or []) & set(among))
        if key is None or not listed:
            raise Invalid("after must be the id of the last person of the previous page of this listing", field="after")
        position = (key, after)
    year = fee_year or today.year
    rows = await repo.search(
        today,
        among=among,
        q=text,
        number=number,
        status=status,
        role=role,
        fee_status=fee_status,
        fee_year=year,
        after=position,
        limit=limit + 1,
    )
    page = rows[:limit]
    roles: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for r in await repo.roles_held([p["id"] for p in page], today):
        roles.setdefault(r["person_id"], []).append(
            columns(r, "id", "role", "unit_id", "unit_code", "unit_name", "start_on")
        )
    items = []
    for p in page:
        membership = None
        if p["membership_id"] is not None:
            membership = {
                "id": p["membership_id"],
                "unit_id": p["membership_unit_id"],
                "unit_code": p["membership_unit_code"],
                "unit_name": p["membership_unit_name"],
                **columns(p, "member_code", "joined_on", "status", "status_since", "fee_status"),
            }
        items.append(
            {
                **columns(p, "id", "full_name", "gender", "birth_date", "deceased_on", "registered_unit_id"),
                "membership": membership,
                "roles": roles.get(p["id"], []),
            }
        )
    more = len(rows) > limit
    return {
        "as_of": today,
        "fee_year": year,
        "count": len(items),
        "items": items,
        "next_after": items[-1]["id"] if more else None,
        "next_after_key": rows[len(items) - 1]["name_key"] if more else None,
    }


async def start_membership(
    uow: MembersUnitOfWork,
    policy: Policy,
    person_id: uuid.UUID,
    *,
    unit_id: uuid.UUID,
    joined_on: date,
    fee_status: str,
    fee_year: int | None,
    member_code: str | None,
) -> uuid.UUID:
    _check_past(policy, joined_on, "joined_on")
    repo = uow.people
    person = await _person(repo, person_id)
    _alive(person)
    personal = await repo.personal(person_id)
    birth = personal["birth_date"] if personal is not None else None
    if birth is not None and joined_on < birth:
        raise Invalid(
            f"joined_on {joined_on.isoformat()} is before the birth date {birth.isoformat()}", field="joined_on"
        )
    if fee_year is not None and fee_year < joined_on.year:  # as the fee of a year is set: none before joining
        raise Invalid(f"fee_year {fee_year} is before the year joined ({joined_on.year})", field="fee_year")
    memberships = await repo.memberships(person_id)
    for m in memberships:
        if m["status"] in OPEN_STATUSES:
            raise Conflict(
                f"the person already has an {m['status']} membership in unit {m['unit_code']}",
                membership_id=str(m["id"]),
            )
    # one unit at a time: a membership closed on a day (its end: the person is not a member that day) is
    # followed by one that starts that day at the earliest, else the person is counted in both units (a
    # resignation recorded ahead, to 31/12, and a join in the new unit today)
    ended = max((m["status_since"] for m in memberships), default=None)
    if ended is not None and joined_on < ended:
        raise Conflict(
            f"joined_on {joined_on.isoformat()} is before the person's last membership ended "
            f"({ended.isoformat()}, in unit {next(m['unit_code'] for m in memberships if m['status_since'] == ended)}):"
            " a person is a member of one unit at a time",
            field="joined_on",
            since=ended.isoformat(),
        )
    await _referenced_unit(uow.units, unit_id, joined_on, "unit_id")
    membership_id = uuid.uuid4()
    await repo.insert_membership(membership_id, person_id, unit_id, joined_on, member_code)
    year = fee_year or joined_on.year
    await repo.set_fee(membership_id, year, fee_status)
    uow.emit(
        MembershipStarted(
            person_id=person_id,
            membership_id=membership_id,
            unit_id=unit_id,
            joined_on=joined_on,
            fee_status=fee_status,
            fee_year=year,
        )
    )
    return membership_id


async def _current_membership(repo: PeopleRepo, person_id: uuid.UUID) -> Any:
    m = await repo.latest_membership(person_id)
    if m is None:
        raise Conflict("the person has no membership", person_id=str(person_id))
    return m


async def change_membership_status(
    uow: MembersUnitOfWork, policy: Policy, person_id: uuid.UUID, *, status: str, effective_on: date
) -> None:
    repo = uow.people
    person = await _person(repo, person_id)
    m = await _current_membership(repo, person_id)
    check_status_change(m["status"], status, m["status_since"], effective_on)
    if status not in OPEN_STATUSES:
        # a membership ends when it ends, not ahead: a resignation recorded to the year's end left the person
        # a member meanwhile, who could then neither join their new unit nor be transferred (the latest
        # status, closed, takes no transfer) until that day
        _check_past(policy, effective_on, "effective_on")
    if status in OPEN_STATUSES and m["status"] not in OPEN_STATUSES:
        _alive(person)
        others = [x for x in await repo.memberships(person_id) if x["status"] in OPEN_STATUSES and x["id"] != m["id"]]
        if others:
            raise Conflict("the person already has another open membership")
    await repo.change_membership(m["id"], effective_on, unit_id=m["unit_id"], status=status)
    uow.emit(
        MembershipStatusChanged(
            person_id=person_id,
            membership_id=m["id"],
            unit_id=m["unit_id"],
            status=status,
            effective_on=effective_on,
        )
    )
    if status == "deceased":
        await _died(uow, person_id, effective_on)


async def _died(uow: MembersUnitOfWork, person_id: uuid.UUID, on: date) -> None:
    """The person is recorded as deceased on ``on``: their roles end (each on its start at the earliest)."""
    repo = uow.people
    await repo.set_deceased(person_id, on)
    for r in await repo.open_roles(person_id):
        end = max(on, r["start_on"])
        await repo.end_role(r["id"], end)
        uow.emit(RoleEnded(person_id=person_id, role_id=r["id"], role=r["role"], unit_id=r["unit_id"], end_on=end))


async def record_death(uow: MembersUnitOfWork, policy: Policy, person_id: uuid.UUID, *, deceased_on: date) -> None:
    """A person's death, member or not (a volunteer who never joined stayed 'alive', with open roles,
    in every volunteer count): an open membership becomes ``deceased`` as its status change does; the
    roles end either way."""
    repo = uow.people
    person = await _person(repo, person_id)
    _alive(person)
    _check_past(policy, deceased_on, "deceased_on")
    m = await repo.latest_membership(person_id)
    if m is not None and m["status"] in OPEN_STATUSES:
        await change_membership_status(uow, policy, person_id, status="deceased", effective_on=deceased_on)
    else:
        await _died(uow, person_id, deceased_on)


async def set_fee_status(uow: MembersUnitOfWork, person_id: uuid.UUID, *, year: int, fee_status: str) -> None:
    repo = uow.people
    await _person(repo, person_id)
    m = await _current_membership(repo, person_id)
    if year < m["joined_on"].year:
        raise Conflict(f"the membership started in {m['joined_on'].year}, after {year}", joined_on=m["joined_on"])
    prev = await repo.set_fee(m["id"], year, fee_status)
    if prev != fee_status:
        uow.emit(
            MembershipFeeStatusChanged(
                person_id=person_id,
                membership_id=m["id"],
                unit_id=m["unit_id"],
                fee_status=fee_status,
                year=year,
            )
        )


async def transfer(
    uow: MembersUnitOfWork,
    policy: Policy,
    person_id: uuid.UUID,
    *,
    to_unit_id: uuid.UUID,
    effective_on: date,
    move_roles: bool = True,
) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """The membership moves to another unit from a day, not after today, and (``move_roles``) the roles the
    person holds in the unit left (a volunteer of the old commune volunteers in the new one: their hours
    and the units' counts follow). The membership's id and the moved roles' new ids."""
    repo = uow.people
    person = await _person(repo, person_id)
    _alive(person)
    # a transfer takes effect when it does, not ahead: one dated ahead made that day the membership's last
    # change, so a death or resignation before it (each dated from the last change on) could not be recorded
    _check_past(policy, effective_on, "effective_on")
    m = await _current_membership(repo, person_id)
    if m["status"] not in OPEN_STATUSES:
        raise Conflict(f"the membership is {m['status']}: only an active or lapsed membership can be transferred")
    if m["unit_id"] == to_unit_id:
        raise Conflict("the member is already in that unit")
    if effective_on < m["status_since"]:
        raise Conflict(
            f"effective_on is before the membership's last change ({m['status_since'].isoformat()})",
            since=m["status_since"].isoformat(),
        )
    await _referenced_unit(uow.units, to_unit_id, effective_on, "to_unit_id")
    roles = [r for r in await repo.open_roles(person_id) if r["unit_id"] == m["unit_id"]] if move_roles else []
    check_roles_movable(roles, effective_on)  # (before any change)
    await repo.change_membership(m["id"], effective_on, unit_id=to_unit_id, status=m["status"])
    uow.emit(
        MemberTransferred(
            person_id=person_id,
            membership_id=m["id"],
            from_unit_id=m["unit_id"],
            to_unit_id=to_unit_id,
            effective_on=effective_on,
        )
    )
    moved = await move_roles_to(uow, roles, to_unit_id, effective_on)
    return m["id"], moved


async def assign_role(
    uow: MembersUnitOfWork, policy: Policy, person_id: uuid.UUID, *, role: str, unit_id: uuid.UUID, start_on: date
) -> uuid.UUID:
    repo = uow.people
    person = await _person(repo, person_id)
    _alive(person)
    pd = await repo.personal(person_id)
    policy.roles.check(role, pd["birth_date"] if pd else None, start_on)
    if await repo.open_role(person_id, role) is not None:
        raise Conflict(f"the person already holds the {role} role", role=role)
    # nor one that ends after this start (an end recorded ahead): the person would hold it twice meanwhile,
    # in two units, and be counted in both
    ending = max((r["end_on"] for r in await repo.roles(person_id) if r["role"] == role), default=None)
    if ending is not None and start_on < ending:
        raise Conflict(
            f"the person holds the {role} role until {ending.isoformat()}: a new one starts that day at the earliest",
            role=role,
            field="start_on",
            since=ending.isoformat(),
        )
    await _referenced_unit(uow.units, unit_id, start_on, "unit_id")
    role_id = uuid.uuid4()
    await repo.insert_role(role_id, person_id, role, unit_id, start_on)
    uow.emit(RoleAssigned(person_id=person_id, role_id=role_id, role=role, unit_id=unit_id, start_on=start_on))
    return role_id


async def end_role(
    uow: MembersUnitOfWork, policy: Policy, person_id: uuid.UUID, role_id: uuid.UUID, *, end_on: date
) -> None:
    """A role ends on a day, not ahead (an end recorded ahead kept the role held, so the same role could not
    be taken in another unit meanwhile)."""
    _check_past(policy, end_on, "end_on")
    repo = uow.people
    await _person(repo, person_id)
    r = await repo.role(role_id)
    if r is None or r["person_id"] != person_id:
        raise NotFound(f"role {role_id} of person {person_id} not found")
    if r["end_on"] is not None:
        raise Conflict(f"the role already ended on {r['end_on'].isoformat()}")
    if end_on < r["start_on"]:
        raise Conflict(f"end_on is before the role's start ({r['start_on'].isoformat()})")
    await repo.end_role(role_id, end_on)
    uow.emit(RoleEnded(person_id=person_id, role_id=role_id, role=r["role"], unit_id=r["unit_id"], end_on=end_on))


async def log_hours(
    uow: MembersUnitOfWork,
    policy: Policy,
    person_id: uuid.UUID,
    *,
    hours: float,
    worked_on: date,
    key: str | None = None,
) -> tuple[uuid.UUID, bool]:
    """The entry logged (and whether this request logged it: False, the entry an earlier request with the same
    Idempotency-Key ``key`` logged; the same key with another person, day or hours is a 422 naming it)."""
    check_hours(hours, worked_on, policy.today())
    hours = hundredths(hours)  # (as stored: the answer and the event carry the same figure)
    repo = uow.people
    if key is not None and (earlier := await repo.hours_logged_with(key)) is not None:
        if (earlier["person_id"], float(earlier["hours"]), earlier["worked_on"]) != (person_id, hours, worked_on):
            raise Invalid(
                f"Idempotency-Key {key!r} logged other hours (another person, day or number of hours): send a new key "
                "for a new entry",
                field="Idempotency-Key",
            )
        return earlier["id"], False
    await _person(repo, person_id)
    role = await repo.role_on(person_id, policy.roles.volunteer, worked_on)
    if role is None:
        raise Conflict(f"the person was not a volunteer on {worked_on.isoformat()}")
    already = await repo.hours_on(person_id, worked_on)
    if already + hours > 24:
        raise Conflict(f"{already:g} hours are already logged on {worked_on.isoformat()}: at most 24 a day")
    entry_id = uuid.uuid4()
    await repo.insert_hours(entry_id, person_id, role["unit_id"], hours, worked_on, key)
    uow.emit(
        VolunteerHoursLogged(
            person_id=person_id, entry_id=entry_id, unit_id=role["unit_id"], hours=hours, worked_on=worked_on
        )
    )
    return entry_id, True


async def record_training(
    uow: MembersUnitOfWork,
    policy: Policy,
    person_id: uuid.UUID,
    *,
    kind: CourseKind,
    completed_on: date,
    hours: float,
    unit_id: uuid.UUID,
    title: str | None = None,
    provider: str | None = None,
    certificate_no: str | None = None,
) -> uuid.UUID:
    """A training the person completed, given or recorded by ``unit_id`` (which existed that day)."""
    repo = uow.people
    person = await _person(repo, person_id)
    if certificate_no is not None:
        _not_erased(person)  # erasure cleared the certificates' numbers: one leads back to the person
    pd = await repo.personal(person_id)
    check_training(hours, completed_on, policy.today(), pd["birth_date"] if pd else None)
    hours = hundredths(hours)
    await _referenced_unit(uow.units, unit_id, completed_on, "unit_id")
    if certificate_no is not None and await repo.has_certificate(person_id, certificate_no):
        raise Conflict(f"certificate {certificate_no} is already recorded for this person", field="certificate_no")
    training_id = uuid.uuid4()
    record = {
        "kind": kind,
        "title": title,
        "completed_on": completed_on,
        "hours": hours,
        "unit_id": unit_id,
        "provider": provider,
        "certificate_no": certificate_no,
    }
    await repo.insert_training(training_id, person_id, record)
    uow.emit(
        TrainingRecorded(
            person_id=person_id,
            training_id=training_id,
            unit_id=unit_id,
            course_kind=kind,
            completed_on=completed_on,
            hours=hours,
        )
    )
    return training_id


async def add_consent(
    uow: MembersUnitOfWork, policy: Policy, person_id: uuid.UUID, *, purpose: str, given_on: date
) -> uuid.UUID:
    _check_past(policy, given_on, "given_on")
    repo = uow.people
    person = await _person(repo, person_id)
    _not_erased(person)
    consent_id = uuid.uuid4()
    await repo.insert_consent(consent_id, person_id, purpose, given_on)
    return consent_id


async def withdraw_consent(
    uow: MembersUnitOfWork, policy: Policy, person_id: uuid.UUID, consent_id: uuid.UUID, *, withdrawn_on: date
) -> None:
    _check_past(policy, withdrawn_on, "withdrawn_on")
    repo = uow.people
    await _person(repo, person_id)
    consent = next((c for c in await repo.consents(person_id) if c["id"] == consent_id), None)
    if consent is None:
        raise NotFound(f"consent {consent_id} of person {person_id} not found")
    if consent["withdrawn_on"] is not None:
        raise Conflict(f"the consent was already withdrawn on {consent['withdrawn_on'].isoformat()}")
    if withdrawn_on < consent["given_on"]:
        raise Conflict("withdrawn_on is before the consent was given")
    await repo.withdraw_consent(consent_id, withdrawn_on)


async def erase(uow: MembersUnitOfWork, person_id: uuid.UUID) -> bool:
    """Erase personal data; keep the person id, memberships and roles. False if already erased."""
    repo = uow.people
    person = await _person(repo, person_id)
    if person["erased_at"] is not None:
        return False
    await repo.erase(person_id)
    uow.emit(PersonErased(person_id=person_id))
    return True


async def stats(conn: Any, unit_id: uuid.UUID | None, as_of: date) -> dict[str, Any]:
    units = UnitRepository(conn)
    ids = None
    if unit_id is not None:
        if await units.get(unit_id) is None:
            raise NotFound(f"unit {unit_id} not found")
        ids = await units.subtree_ids(unit_id, as_of)
    counts = await PeopleRepository(conn).counts_as_of(ids, as_of)
    return {"as_of": as_of, "unit_id": unit_id, "units": len(ids) if ids is not None else None, **counts}
