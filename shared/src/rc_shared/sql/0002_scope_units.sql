-- The organisation tree as seen by access control: dated parent links projected from members.units.
CREATE TABLE IF NOT EXISTS scope_unit_versions (
    unit_id    uuid NOT NULL,
    parent_id  uuid,
    valid_from date NOT NULL,
    valid_to   date,
    PRIMARY KEY (unit_id, valid_from)
);
CREATE INDEX IF NOT EXISTS scope_unit_versions_open ON scope_unit_versions (unit_id) WHERE valid_to IS NULL;
