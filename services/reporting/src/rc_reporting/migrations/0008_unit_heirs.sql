-- The heir of an ended unit: what is still booked to it after its end (a gift with no unit of its own
-- booked to a campaign's organiser, a statement row, a group members moved without an event) counts for
-- its heir and the heir's ancestors. A merged unit's heir is the unit it merged into; a dissolved unit's
-- is the unit its members were sent to (members.unit.dissolved.v1 heir_unit_id, catalogue 1.3.0), else
-- the unit it was under. Units ended before this migration: the same rule from what the table holds.
ALTER TABLE rpt_unit_versions ADD COLUMN IF NOT EXISTS heir_id uuid;
UPDATE rpt_unit_versions SET heir_id = coalesce(merged_into, parent_id)
WHERE end_reason IS NOT NULL AND heir_id IS NULL;
CREATE INDEX IF NOT EXISTS rpt_unit_versions_heir ON rpt_unit_versions (heir_id) WHERE heir_id IS NOT NULL;
