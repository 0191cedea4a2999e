-- The unit that registered a person: it decides who may see and change the person until the person
-- has a membership or a role (access control scopes). NULL: registered organisation-wide.
ALTER TABLE people ADD COLUMN IF NOT EXISTS unit_id uuid REFERENCES units (id);
CREATE INDEX IF NOT EXISTS people_unit ON people (unit_id);
