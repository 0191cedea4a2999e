-- record_donation_batch (migration 0008) writes its events straight into outbox_queue (shared migration
-- 0003), not through the outbox view's per-row INSTEAD OF trigger: the same rows, one set-based INSERT,
-- no trigger call per event on the hot campaign's group commit. The signature is unchanged (the headers
-- still come as jsonb and are stored as their text), so a process of the previous version calls it as
-- before during a rolling upgrade.
CREATE OR REPLACE FUNCTION record_donation_batch(
    p_campaign uuid,
    -- the ledger as the items were decided against (ledger_from's fields)
    p_code text, p_status text, p_organising uuid, p_participating uuid[], p_from date, p_until date,
    p_deadline date, p_closed date, p_settled date,
    -- the new donations, in receipt order
    p_ids uuid[], p_kinds text[], p_amounts bigint[], p_values bigint[], p_units int[], p_blood_kinds text[],
    p_items text[], p_donor_ids uuid[], p_donor_types text[], p_named bool[], p_unit_ids uuid[],
    p_credited_units uuid[], p_credited_persons uuid[], p_pledges uuid[], p_channels text[], p_refs text[],
    p_descriptions text[], p_received_on date[], p_late bool[],
    -- Idempotency-Keys to save (scope, request hash, the donation each answers with)
    p_keys text[], p_scope text, p_hashes text[], p_resources uuid[],
    -- one DonationRecorded event per new donation, same order
    p_event_ids uuid[], p_topics text[], p_subjects text[], p_types text[], p_headers jsonb[],
    p_heads text[], p_tails text[], p_notify text,
    OUT first_no bigint, OUT created_at timestamptz
) LANGUAGE plpgsql AS $$
DECLARE
    n    int := coalesce(cardinality(p_ids), 0);
    last bigint;
BEGIN
    UPDATE ledgers SET last_receipt_no = last_receipt_no + n,
           cash_received_vnd = cash_received_vnd + (SELECT coalesce(sum(a), 0) FROM unnest(p_amounts) a),
           in_kind_received_vnd = in_kind_received_vnd + (SELECT coalesce(sum(v), 0) FROM unnest(p_values) v),
           blood_units = blood_units + (SELECT coalesce(sum(u), 0) FROM unnest(p_units) u),
           updated_at = now()
     WHERE campaign_id = p_campaign
       AND (code, status, organising_unit_id, participating_unit_ids, receiving_from, receiving_until,
            distribution_deadline, closed_on, settled_on)
           IS NOT DISTINCT FROM
           (p_code, p_status, p_organising, p_participating, p_from, p_until, p_deadline, p_closed, p_settled)
    RETURNING last_receipt_no INTO last;
    IF NOT FOUND THEN
        RETURN;  -- first_no NULL: the ledger changed since the items were decided
    END IF;
    first_no := last - n + 1;
    created_at := now();
    INSERT INTO donations (id, campaign_id, kind, amount_vnd, value_vnd, blood_units, blood_kind, items, donor_id,
                           donor_type, publicly_named, unit_id, credited_unit_id, credited_person_id, pledge_id,
                           channel, bank_reference, description, received_on, receipt_no, recorded_after_close)
    SELECT u.id, p_campaign, u.kind, u.amount, u.value, u.units, u.blood_kind, u.items::jsonb, u.donor_id,
           u.donor_type, u.named, u.unit_id, u.credited_unit_id, u.credited_person_id, u.pledge_id, u.channel,
           u.ref, u.descr, u.on_, first_no + u.ord - 1, u.late
      FROM unnest(p_ids, p_kinds, p_amounts, p_values, p_units, p_blood_kinds, p_items, p_donor_ids,
                  p_donor_types, p_named, p_unit_ids, p_credited_units, p_credited_persons, p_pledges,
                  p_channels, p_refs, p_descriptions, p_received_on, p_late) WITH ORDINALITY
           AS u(id, kind, amount, value, units, blood_kind, items, donor_id, donor_type, named, unit_id,
                credited_unit_id, credited_person_id, pledge_id, channel, ref, descr, on_, late, ord)
     ORDER BY u.ord;
    INSERT INTO idempotency_keys (key, scope, request_hash, resource_id)
    SELECT k, p_scope, h, r FROM unnest(p_keys, p_hashes, p_resources) AS k(k, h, r);
    INSERT INTO outbox_queue (event_id, topic, key, event_type, headers, payload)
    SELECT e.id, e.topic, e.subject, e.type, e.headers::text, e.head || (first_no + e.ord - 1) || e.tail
      FROM unnest(p_event_ids, p_topics, p_subjects, p_types, p_headers, p_heads, p_tails) WITH ORDINALITY
           AS e(id, topic, subject, type, headers, head, tail, ord)
     ORDER BY e.ord;
    IF n > 0 THEN
        PERFORM pg_notify(p_notify, '');
    END IF;
END $$;
