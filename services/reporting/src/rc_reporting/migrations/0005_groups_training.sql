-- Groups (clubs, first-aid / disaster-response / mobile medical teams) and training courses with
-- attendance, from the members events (issue 10). Written by the consumer "reporting.members".

CREATE TABLE IF NOT EXISTS rpt_groups (
    group_id    uuid PRIMARY KEY,
    unit_id     uuid NOT NULL,
    group_type  text NOT NULL,
    formed_on   date NOT NULL
);

-- One row per membership of a person in a group: [joined_on, left_on).
CREATE TABLE IF NOT EXISTS rpt_group_members (
    group_id   uuid NOT NULL,
    person_id  uuid NOT NULL,
    joined_on  date NOT NULL,
    unit_id    uuid NOT NULL,
    left_on    date,
    PRIMARY KEY (group_id, person_id, joined_on)
);

CREATE TABLE IF NOT EXISTS rpt_courses (
    course_id  uuid PRIMARY KEY,
    unit_id    uuid NOT NULL,
    starts_on  date NOT NULL,
    ends_on    date NOT NULL
);

-- The latest attendance record of a person at a course (unit_id: the course's unit).
CREATE TABLE IF NOT EXISTS rpt_course_attendance (
    course_id  uuid NOT NULL,
    person_id  uuid NOT NULL,
    unit_id    uuid NOT NULL,
    attended   boolean NOT NULL,
    passed     boolean NOT NULL,
    PRIMARY KEY (course_id, person_id)
);
