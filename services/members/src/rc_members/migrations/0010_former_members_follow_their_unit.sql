-- Former members of a unit that ended stay within someone's reach.
--
-- Case: a person's access unit, when they hold no open membership and no role, is the unit of their
-- latest membership (else role, else the registering unit); a merge or dissolution moves only open
-- memberships and roles. So everyone who had left a unit before it was merged (the 1 July 2025 reform
-- merged most communes) kept an ended unit as their access unit, which is in nobody's subtree: the
-- successor's and the district's users could neither find nor open them, and registering them again
-- was refused (one identity number, one person) with a hint to search for a record they could not see.
-- Now that fallback unit, when it has ended by the day asked, is replaced by its heir: the unit it was
-- merged into, else (dissolved) its last parent, followed until a unit that has not ended.
CREATE FUNCTION unit_heir(u uuid, d date) RETURNS uuid
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE chain (id, depth) AS (
        SELECT u, 0
        UNION ALL
        SELECT coalesce(x.merged_into,
                        (SELECT v.parent_id FROM unit_versions v WHERE v.unit_id = x.id
                          ORDER BY v.valid_from DESC LIMIT 1)),
               c.depth + 1
          FROM chain c JOIN units x ON x.id = c.id
         WHERE x.ended_on IS NOT NULL AND x.ended_on <= d AND c.depth < 32
    )
    SELECT id FROM chain WHERE id IS NOT NULL ORDER BY depth DESC LIMIT 1
$$;

CREATE OR REPLACE FUNCTION person_scope_units(p uuid, d date) RETURNS SETOF uuid
LANGUAGE sql STABLE AS $$
    WITH held AS (
        SELECT unit_id FROM memberships WHERE person_id = p AND status IN ('active', 'lapsed')
        UNION
        SELECT unit_id FROM roles WHERE person_id = p AND start_on <= d AND (end_on IS NULL OR end_on > d)
    )
    SELECT unit_id FROM held
    UNION ALL
    SELECT unit_heir(latest, d) FROM (
        SELECT coalesce(
            (SELECT unit_id FROM memberships WHERE person_id = p ORDER BY status_since DESC, created_at DESC LIMIT 1),
            (SELECT unit_id FROM roles WHERE person_id = p ORDER BY coalesce(end_on, start_on) DESC LIMIT 1),
            (SELECT unit_id FROM people WHERE id = p)
        ) AS latest
    ) l
    WHERE latest IS NOT NULL AND NOT EXISTS (SELECT 1 FROM held)
$$;
