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
-- person whose new key another already has, or would have (imported twice under two spellings), keeps the old
-- one: which of the two records is right is for staff to decide. One set-based statement (no subtransaction
-- per row). A card number is rewritten only where it is ASCII (upper() and the blanks are then Python's);
-- names are case folded with the Unicode collation pg_c_utf8 where the server has it (PostgreSQL 17 and later;
-- the default collation of a C-locale database would not lower "Đ"), else the database's default: a name the
-- default does not fold as Python did fails the digest check and is left as it is.
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
    folding text := CASE WHEN EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'pg_c_utf8'
                                        AND collencoding IN (-1, pg_char_to_encoding(current_setting('server_encoding'))))
                         THEN 'COLLATE pg_c_utf8' ELSE '' END;
BEGIN
    EXECUTE format($sql$
        WITH keyed AS (
            SELECT p.id, p.import_key,
                   CASE WHEN p.import_key ~ '^card:[^:]*:[ -~]*$' THEN
                            'card:' || split_part(p.import_key, ':', 2) || ':'
                            || upper(regexp_replace(substr(p.import_key, length(split_part(p.import_key, ':', 2)) + 7),
                                                    '[ \t\n\r\f\v]', '', 'g'))
                   END AS card_key,
                   lower(regexp_replace(btrim(normalize(u.code, NFC)), '\s+', ' ', 'g') %1$s) AS unit_basis,
                   lower(regexp_replace(btrim(normalize(d.full_name, NFC)), '\s+', ' ', 'g') %1$s) AS name_basis,
                   coalesce(to_char(d.birth_date, 'YYYY-MM-DD'), '') AS born
              FROM people p
              LEFT JOIN personal_data d ON d.person_id = p.id
              LEFT JOIN units u ON u.id = p.unit_id
             WHERE p.erased_at IS NULL AND (p.import_key LIKE 'card:%%' OR p.import_key LIKE 'hash:%%')
        ), rewritten AS (
            SELECT id, import_key,
                   coalesce(card_key,
                            CASE WHEN 'hash:' || encode(sha256(convert_to(unit_basis || '|' || name_basis || '|' || born,
                                                                          'UTF8')), 'hex') = import_key
                                 THEN 'hash:' || encode(sha256(convert_to(rc_tone_key(unit_basis) || '|'
                                          || rc_tone_key(name_basis) || '|' || born, 'UTF8')), 'hex')
                            END) AS new_key
              FROM keyed
        ), changed AS (
            SELECT id, new_key FROM rewritten WHERE new_key IS NOT NULL AND new_key <> import_key
        ), counted AS (
            SELECT id, new_key, count(*) OVER (PARTITION BY new_key) AS takers FROM changed
        ), safe AS (  -- a key no one holds now, and only one person would take
            SELECT c.id, c.new_key FROM counted c
             WHERE c.takers = 1 AND NOT EXISTS (SELECT 1 FROM people q WHERE q.import_key = c.new_key)
        )
        UPDATE people p SET import_key = s.new_key FROM safe s WHERE p.id = s.id
    $sql$, folding);
END
$$;
