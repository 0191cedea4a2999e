-- A gift fills in its donor's missing phone or birth date; it no longer replaces them.
--
-- Case: upsert_donor (and the update of a donor cited by id) set the donor's phone and birth date to the
-- gift's. A donor is one record across the organisation (matched by identity number, or by phone and
-- name), so a data-entry user of any unit could rewrite the contact details another unit holds by
-- recording a small gift with the donor's identity number and another phone. Now a gift only fills in
-- what the record lacks; the rest of the function is migration 0019's.
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
        UPDATE donors d SET phone = coalesce(d.phone, p_phone), birth_date = coalesce(d.birth_date, p_birth),
               consent_to_be_named = d.consent_to_be_named OR (p_consent AND d.consent_withdrawn_at IS NULL)
          FROM found WHERE d.id = found.id RETURNING d.id),
    inserted AS (
        INSERT INTO donors (id, donor_type, name, phone, id_number, birth_date, consent_to_be_named)
        SELECT p_new_id, p_type, p_name, p_phone, p_id_number, p_birth, p_consent WHERE NOT EXISTS (SELECT FROM found)
            ON CONFLICT (donor_type, id_number) WHERE id_number IS NOT NULL
            DO UPDATE SET consent_to_be_named = donors.consent_to_be_named
                          OR (EXCLUDED.consent_to_be_named AND donors.consent_withdrawn_at IS NULL)
            RETURNING id)
    SELECT id FROM updated UNION ALL SELECT id FROM inserted
$$;
