-- Import keys compare a card number and a name as the people typing them differ (members 1.9.0,
-- rc_members.domain.imports.import_key): a card number without its spaces, in capitals ("hv 0001" and "HV0001"
-- one card), a name with its tones placed by one convention ("Nguyễn Thị Hòa" and "Nguyễn Thị Hoà" one person
-- of one birth date, rc_shared.tones). Before, a sheet typed on another machine imported the same people again,
-- counted twice in every report.
--
-- The keys stored before are rewritten here where this migration can reproduce them: a card key from itself;
-- a name key (a digest of the unit's code, the name and the birth date) only where the person's unit, name and
-- birth date as stored give the digest stored (not when the unit's code has changed since, nor for an erased
-- person, whose data is gone: the import still finds those by the key of the rule before, typed as before). A
-- person whose new key another already has (imported twice under two spellings) keeps the old one: which of
-- the two records is right is for staff to decide.
--
-- rc_tone_key is the rule of rc_shared.tones, as campaigns migration 0010 has it (each service's database
-- has its own copy); the tests compare it with the Python.
CREATE OR REPLACE FUNCTION rc_tone_key(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT normalize(
        regexp_replace(
            regexp_replace(
                normalize(t, NFD),
                'o([' || chr(768) || chr(769) || chr(771) || chr(777) || chr(803) || '])([ae])(?=\s|$)', 'o\2\1', 'g'),
            'u([' || chr(768) || chr(769) || chr(771) || chr(777) || chr(803) || '])(y)(?=\s|$)', 'u\2\1', 'g'),
        NFC)
$$;

DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        WITH keyed AS (
            SELECT p.id, p.import_key,
                   CASE WHEN p.import_key LIKE 'card:%' THEN
                            'card:' || split_part(p.import_key, ':', 2) || ':'
                            || upper(regexp_replace(substr(p.import_key, length(split_part(p.import_key, ':', 2)) + 7),
                                                    '\s', '', 'g'))
                   END AS card_key,
                   CASE WHEN p.import_key LIKE 'hash:%' THEN
                            lower(regexp_replace(btrim(normalize(u.code, NFC)), '\s+', ' ', 'g')) || '|'
                            || lower(regexp_replace(btrim(normalize(d.full_name, NFC)), '\s+', ' ', 'g')) || '|'
                            || coalesce(to_char(d.birth_date, 'YYYY-MM-DD'), '')
                   END AS basis
              FROM people p
              LEFT JOIN personal_data d ON d.person_id = p.id
              LEFT JOIN units u ON u.id = p.unit_id
             WHERE p.erased_at IS NULL AND (p.import_key LIKE 'card:%' OR p.import_key LIKE 'hash:%')
        ), rewritten AS (
            SELECT id, import_key,
                   coalesce(card_key,
                            CASE WHEN 'hash:' || encode(sha256(convert_to(basis, 'UTF8')), 'hex') = import_key
                                 THEN 'hash:' || encode(sha256(convert_to(
                                          rc_tone_key(split_part(basis, '|', 1)) || '|'
                                          || rc_tone_key(split_part(basis, '|', 2)) || '|'
                                          || split_part(basis, '|', 3), 'UTF8')), 'hex')
                            END) AS new_key
              FROM keyed
        )
        SELECT id, new_key FROM rewritten WHERE new_key IS NOT NULL AND new_key <> import_key ORDER BY id
    LOOP
        BEGIN
            UPDATE people SET import_key = r.new_key WHERE id = r.id;
        EXCEPTION WHEN unique_violation THEN
            NULL;  -- the same person imported twice under two spellings: both records kept, for staff
        END;
    END LOOP;
END
$$;
