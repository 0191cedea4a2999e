-- The intake of a batch's requests in one round trip (docs/architecture/0001-hot-campaign-donations.md,
-- "intake"): a request the service decided against its ledger hint skips the intake of its own
-- (donation_intake) and its batch reads, for every item in order, what that intake read: the
-- Idempotency-Key's earlier request (idem_*) and the donation of the campaign already recorded with the
-- bank reference (ref_*); and finds or creates the named donor given for an item (p_donor_types[i] not
-- NULL) when neither its key nor its reference is known and the ledger is still the one the service
-- decided the items against (p_code ... p_settled: they are accepted); else donor_ids[i] is NULL and
-- nothing was written. The service gives a donor only for the first item of the batch with that key and
-- that reference.
--
-- As in donation_intake, the donors' writes do not wait for their WAL to reach the disk: the batch's
-- donations that cite them commit later, synchronously, and WAL is flushed in order. Call it outside a
-- transaction (the caller checks).
CREATE FUNCTION donation_intake_batch(
    p_campaign uuid, p_keys text[], p_refs text[],
    p_code text, p_status text, p_organising uuid, p_participating uuid[], p_from date, p_until date,
    p_deadline date, p_closed date, p_settled date,
    p_donor_types text[], p_names text[], p_phones text[], p_id_numbers text[], p_births date[], p_consents bool[],
    OUT idem_scopes text[], OUT idem_hashes text[], OUT idem_resources uuid[],
    OUT ref_ids uuid[], OUT ref_kinds text[], OUT ref_amounts bigint[], OUT ref_received_on date[],
    OUT donor_ids uuid[]
) LANGUAGE plpgsql AS $$
DECLARE
    n     int := coalesce(cardinality(p_keys), 0);
    wrote bool := false;
BEGIN
    SELECT coalesce(array_agg(k.scope ORDER BY u.ord), '{}'), coalesce(array_agg(k.request_hash ORDER BY u.ord), '{}'),
           coalesce(array_agg(k.resource_id ORDER BY u.ord), '{}'), coalesce(array_agg(d.id ORDER BY u.ord), '{}'),
           coalesce(array_agg(d.kind ORDER BY u.ord), '{}'), coalesce(array_agg(d.amount_vnd ORDER BY u.ord), '{}'),
           coalesce(array_agg(d.received_on ORDER BY u.ord), '{}')
      INTO idem_scopes, idem_hashes, idem_resources, ref_ids, ref_kinds, ref_amounts, ref_received_on
      FROM unnest(p_keys, p_refs) WITH ORDINALITY AS u(key, ref, ord)
      LEFT JOIN idempotency_keys k ON k.key = u.key
      LEFT JOIN donations d ON d.campaign_id = p_campaign AND d.bank_reference = u.ref;
    donor_ids := array_fill(NULL::uuid, ARRAY[n]);
    IF NOT EXISTS (
        SELECT FROM ledgers l
         WHERE l.campaign_id = p_campaign
           AND (l.code, l.status, l.organising_unit_id, l.participating_unit_ids, l.receiving_from,
                l.receiving_until, l.distribution_deadline, l.closed_on, l.settled_on)
               IS NOT DISTINCT FROM
               (p_code, p_status, p_organising, p_participating, p_from, p_until, p_deadline, p_closed, p_settled))
    THEN
        RETURN;  -- the ledger changed: the items are decided again, their donors written once accepted
    END IF;
    FOR i IN 1 .. n LOOP
        IF p_donor_types[i] IS NOT NULL AND idem_scopes[i] IS NULL AND ref_ids[i] IS NULL THEN
            donor_ids[i] := upsert_donor(p_donor_types[i], p_names[i], p_phones[i], p_id_numbers[i], p_births[i],
                                         p_consents[i], gen_random_uuid());
            wrote := true;
        END IF;
    END LOOP;
    IF wrote THEN
        PERFORM set_config('synchronous_commit', 'off', true);
    END IF;
END $$;
