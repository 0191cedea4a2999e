-- A voided gift gives up its bank reference. The one-gift-per-transfer rule (the unique index on
-- (campaign_id, bank_reference)) and every lookup by reference (the intake functions of 0009 and 0010, a
-- statement's duplicates) counted a voided gift as the transfer on record: a transfer keyed wrongly (the
-- wrong amount, anonymous instead of named) and voided could never be recorded again, by hand (409, or the
-- voided gift answered as a replay) or from the statement ("duplicate"), and the money never reached the
-- totals. The reference moves to voided_bank_reference when the reversal is inserted (same transaction):
-- the API still shows it on the voided gift, the public ledger's lines still find both by it (their own
-- column), and a statement row naming only a voided transfer is rejected with that reason rather than
-- recorded again by itself (the money may have been sent back), so the accountant decides.

ALTER TABLE donations ADD COLUMN voided_bank_reference text;

UPDATE donations d SET voided_bank_reference = d.bank_reference, bank_reference = NULL
  FROM donation_reversals r
 WHERE r.donation_id = d.id AND d.bank_reference IS NOT NULL;

CREATE INDEX donations_voided_bank_reference ON donations (campaign_id, voided_bank_reference)
    WHERE voided_bank_reference IS NOT NULL;

CREATE FUNCTION donation_reversals_release_reference() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE donations d SET voided_bank_reference = d.bank_reference, bank_reference = NULL
      FROM new_rows r
     WHERE d.id = r.donation_id AND d.bank_reference IS NOT NULL;
    RETURN NULL;
END $$;

CREATE TRIGGER donation_reversals_release_reference AFTER INSERT ON donation_reversals
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION donation_reversals_release_reference();
