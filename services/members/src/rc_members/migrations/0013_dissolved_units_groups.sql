-- A dissolved unit's groups (clubs, teams) go on under its heir (members 1.8.0): before, a unit dissolved
-- without moving its members kept its groups on the unit that no longer existed. Groups already left on an
-- ended unit move to its heir now, following a chain of reforms to the unit that still exists (unit_heir,
-- migration 0011). No event says so (none says it for a merge either): a group's later events carry its unit.
UPDATE groups g SET unit_id = unit_heir(g.unit_id, 'infinity'::date)
 WHERE EXISTS (SELECT 1 FROM units u WHERE u.id = g.unit_id AND u.ended_on IS NOT NULL AND u.heir_id IS NOT NULL);
