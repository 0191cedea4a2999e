-- Finding people (GET /people): accent-insensitive name search, scope and filters without scanning
-- every person.

-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A name as searched: diacritics removed (NFD, combining marks dropped), đ/Đ -> d (a letter of its
-- own that Unicode does not decompose and unaccent leaves alone), lower case, whitespace collapsed.
-- "Nguyễn Văn Đức" -> "nguyen van duc". The one definition: the stored key and the query use it.
CREATE OR REPLACE FUNCTION rc_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT lower(btrim(regexp_replace(
        translate(regexp_replace(normalize(value, NFD), '[\u0300-\u036f]', '', 'g'), 'đĐ', 'dD'),
        '\s+', ' ', 'g')))
$$;

ALTER TABLE personal_data
    ADD COLUMN IF NOT EXISTS name_key text COLLATE "C" GENERATED ALWAYS AS (rc_fold(full_name)) STORED;
-- Listing order (name, then id) and keyset paging.
CREATE INDEX IF NOT EXISTS personal_data_name_key ON personal_data (name_key, person_id);
-- Fragment search: name_key LIKE '%fragment%'.
CREATE INDEX IF NOT EXISTS personal_data_name_trgm ON personal_data USING gin (name_key gin_trgm_ops);

-- The units a person belongs to for access control on day d (see rc_members.entrypoints.access):
-- the units of the open membership and of every role held on d; when there is none, the unit of
-- the latest membership, else of the latest role, else the unit that registered the person (no row:
-- registered organisation-wide). Used for one person and, in listings, for many.
CREATE OR REPLACE FUNCTION person_scope_units(p uuid, d date) RETURNS SETOF uuid
LANGUAGE sql STABLE AS $$
    WITH held AS (
        SELECT unit_id FROM memberships WHERE person_id = p AND status IN ('active', 'lapsed')
        UNION
        SELECT unit_id FROM roles WHERE person_id = p AND start_on <= d AND (end_on IS NULL OR end_on > d)
    )
    SELECT unit_id FROM held
    UNION ALL
    SELECT latest FROM (
        SELECT coalesce(
            (SELECT unit_id FROM memberships WHERE person_id = p ORDER BY status_since DESC, created_at DESC LIMIT 1),
            (SELECT unit_id FROM roles WHERE person_id = p ORDER BY coalesce(end_on, start_on) DESC LIMIT 1),
            (SELECT unit_id FROM people WHERE id = p)
        ) AS latest
    ) l
    WHERE latest IS NOT NULL AND NOT EXISTS (SELECT 1 FROM held)
$$;
