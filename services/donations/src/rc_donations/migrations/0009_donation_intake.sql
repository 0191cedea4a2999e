-- A single donation's intake in one round trip (docs/architecture/0001-hot-campaign-donations.md,
-- "intake"). upsert_donor is the one statement that finds a donor (by identity number, else by phone
-- and name; updated as given) or creates it; DonationRepository.upsert_donor calls it too. Its lookup
-- is written as an OR of the two ways, so that a generic plan (a function's, a prepared statement's)
-- still uses the donors_id_number and donors_phone indexes: a CASE over the parameters made it a
-- scan of every donor, each gift slower as donors accumulate.
CREATE FUNCTION upsert_donor(
    p_type text, p_name text, p_phone text, p_id_number text, p_birth date, p_consent bool, p_new_id uuid
) RETURNS uuid LANGUAGE sql AS $$
    WITH found AS (
        SELECT id FROM donors
         WHERE donor_type = p_type AND erased_at IS NULL
           AND ((id_number = p_id_number AND p_id_number <> '')
                OR (coalesce(p_id_number, '') = '' AND p_phone <> '' AND p_name <> '' AND phone = p_phone
                    AND lower(name) = lower(p_name)))
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

-- The ledger (unlocked) with an Idempotency-Key's earlier request (idem_*) and the donation already
-- recorded with a bank reference (ref_*); all NULL when there is no ledger. Given a new named donor
-- (p_donor_type) and the ledger the service already decided the request against (p_code ...
-- p_settled: it is accepted), the donor is found or created in the same statement, but only when
-- that decision still holds: the ledger is still as given, and neither the key nor the reference is
-- known (a resubmission writes nothing). donor_id is then the donor's, else NULL.
--
-- The donor's write does not wait for its WAL to reach the disk (synchronous_commit off for this
-- statement's own transaction alone): the donation that cites it commits later, synchronously, and
-- WAL is flushed in order, so once a donation is acknowledged its donor is durable too; a crash
-- before that loses at most a donor whose donation was never recorded, and the client's retry
-- writes it again. Call it outside a transaction (the caller checks).
CREATE FUNCTION donation_intake(
    p_campaign uuid, p_key text, p_ref text,
    p_code text, p_status text, p_organising uuid, p_participating uuid[], p_from date, p_until date,
    p_deadline date, p_closed date, p_settled date,
    p_donor_type text, p_name text, p_phone text, p_id_number text, p_birth date, p_consent bool, p_new_id uuid,
    OUT campaign_id uuid, OUT code text, OUT status text, OUT organising_unit_id uuid,
    OUT participating_unit_ids uuid[], OUT receiving_from date, OUT receiving_until date,
    OUT distribution_deadline date, OUT closed_on date, OUT settled_on date,
    OUT idem_scope text, OUT idem_hash text, OUT idem_resource uuid,
    OUT ref_id uuid, OUT ref_kind text, OUT ref_amount_vnd bigint, OUT ref_received_on date,
    OUT donor_id uuid
) LANGUAGE plpgsql AS $$
BEGIN
    SELECT l.campaign_id, l.code, l.status, l.organising_unit_id, l.participating_unit_ids, l.receiving_from,
           l.receiving_until, l.distribution_deadline, l.closed_on, l.settled_on,
           k.scope, k.request_hash, k.resource_id, d.id, d.kind, d.amount_vnd, d.received_on
      INTO campaign_id, code, status, organising_unit_id, participating_unit_ids, receiving_from,
           receiving_until, distribution_deadline, closed_on, settled_on,
           idem_scope, idem_hash, idem_resource, ref_id, ref_kind, ref_amount_vnd, ref_received_on
      FROM ledgers l
      LEFT JOIN idempotency_keys k ON k.key = p_key
      LEFT JOIN donations d ON d.campaign_id = l.campaign_id AND d.bank_reference = p_ref
     WHERE l.campaign_id = p_campaign;
    IF NOT FOUND OR p_donor_type IS NULL OR idem_scope IS NOT NULL OR ref_id IS NOT NULL THEN
        RETURN;
    END IF;
    IF (code, status, organising_unit_id, participating_unit_ids, receiving_from, receiving_until,
        distribution_deadline, closed_on, settled_on)
       IS NOT DISTINCT FROM
       (p_code, p_status, p_organising, p_participating, p_from, p_until, p_deadline, p_closed, p_settled) THEN
        donor_id := upsert_donor(p_donor_type, p_name, p_phone, p_id_number, p_birth, p_consent, p_new_id);
        PERFORM set_config('synchronous_commit', 'off', true);
    END IF;
END $$;
