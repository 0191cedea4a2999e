"""SQL for people, personal data, consents, memberships, roles, hours, groups and training."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import asyncpg

from rc_members.domain.imports import ImportBatch, KeyHolder
from rc_shared.db import insert_row, like_escaped

PERSONAL_FIELDS = ("full_name", "gender", "birth_date", "phone", "id_number", "address", "health_notes")
# A person's current membership: the open one, else the latest.


def unit_name_of(alias: str) -> str:
    """SQL for the name of the unit ``alias`` as staff know it now: its version in force today (the
    server's date), else its latest (a unit merged or dissolved keeps its last name)."""
    return (
        f"(SELECT v.name FROM unit_versions v WHERE v.unit_id = {alias}.id"
        " ORDER BY v.valid_from <= CURRENT_DATE DESC, v.valid_from DESC LIMIT 1)"
    )


CURRENT_MEMBERSHIP_ORDER = "(status IN ('active','lapsed')) DESC, created_at DESC, joined_on DESC"
# The current membership's (m) fee status for the year $1 (f: its membership_fees row of that year).
_FEE_STATUS = (
    "coalesce(f.fee_status, CASE WHEN m.status IN ('active', 'lapsed') AND m.joined_on <= make_date($1, 12, 31)"
    " THEN 'unpaid' END)"
)


class PeopleRepository:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def _fetch(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        return list(await self.conn.fetch(sql, *args))

    # ------------------------------------------------------------------ people
    async def get(self, person_id: uuid.UUID, *, lock: bool = False) -> asyncpg.Record | None:
        sql = "SELECT * FROM people WHERE id = $1" + (" FOR UPDATE" if lock else "")
        return await self.conn.fetchrow(sql, person_id)

    async def personal(self, person_id: uuid.UUID) -> asyncpg.Record | None:
        return await self.conn.fetchrow("SELECT * FROM personal_data WHERE person_id = $1", person_id)

    async def insert(
        self,
        person_id: uuid.UUID,
        personal: dict[str, Any],
        import_key: str | None = None,
        unit_id: uuid.UUID | None = None,
    ) -> None:
        await insert_row(self.conn, "people", id=person_id, import_key=import_key, unit_id=unit_id)
        given = {f: personal[f] for f in PERSONAL_FIELDS if f in personal}
        await insert_row(self.conn, "personal_data", person_id=person_id, **given)

    async def update_personal(self, person_id: uuid.UUID, changes: dict[str, Any]) -> None:
        cols = [f for f in PERSONAL_FIELDS if f in changes]
        if not cols:
            return
        sets = ", ".join(f"{c} = ${i + 2}" for i, c in enumerate(cols))
        await self.conn.execute(
            f"UPDATE personal_data SET {sets}, updated_at = now() WHERE person_id = $1",
            person_id,
            *(changes[c] for c in cols),
        )

    async def erase(self, person_id: uuid.UUID) -> None:
        await self.conn.execute("DELETE FROM personal_data WHERE person_id = $1", person_id)
        # a certificate's number leads back to the person: the training record keeps its other facts
        await self.conn.execute("UPDATE person_training SET certificate_no = NULL WHERE person_id = $1", person_id)
        await self.conn.execute("UPDATE memberships SET member_code = NULL WHERE person_id = $1", person_id)
        # the import key as a salted hash of it (migration 0009): an old sheet imported again finds the
        # person erased, not a stranger to create, and the key no longer gives the member code or the
        # hash of a name and birth date anyone can test
        await self.conn.execute(
            "UPDATE people SET erased_at = now(), import_key = erased_import_key(import_key)"
            " WHERE id = $1 AND erased_at IS NULL",
            person_id,
        )

    async def set_deceased(self, person_id: uuid.UUID, on: date) -> None:
        await self.conn.execute("UPDATE people SET deceased_on = $2 WHERE id = $1", person_id, on)

    async def scope_units(self, person_id: uuid.UUID, today: date) -> list[uuid.UUID] | None:
        """The units a person belongs to for access control (None: no such person).

        The units of the open membership and of the roles held today; when there is none, the unit
        of the latest membership, else of the latest role, else the unit that registered the person
        (an empty list: registered organisation-wide), and if that unit has ended, its heir (the unit it
        was merged into, else its parent). The rule is the SQL function ``person_scope_units``
        (migrations 0003 and 0010), which listings apply to many people at once.
        """
        if not await self.conn.fetchval("SELECT EXISTS (SELECT 1 FROM people WHERE id = $1)", person_id):
            return None
        rows = await self._fetch("SELECT u FROM person_scope_units($1, $2) AS s(u)", person_id, today)
        return [r["u"] for r in rows]

    async def search(
        self,
        today: date,
        *,
        among: list[uuid.UUID] | None,
        q: str | None,
        status: str | None,
        role: str | None,
        fee_status: str | None,
        fee_year: int,
        after: tuple[str, uuid.UUID] | None,
        limit: int,
        number: tuple[str | None, str | None] | None = None,
    ) -> list[asyncpg.Record]:
        """People with personal data (not erased), by folded name then id, at most ``limit``.

        ``among``: only people one of whose access-control units (``person_scope_units``) is in it;
        ``q``: a fragment of the folded name; ``number``: a (phone, identity number) in their stored
        forms, either matching; ``status``: of the current membership; ``role``: held
        ``today``; ``fee_status``: of the current membership for ``fee_year`` (none recorded counts as
        unpaid for an open membership joined by then); ``after``: the (name key, id) to continue after.
        """
        args: list[Any] = [fee_year]
        where: list[str] = []

        def arg(value: Any) -> str:
            args.append(value)
            return f"${len(args)}"

        if among is not None:
            a, d = f"{arg(among)}::uuid[]", arg(today)
            where.append(f"EXISTS (SELECT 1 FROM person_scope_units(pd.person_id, {d}) AS s(u) WHERE s.u = ANY({a}))")
            units = await self.conn.fetchval("SELECT count(*) FROM unit_versions WHERE valid_to IS NULL")
            if 2 * len(among) < units:
                # a small part of the tree: start from its people (through the unit indexes) rather
                # than walk everyone in name order; a large part: the walk stops after one page. Its
                # people include those of the units that ended into it (their heir, migrations 0010 and
                # 0011), walked back from the scope through units.heir_id: the cost is the scope's, not the
                # organisation's.
                where.append(
                    f"pd.person_id IN (WITH RECURSIVE reach(id) AS (SELECT unnest({a})"
                    f" UNION SELECT x.id FROM units x JOIN reach r ON x.heir_id = r.id WHERE x.ended_on <= {d})"
                    " SELECT person_id FROM memberships WHERE unit_id IN (SELECT id FROM reach)"
                    " UNION SELECT person_id FROM roles WHERE unit_id IN (SELECT id FROM reach)"
                    " UNION SELECT id FROM people WHERE unit_id IN (SELECT id FROM reach))"
                )
        found: list[str] = []  # the person matches the name or the number
        if q is not None:
            escaped = like_escaped(q)
            found.append(f"pd.name_key LIKE '%' || rc_fold({arg(escaped)}) || '%'")
        if number is not None:
            phone, id_number = number
            found.append(f"pd.phone = {arg(phone)} OR pd.id_number = {arg(id_number)}")
        if found:
            where.append("(" + " OR ".join(found) + ")")
        if status is not None:
            where.append(f"m.status = {arg(status)}")
        if role is not None:
            r, d = arg(role), arg(today)
            where.append(
                f"EXISTS (SELECT 1 FROM roles r WHERE r.person_id = pd.person_id AND r.role = {r}"
                f" AND r.start_on <= {d} AND (r.end_on IS NULL OR r.end_on > {d}))"
            )
        if fee_status is not None:
            where.append(f"{_FEE_STATUS} = {arg(fee_status)}")
        if after is not None:
            where.append(f"(pd.name_key, pd.person_id) > ({arg(after[0])}, {arg(after[1])})")
        return await self._fetch(
            f"""
            SELECT pd.person_id AS id, pd.full_name, pd.gender, pd.birth_date, pd.name_key,
                   p.deceased_on, p.unit_id AS registered_unit_id,
                   m.id AS membership_id, m.unit_id AS membership_unit_id, mu.code AS membership_unit_code,
                   {unit_name_of("mu")} AS membership_unit_name,
                   m.member_code, m.joined_on, m.status, m.status_since, {_FEE_STATUS} AS fee_status
              FROM personal_data pd
              JOIN people p ON p.id = pd.person_id
              LEFT JOIN LATERAL (
                  SELECT * FROM memberships WHERE person_id = pd.person_id ORDER BY {CURRENT_MEMBERSHIP_ORDER} LIMIT 1
              ) m ON true
              LEFT JOIN units mu ON mu.id = m.unit_id
              LEFT JOIN membership_fees f ON f.membership_id = m.id AND f.year = $1
             WHERE {" AND ".join(where) or "true"}
             ORDER BY pd.name_key, pd.person_id
             LIMIT {arg(limit)}
            """,
            *args,
        )

    async def sort_key(self, person_id: uuid.UUID) -> str | None:
        """The listing's sort key of a person (None: unknown or erased)."""
        key: str | None = await self.conn.fetchval("SELECT name_key FROM personal_data WHERE person_id = $1", person_id)
        return key

    async def roles_held(self, person_ids: list[uuid.UUID], on: date) -> list[asyncpg.Record]:
        """The roles held on ``on`` by each of ``person_ids``."""
        return await self._fetch(
            f"SELECT r.person_id, r.id, r.role, r.unit_id, u.code AS unit_code, {unit_name_of('u')} AS unit_name,"
            " r.start_on FROM roles r JOIN units u ON u.id = r.unit_id"
            " WHERE r.person_id = ANY($1::uuid[]) AND r.start_on <= $2 AND (r.end_on IS NULL OR r.end_on > $2)"
            " ORDER BY r.person_id, r.role, r.start_on",
            person_ids,
            on,
        )

    # ------------------------------------------------------------------ import
    async def import_key_holders(self, keys: list[str]) -> dict[str, KeyHolder]:
        """The person of each known import key: when their personal data was erased (None: not), and their
        name, birth date and identity number (which tell whether a row is them again); an erased person's
        key is found in its erased form (migration 0009)."""
        rows = await self._fetch(
            "SELECT k.key, p.id, p.erased_at, d.full_name, d.birth_date, d.id_number FROM unnest($1::text[]) AS k(key)"
            " JOIN people p ON p.import_key = k.key OR p.import_key = erased_import_key(k.key)"
            " LEFT JOIN personal_data d ON d.person_id = p.id",
            keys,
        )
        return {
            r["key"]: KeyHolder(r["id"], r["erased_at"], r["full_name"], r["birth_date"], r["id_number"]) for r in rows
        }

    async def ids_by_id_number(self, numbers: list[str]) -> dict[str, uuid.UUID]:
        """The person holding each identity number (its stored form, rc_shared.contact), after waiting for
        any other transaction checking the same numbers: two imports or registrations of one number at
        once cannot both find it free. The locks are of 1,024 buckets of numbers, not of each number: a
        2,000-row import holds at most 1,024 (PostgreSQL's lock table is shared by the server's databases)."""
        await self.conn.execute(  # in one order, so two imports sharing buckets cannot deadlock
            "SELECT count(pg_advisory_xact_lock(7319, b)) FROM (SELECT DISTINCT"
            " (hashtextextended(n, 0) & 1023)::int AS b FROM unnest($1::text[]) AS u(n) ORDER BY 1) AS s",
            numbers,
        )
        rows = await self._fetch(
            "SELECT id_number, person_id FROM personal_data WHERE id_number = ANY($1::text[])", numbers
        )
        return {r["id_number"]: r["person_id"] for r in rows}

    async def insert_imported(self, batch: ImportBatch) -> None:
        """Write an import's rows with COPY, table by table (parents first)."""
        copies: list[tuple[str, list[tuple[Any, ...]], tuple[str, ...]]] = [
            ("people", batch.people, ("id", "import_key", "unit_id")),
            (
                "personal_data",
                batch.personal,
                ("person_id", "full_name", "gender", "birth_date", "phone", "id_number", "address"),
            ),
            ("consents", batch.consents, ("id", "person_id", "purpose", "given_on")),
            (
                "memberships",
                batch.memberships,
                ("id", "person_id", "unit_id", "member_code", "joined_on", "status", "status_since"),
            ),
            ("membership_periods", batch.periods, ("membership_id", "unit_id", "status", "valid_from")),
            ("membership_fees", batch.fees, ("membership_id", "year", "fee_status")),
            ("roles", batch.roles, ("id", "person_id", "role", "unit_id", "start_on")),
        ]
        for table, records, columns in copies:
            if records:
                await self.conn.copy_records_to_table(table, records=records, columns=list(columns))

    # ---------------------------------------------------------------- consents
    async def consents(self, person_id: uuid.UUID) -> list[asyncpg.Record]:
        return await self._fetch("SELECT * FROM consents WHERE person_id = $1 ORDER BY given_on, id", person_id)

    async def insert_consent(self, consent_id: uuid.UUID, person_id: uuid.UUID, purpose: str, given_on: date) -> None:
        await insert_row(self.conn, "consents", id=consent_id, person_id=person_id, purpose=purpose, given_on=given_on)

    async def withdraw_consent(self, consent_id: uuid.UUID, on: date) -> None:
        await self.conn.execute("UPDATE consents SET withdrawn_on = $2 WHERE id = $1", consent_id, on)

    # ------------------------------------------------------------- memberships
    async def memberships(self, person_id: uuid.UUID) -> list[asyncpg.Record]:
        return await self._fetch(
            f"SELECT m.*, u.code AS unit_code, {unit_name_of('u')} AS unit_name"
            " FROM memberships m JOIN units u ON u.id = m.unit_id"
            " WHERE m.person_id = $1 ORDER BY m.created_at, m.joined_on",
            person_id,
        )

    async def membership_unit(self, person_id: uuid.UUID) -> uuid.UUID | None:
        """The unit of the person's current (else latest) membership, unlocked (for access control)."""
        unit_id: uuid.UUID | None = await self.conn.fetchval(
            f"SELECT unit_id FROM memberships WHERE person_id = $1 ORDER BY {CURRENT_MEMBERSHIP_ORDER} LIMIT 1",
            person_id,
        )
        return unit_id

    async def latest_membership(self, person_id: uuid.UUID) -> asyncpg.Record | None:
        return await self.conn.fetchrow(
            f"SELECT * FROM memberships WHERE person_id = $1 ORDER BY {CURRENT_MEMBERSHIP_ORDER} LIMIT 1 FOR UPDATE",
            person_id,
        )

    async def periods(self, membership_id: uuid.UUID) -> list[asyncpg.Record]:
        """The membership's units and statuses over time, oldest first."""
        return await self._fetch(
            f"SELECT p.unit_id, u.code AS unit_code, {unit_name_of('u')} AS unit_name, p.status, p.valid_from,"
            " p.valid_to FROM membership_periods p JOIN units u ON u.id = p.unit_id"
            " WHERE p.membership_id = $1 ORDER BY p.valid_from, p.id",
            membership_id,
        )

    async def fees(self, membership_id: uuid.UUID) -> list[asyncpg.Record]:
        return await self._fetch(
            "SELECT year, fee_status FROM membership_fees WHERE membership_id = $1 ORDER BY year", membership_id
        )

    async def insert_membership(
        self,
        membership_id: uuid.UUID,
        person_id: uuid.UUID,
        unit_id: uuid.UUID,
        joined_on: date,
        member_code: str | None,
    ) -> None:
        await insert_row(
            self.conn,
            "memberships",
            id=membership_id,
            person_id=person_id,
            unit_id=unit_id,
            member_code=member_code,
            joined_on=joined_on,
            status="active",
            status_since=joined_on,
        )
        await self._add_period(membership_id, unit_id, "active", joined_on)

    async def set_fee(self, membership_id: uuid.UUID, year: int, fee_status: str) -> str | None:
        """Upsert; return the previous fee status of that year (None: none recorded)."""
        prev: str | None = await self.conn.fetchval(
            "SELECT fee_status FROM membership_fees WHERE membership_id = $1 AND year = $2", membership_id, year
        )
        await self.conn.execute(
            "INSERT INTO membership_fees (membership_id, year, fee_status) VALUES ($1, $2, $3)"
            " ON CONFLICT (membership_id, year) DO UPDATE SET fee_status = EXCLUDED.fee_status, updated_at = now()",
            membership_id,
            year,
            fee_status,
        )
        return prev

    async def change_membership(self, membership_id: uuid.UUID, on: date, *, unit_id: uuid.UUID, status: str) -> None:
        """Record a new unit/status from ``on`` (closing the current period)."""
        await self.conn.execute(
            "UPDATE memberships SET unit_id = $2, status = $3, status_since = $4 WHERE id = $1",
            membership_id,
            unit_id,
            status,
            on,
        )
        await self.conn.execute(
            "DELETE FROM membership_periods WHERE membership_id = $1 AND valid_to IS NULL AND valid_from = $2",
            membership_id,
            on,
        )
        await self.conn.execute(
            "UPDATE membership_periods SET valid_to = $2 WHERE membership_id = $1 AND valid_to IS NULL",
            membership_id,
            on,
        )
        await self._add_period(membership_id, unit_id, status, on)

    async def _add_period(self, membership_id: uuid.UUID, unit_id: uuid.UUID, status: str, valid_from: date) -> None:
        await insert_row(
            self.conn,
            "membership_periods",
            membership_id=membership_id,
            unit_id=unit_id,
            status=status,
            valid_from=valid_from,
        )

    async def open_memberships_in_unit(self, unit_id: uuid.UUID) -> list[asyncpg.Record]:
        return await self._fetch(
            "SELECT * FROM memberships WHERE unit_id = $1 AND status IN ('active','lapsed') FOR UPDATE", unit_id
        )

    # ------------------------------------------------------------------- roles
    async def roles(self, person_id: uuid.UUID) -> list[asyncpg.Record]:
        return await self._fetch(
            f"SELECT r.*, u.code AS unit_code, {unit_name_of('u')} AS unit_name"
            " FROM roles r JOIN units u ON u.id = r.unit_id"
            " WHERE r.person_id = $1 ORDER BY r.start_on, r.role",
            person_id,
        )

    async def role(self, role_id: uuid.UUID) -> asyncpg.Record | None:
        return await self.conn.fetchrow("SELECT * FROM roles WHERE id = $1 FOR UPDATE", role_id)

    async def open_role(self, person_id: uuid.UUID, role: str) -> asyncpg.Record | None:
        return await self.conn.fetchrow(
            "SELECT * FROM roles WHERE person_id = $1 AND role = $2 AND end_on IS NULL", person_id, role
        )

    async def role_on(self, person_id: uuid.UUID, role: str, on: date) -> asyncpg.Record | None:
        return await self.conn.fetchrow(
            "SELECT * FROM roles WHERE person_id = $1 AND role = $2 AND start_on <= $3"
            " AND (end_on IS NULL OR end_on > $3) ORDER BY start_on DESC LIMIT 1",
            person_id,
            role,
            on,
        )

    async def open_roles(self, person_id: uuid.UUID) -> list[asyncpg.Record]:
        return await self._fetch("SELECT * FROM roles WHERE person_id = $1 AND end_on IS NULL", person_id)

    async def open_roles_in_unit(self, unit_id: uuid.UUID) -> list[asyncpg.Record]:
        return await self._fetch("SELECT * FROM roles WHERE unit_id = $1 AND end_on IS NULL FOR UPDATE", unit_id)

    async def insert_role(
        self, role_id: uuid.UUID, person_id: uuid.UUID, role: str, unit_id: uuid.UUID, start_on: date
    ) -> None:
        await insert_row(
            self.conn, "roles", id=role_id, person_id=person_id, role=role, unit_id=unit_id, start_on=start_on
        )

    async def end_role(self, role_id: uuid.UUID, on: date) -> None:
        await self.conn.execute("UPDATE roles SET end_on = $2 WHERE id = $1", role_id, on)

    # ------------------------------------------------------------------- hours
    async def hours_logged_with(self, key: str) -> asyncpg.Record | None:
        """The entry logged with this Idempotency-Key, after any request logging with it commits (the key is
        locked for the rest of the transaction: two requests with one key log once)."""
        await self.conn.execute("SELECT pg_advisory_xact_lock(hashtextextended('volunteer_hours ' || $1, 0))", key)
        row: asyncpg.Record | None = await self.conn.fetchrow(
            "SELECT id, person_id, hours::float8 AS hours, worked_on FROM volunteer_hours WHERE request_key = $1", key
        )
        return row

    async def insert_hours(
        self,
        entry_id: uuid.UUID,
        person_id: uuid.UUID,
        unit_id: uuid.UUID,
        hours: float,
        worked_on: date,
        request_key: str | None = None,
    ) -> None:
        await insert_row(
            self.conn,
            "volunteer_hours",
            id=entry_id,
            person_id=person_id,
            unit_id=unit_id,
            hours=hours,
            worked_on=worked_on,
            request_key=request_key,
        )

    async def hours_on(self, person_id: uuid.UUID, worked_on: date) -> float:
        v = await self.conn.fetchval(
            "SELECT coalesce(sum(hours), 0) FROM volunteer_hours WHERE person_id = $1 AND worked_on = $2",
            person_id,
            worked_on,
        )
        return float(v)

    async def hours_total(self, person_id: uuid.UUID) -> float:
        v = await self.conn.fetchval(
            "SELECT coalesce(sum(hours), 0) FROM volunteer_hours WHERE person_id = $1", person_id
        )
        return float(v)

    # ---------------------------------------------------------------- training
    async def insert_training(self, training_id: uuid.UUID, person_id: uuid.UUID, record: dict[str, Any]) -> None:
        await insert_row(self.conn, "person_training", id=training_id, person_id=person_id, **record)

    async def training(self, person_id: uuid.UUID) -> list[asyncpg.Record]:
        """The person's training records, the latest first (with the unit's code)."""
        return await self._fetch(
            "SELECT t.id, t.kind, t.title, t.completed_on, t.hours::float8 AS hours, t.unit_id, u.code AS unit_code,"
            f" {unit_name_of('u')} AS unit_name, t.provider, t.certificate_no"
            " FROM person_training t JOIN units u ON u.id = t.unit_id"
            " WHERE t.person_id = $1 ORDER BY t.completed_on DESC, t.recorded_at DESC, t.id",
            person_id,
        )

    async def has_certificate(self, person_id: uuid.UUID, certificate_no: str) -> bool:
        return bool(
            await self.conn.fetchval(
                "SELECT EXISTS (SELECT 1 FROM person_training WHERE person_id = $1 AND certificate_no = $2)",
                person_id,
                certificate_no,
            )
        )

    async def courses_taken(self, person_id: uuid.UUID) -> list[asyncpg.Record]:
        """The courses whose attendance was recorded for the person, the latest first."""
        return await self._fetch(
            "SELECT c.id AS course_id, c.title, c.kind, c.unit_id, u.code AS unit_code,"
            f" {unit_name_of('u')} AS unit_name, c.starts_on, c.ends_on,"
            " a.attended, a.passed FROM course_attendance a JOIN courses c ON c.id = a.course_id"
            " JOIN units u ON u.id = c.unit_id WHERE a.person_id = $1 ORDER BY c.ends_on DESC, c.id",
            person_id,
        )

    # ------------------------------------------------------------ statistics
    async def counts_as_of(self, unit_ids: list[uuid.UUID] | None, d: date) -> dict[str, int]:
        members = await self.conn.fetchval(
            "SELECT count(DISTINCT m.person_id) FROM membership_periods p JOIN memberships m ON m.id = p.membership_id"
            " WHERE p.status = 'active' AND p.valid_from <= $1 AND (p.valid_to IS NULL OR p.valid_to > $1)"
            " AND ($2::uuid[] IS NULL OR p.unit_id = ANY($2::uuid[]))",
            d,
            unit_ids,
        )
        rows = await self._fetch(
            "SELECT role, count(DISTINCT person_id) AS n FROM roles"
            " WHERE start_on <= $1 AND (end_on IS NULL OR end_on > $1)"
            " AND ($2::uuid[] IS NULL OR unit_id = ANY($2::uuid[])) GROUP BY role",
            d,
            unit_ids,
        )
        out = {"members": int(members)}
        out.update({r["role"]: int(r["n"]) for r in rows})
        return out
