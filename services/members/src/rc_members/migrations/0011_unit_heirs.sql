-- Each ended unit names its heir when it ends (units.heir_id: the unit it was merged into; for a
-- dissolution, the unit its members were reassigned to, else its parent), so that a dissolution that
-- sent its members to another district's unit sends its former members' records there too (migration
-- 0010 followed merged_into, else the parent), and following an heir is a key lookup. Units ended
-- before this migration: merged_into; else the unit their memberships moved to on the day they ended
-- (a reassignment); else their last parent.
ALTER TABLE units ADD COLUMN heir_id uuid REFERENCES units (id);
UPDATE units x SET heir_id = coalesce(
    x.merged_into,
    (SELECT moved.unit_id FROM membership_periods left_unit
       JOIN membership_periods moved ON moved.membership_id = left_unit.membership_id
                                    AND moved.valid_from = x.ended_on AND moved.unit_id <> x.id
      WHERE left_unit.unit_id = x.id AND left_unit.valid_to = x.ended_on
      ORDER BY moved.unit_id LIMIT 1),
    (SELECT v.parent_id FROM unit_versions v WHERE v.unit_id = x.id ORDER BY v.valid_from DESC LIMIT 1))
 WHERE x.ended_on IS NOT NULL;
-- who inherited from a unit (the people search walks from a user's units back to those that ended into them)
CREATE INDEX units_heir ON units (heir_id) WHERE heir_id IS NOT NULL;

-- A unit's heir on day d: itself while it has not ended by d, else its heir's (a chain of reforms).
CREATE OR REPLACE FUNCTION unit_heir(u uuid, d date) RETURNS uuid
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE chain (id, depth) AS (
        SELECT u, 0
        UNION ALL
        SELECT x.heir_id, c.depth + 1
          FROM chain c JOIN units x ON x.id = c.id
         WHERE x.ended_on IS NOT NULL AND x.ended_on <= d AND x.heir_id IS NOT NULL AND c.depth < 32
    )
    SELECT id FROM chain ORDER BY depth DESC LIMIT 1
$$;
