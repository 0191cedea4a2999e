-- Reporting projection of the members events (topics members.units and members.people).
--
-- Every interval is half-open: [valid_from, valid_to), NULL valid_to = still open. A row holds on
-- date d when valid_from <= d AND (valid_to IS NULL OR valid_to > d).
-- No foreign keys between these tables: the two topics arrive in no guaranteed relative order
-- (a membership may be projected before its unit), and the report joins them at query time.

-- One row per version of a unit: attributes valid over an interval of dates.
CREATE TABLE IF NOT EXISTS rpt_unit_versions (
    unit_id      uuid NOT NULL,
    valid_from   date NOT NULL,
    valid_to     date,
    code         text NOT NULL,
    name         text NOT NULL,
    level        text NOT NULL,
    parent_id    uuid,
    end_reason   text,           -- 'merged' | 'dissolved' on the last version of an ended unit
    merged_into  uuid,
    PRIMARY KEY (unit_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX IF NOT EXISTS rpt_unit_versions_parent ON rpt_unit_versions (parent_id, valid_from);

-- One row per period a membership spent in one status at one unit. 'active' rows count as members.
CREATE TABLE IF NOT EXISTS rpt_membership_spans (
    membership_id uuid NOT NULL,
    valid_from    date NOT NULL,
    valid_to      date,
    person_id     uuid NOT NULL,
    unit_id       uuid NOT NULL,
    status        text NOT NULL,
    PRIMARY KEY (membership_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX IF NOT EXISTS rpt_membership_spans_unit ON rpt_membership_spans (unit_id) INCLUDE (valid_from, valid_to, status, person_id);

-- Log of membership changes (one row per event): kind 'joined' | 'status' | 'transfer'.
-- Flows in a period (joined, lapsed) are counted from here.
CREATE TABLE IF NOT EXISTS rpt_membership_changes (
    event_id      uuid PRIMARY KEY,
    membership_id uuid NOT NULL,
    person_id     uuid NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('joined', 'status', 'transfer')),
    status        text,
    from_unit_id  uuid,
    unit_id       uuid NOT NULL,
    effective_on  date NOT NULL
);
CREATE INDEX IF NOT EXISTS rpt_membership_changes_unit ON rpt_membership_changes (unit_id, effective_on);

-- Roles (volunteer, youth, collaborator, ...): [start_on, end_on). start_on is NULL while only the
-- RoleEnded event has been seen (not counted until the RoleAssigned arrives).
CREATE TABLE IF NOT EXISTS rpt_role_spans (
    role_id    uuid PRIMARY KEY,
    person_id  uuid NOT NULL,
    role       text NOT NULL,
    unit_id    uuid NOT NULL,
    start_on   date,
    end_on     date
);
CREATE INDEX IF NOT EXISTS rpt_role_spans_unit ON rpt_role_spans (unit_id);

CREATE TABLE IF NOT EXISTS rpt_volunteer_hours (
    entry_id   uuid PRIMARY KEY,
    person_id  uuid NOT NULL,
    unit_id    uuid NOT NULL,
    hours      numeric(6, 2) NOT NULL,
    worked_on  date NOT NULL
);
CREATE INDEX IF NOT EXISTS rpt_volunteer_hours_unit ON rpt_volunteer_hours (unit_id, worked_on);

-- Fee status of a membership for a calendar year ('paid' | 'unpaid' | 'exempted').
CREATE TABLE IF NOT EXISTS rpt_fee_statuses (
    membership_id uuid NOT NULL,
    year          int  NOT NULL,
    person_id     uuid NOT NULL,
    unit_id       uuid NOT NULL,
    fee_status    text NOT NULL,
    PRIMARY KEY (membership_id, year)
);

-- People whose personal data was erased upstream (the projection holds no personal data; kept
-- so that reports can say how many anonymous records they include).
CREATE TABLE IF NOT EXISTS rpt_erased_people (
    person_id uuid PRIMARY KEY
);
