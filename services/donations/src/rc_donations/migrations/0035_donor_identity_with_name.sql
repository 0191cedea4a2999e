-- An individual donor is recognised by their identity number only under a name of theirs.
--
-- Case: upsert_donor found a returning donor by identity number (CCCD) alone, whatever name was typed with
-- it. A number mistyped, or typed for someone else, linked the gift to another person: a gift "with consent"
-- then published that person's real name on the public ledger beside a gift they never made, switched on
-- their consent to be named, and (for blood) checked the gift against their history. Now, for an individual,
-- a number on record under another name finds nobody and writes nothing: the function returns NULL, and the
-- service refuses the gift (409 on donor.id_number) without saying whose number it is. One person's name is
-- rc_same_name: the words of one name all among the other's, accents, case and spaces aside (rc_fold, as the
-- name search folds it), so "Mai Lan", "MAI THI LAN" and "Mai Thị Lan" are one person's, "Nguyễn Văn An" and
-- "Nguyễn Văn Anh" two. A concurrent insert of the same number under another name likewise returns NULL (the
-- ON CONFLICT update applies only under a name of the same person). An organisation's tax code still finds
-- it whatever its name is written as ("Cty ABC", "Công ty TNHH ABC"). The rest is 0021's.
CREATE FUNCTION rc_same_name(a text, b text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT string_to_array(rc_fold(a), ' ') <@ string_to_array(rc_fold(b), ' ')
        OR string_to_array(rc_fold(b), ' ') <@ string_to_array(rc_fold(a), ' ')
$$;

CREATE OR REPLACE FUNCTION upsert_donor(
    p_type text, p_name text, p_phone text, p_id_number text, p_birth date, p_consent bool, p_new_id uuid
) RETURNS uuid LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(hashtextextended('donor ' || p_type || ' ' || p_phone || ' ' || rc_name_key(p_name), 0))
     WHERE coalesce(p_id_number, '') = '' AND p_phone <> '' AND p_name <> '';
    WITH held AS (  -- the number on record (one row at most: donors_id_number is unique per type)
        SELECT id, name FROM donors
         WHERE donor_type = p_type AND id_number = p_id_number AND p_id_number <> '' AND erased_at IS NULL),
    clash AS (
        SELECT 1 FROM held WHERE p_type = 'individual' AND rc_same_name(held.name, p_name) IS NOT TRUE),
    found AS (
        SELECT id FROM donors
         WHERE donor_type = p_type AND erased_at IS NULL AND NOT EXISTS (SELECT FROM clash)
           AND ((id_number = p_id_number AND p_id_number <> '')
                OR (coalesce(p_id_number, '') = '' AND p_phone <> '' AND p_name <> '' AND phone = p_phone
                    AND rc_name_key(name) = rc_name_key(p_name)))
         ORDER BY created_at LIMIT 1 FOR UPDATE),
    updated AS (
        UPDATE donors d SET phone = coalesce(d.phone, p_phone), birth_date = coalesce(d.birth_date, p_birth),
               consent_to_be_named = d.consent_to_be_named OR (p_consent AND d.consent_withdrawn_at IS NULL)
          FROM found WHERE d.id = found.id RETURNING d.id),
    inserted AS (
        INSERT INTO donors (id, donor_type, name, phone, id_number, birth_date, consent_to_be_named)
        SELECT p_new_id, p_type, p_name, p_phone, p_id_number, p_birth, p_consent
         WHERE NOT EXISTS (SELECT FROM found) AND NOT EXISTS (SELECT FROM clash)
            ON CONFLICT (donor_type, id_number) WHERE id_number IS NOT NULL
            DO UPDATE SET consent_to_be_named = donors.consent_to_be_named
                          OR (EXCLUDED.consent_to_be_named AND donors.consent_withdrawn_at IS NULL)
                    WHERE donors.donor_type <> 'individual' OR rc_same_name(donors.name, EXCLUDED.name)
            RETURNING id)
    SELECT id FROM updated UNION ALL SELECT id FROM inserted
$$;
