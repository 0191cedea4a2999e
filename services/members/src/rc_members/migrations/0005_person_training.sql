-- A person's training record (issue 11): a training of the catalogue shared with courses
-- (courses.kind), completed on a day, its hours, the unit that gave or records it, an outside
-- provider and the certificate's number when there is one. Courses held by a unit keep their own
-- attendance (course_attendance); these are the trainings a person took, wherever they took them.
CREATE TABLE IF NOT EXISTS person_training (
    id             uuid PRIMARY KEY,
    person_id      uuid NOT NULL REFERENCES people (id),
    kind           text NOT NULL
        CHECK (kind IN ('first_aid', 'disaster_preparedness', 'community_health', 'blood_donation', 'staff', 'other')),
    title          text,
    completed_on   date NOT NULL,
    hours          numeric(6, 2) NOT NULL CHECK (hours > 0 AND hours <= 1000),
    unit_id        uuid NOT NULL REFERENCES units (id),
    provider       text,
    certificate_no text,
    recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS person_training_person ON person_training (person_id, completed_on);
-- A certificate is recorded once for a person.
CREATE UNIQUE INDEX IF NOT EXISTS person_training_certificate ON person_training (person_id, certificate_no)
    WHERE certificate_no IS NOT NULL;
