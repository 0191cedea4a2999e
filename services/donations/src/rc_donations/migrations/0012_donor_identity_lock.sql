-- One donor per identity across processes, and a name matched case-insensitively in every database.
--
-- Case: the lookup compared lower(name), and lower() follows the database's ctype: under the C ctype
-- (the local embedded PostgreSQL) it folds ASCII only, so "LÂM THỊ" did not find "Lâm Thị". rc_name_key
-- folds case the same whatever the locale: decomposed (NFD), every Vietnamese capital is an ASCII
-- letter and combining marks, which lower() folds under any ctype, and Đ, which has no decomposition,
-- is mapped by hand. Accents still count ("Mười" is not "Muoi"); compare rc_fold, the search's folding.
CREATE FUNCTION rc_name_key(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT lower(translate(normalize(value, NFD), 'Đ', 'đ'))
$$;

-- Identity across processes. A donor given without an identity number is found by phone
-- and name (upsert_donor), and no unique index can hold that rule (a name matches case-insensitively,
-- and an older donor with an identity number may share the phone and name), so two transactions that
-- find-or-create the same such donor at once (two replicas of the service, or an import beside a POST)
-- each missed the other's uncommitted row and created the donor twice. upsert_donor now first takes a
-- transaction-scoped advisory lock on who the donor is (type, phone, rc_name_key(name)): the second
-- waits for the first to commit, then its lookup (a fresh snapshot: the function is volatile) finds
-- the donor. An identity number is already serialized by the donors_id_number unique index. Within a
-- process, one donor's intakes already share a lane (intake_lane); the lock covers the rest.
CREATE OR REPLACE FUNCTION upsert_donor(
    p_type text, p_name text, p_phone text, p_id_number text, p_birth date, p_consent bool, p_new_id uuid
) RETURNS uuid LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(hashtextextended('donor ' || p_type || ' ' || p_phone || ' ' || rc_name_key(p_name), 0))
     WHERE coalesce(p_id_number, '') = '' AND p_phone <> '' AND p_name <> '';
    WITH found AS (
        SELECT id FROM donors
         WHERE donor_type = p_type AND erased_at IS NULL
           AND ((id_number = p_id_number AND p_id_number <> '')
                OR (coalesce(p_id_number, '') = '' AND p_phone <> '' AND p_name <> '' AND phone = p_phone
                    AND rc_name_key(name) = rc_name_key(p_name)))
         ORDER BY created_at LIMIT 1 FOR UPDATE),
    updated AS (
        UPDATE donors d SET phone = coalesce(p_phone, d.phone), birth_date = coalesce(p_birth, d.birth_date),
               consent_to_be_named = p_consent
          FROM found WHERE d.id = found.id RETURNING d.id),
    inserted AS (
        INSERT INTO donors (id, donor_type, name, phone, id_number, birth_date, consent_to_be_named)
        SELECT p_new_id, p_type, p_name, p_phone, p_id_number, p_birth, p_consent WHERE NOT EXISTS (SELECT FROM found)
            ON CONFLICT (donor_type, id_number) WHERE id_number IS NOT NULL
            DO UPDATE SET consent_to_be_named = EXCLUDED.consent_to_be_named RETURNING id)
    SELECT id FROM updated UNION ALL SELECT id FROM inserted
$$;
