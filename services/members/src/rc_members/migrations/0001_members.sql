-- The members service: organisation tree (dated), people, personal data, memberships, roles,
-- volunteer hours, groups (clubs and teams) and training.
-- Dates are [valid_from, valid_to): valid_to is exclusive and NULL while in force.

CREATE TABLE IF NOT EXISTS units (
    id          uuid PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code <> ''),
    created_at  timestamptz NOT NULL DEFAULT now(),
    ended_on    date,
    end_reason  text CHECK (end_reason IN ('merged', 'dissolved')),
    merged_into uuid REFERENCES units (id)
);

CREATE TABLE IF NOT EXISTS unit_versions (
    id         bigserial PRIMARY KEY,
    unit_id    uuid NOT NULL REFERENCES units (id),
    name       text NOT NULL CHECK (name <> ''),
    level      text NOT NULL,
    parent_id  uuid REFERENCES units (id),
    valid_from date NOT NULL,
    valid_to   date,
    change     text NOT NULL DEFAULT 'created',
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX IF NOT EXISTS unit_versions_unit ON unit_versions (unit_id, valid_from);
CREATE INDEX IF NOT EXISTS unit_versions_parent ON unit_versions (parent_id, valid_from);
CREATE UNIQUE INDEX IF NOT EXISTS unit_versions_one_open ON unit_versions (unit_id) WHERE valid_to IS NULL;

CREATE TABLE IF NOT EXISTS people (
    id          uuid PRIMARY KEY,
    import_key  text UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    deceased_on date,
    erased_at   timestamptz
);

-- Personal data lives only here; erasure deletes the row.
CREATE TABLE IF NOT EXISTS personal_data (
    person_id    uuid PRIMARY KEY REFERENCES people (id),
    full_name    text NOT NULL,
    gender       text CHECK (gender IN ('male', 'female', 'other')),
    birth_date   date,
    phone        text,
    id_number    text,
    address      text,
    health_notes text,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS consents (
    id           uuid PRIMARY KEY,
    person_id    uuid NOT NULL REFERENCES people (id),
    purpose      text NOT NULL,
    given_on     date NOT NULL,
    withdrawn_on date,
    CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
);
CREATE INDEX IF NOT EXISTS consents_person ON consents (person_id);

CREATE TABLE IF NOT EXISTS memberships (
    id           uuid PRIMARY KEY,
    person_id    uuid NOT NULL REFERENCES people (id),
    unit_id      uuid NOT NULL REFERENCES units (id),
    member_code  text,
    joined_on    date NOT NULL,
    status       text NOT NULL CHECK (status IN ('active', 'lapsed', 'transferred', 'resigned', 'deceased')),
    status_since date NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS memberships_person ON memberships (person_id);
CREATE INDEX IF NOT EXISTS memberships_unit ON memberships (unit_id);
-- At most one open (active or lapsed) membership per person.
CREATE UNIQUE INDEX IF NOT EXISTS memberships_one_open ON memberships (person_id)
    WHERE status IN ('active', 'lapsed');

-- Dated history of a membership's unit and status (for "as of" counts).
CREATE TABLE IF NOT EXISTS membership_periods (
    id            bigserial PRIMARY KEY,
    membership_id uuid NOT NULL REFERENCES memberships (id),
    unit_id       uuid NOT NULL REFERENCES units (id),
    status        text NOT NULL,
    valid_from    date NOT NULL,
    valid_to      date
);
CREATE INDEX IF NOT EXISTS membership_periods_m ON membership_periods (membership_id);
CREATE INDEX IF NOT EXISTS membership_periods_unit ON membership_periods (unit_id, valid_from);

CREATE TABLE IF NOT EXISTS membership_fees (
    membership_id uuid NOT NULL REFERENCES memberships (id),
    year          int  NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    fee_status    text NOT NULL CHECK (fee_status IN ('paid', 'unpaid', 'exempted')),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (membership_id, year)
);

CREATE TABLE IF NOT EXISTS roles (
    id        uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES people (id),
    role      text NOT NULL,
    unit_id   uuid NOT NULL REFERENCES units (id),
    start_on  date NOT NULL,
    end_on    date,
    CHECK (end_on IS NULL OR end_on >= start_on)
);
CREATE INDEX IF NOT EXISTS roles_person ON roles (person_id);
CREATE INDEX IF NOT EXISTS roles_unit ON roles (unit_id, role);
CREATE UNIQUE INDEX IF NOT EXISTS roles_one_open ON roles (person_id, role) WHERE end_on IS NULL;

CREATE TABLE IF NOT EXISTS volunteer_hours (
    id        uuid PRIMARY KEY,
    person_id uuid NOT NULL REFERENCES people (id),
    unit_id   uuid NOT NULL REFERENCES units (id),
    hours     numeric(5, 2) NOT NULL CHECK (hours > 0 AND hours <= 24),
    worked_on date NOT NULL,
    logged_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS volunteer_hours_person ON volunteer_hours (person_id, worked_on);

CREATE TABLE IF NOT EXISTS groups (
    id         uuid PRIMARY KEY,
    unit_id    uuid NOT NULL REFERENCES units (id),
    type       text NOT NULL CHECK (type IN ('club', 'first_aid_team', 'disaster_response_team', 'mobile_medical_team')),
    name       text NOT NULL,
    formed_on  date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS group_members (
    group_id  uuid NOT NULL REFERENCES groups (id),
    person_id uuid NOT NULL REFERENCES people (id),
    joined_on date NOT NULL,
    left_on   date,
    PRIMARY KEY (group_id, person_id, joined_on)
);
CREATE UNIQUE INDEX IF NOT EXISTS group_members_one_open ON group_members (group_id, person_id) WHERE left_on IS NULL;

CREATE TABLE IF NOT EXISTS courses (
    id        uuid PRIMARY KEY,
    unit_id   uuid NOT NULL REFERENCES units (id),
    title     text NOT NULL,
    starts_on date NOT NULL,
    ends_on   date NOT NULL,
    CHECK (ends_on >= starts_on)
);

CREATE TABLE IF NOT EXISTS course_attendance (
    course_id uuid NOT NULL REFERENCES courses (id),
    person_id uuid NOT NULL REFERENCES people (id),
    attended  boolean NOT NULL,
    passed    boolean NOT NULL,
    PRIMARY KEY (course_id, person_id)
);
