-- The version of a public ledger answer (rc_donations.service_layer.lines.version): its ledger row
-- (xmin: every update of the row is a new one), its lines' head, its disclosure, and what it shows
-- from outside the campaign: the donors' public labels and the units' names. Two counters for the
-- latter, bumped by triggers in the same transaction as any change that can change them: a donor's
-- name, consent or erasure; a unit's name; a beneficiary's unit (the page counts beneficiaries per
-- commune). Rare events; a statement changing many rows bumps a counter once. Rendered public
-- answers are cached by version (rc_shared.http_cache): a body is rendered in one snapshot with the
-- version it is stored under, so a withdrawal is never hidden behind a cached name.
CREATE TABLE ledger_public_versions (
    id     boolean PRIMARY KEY DEFAULT true CHECK (id),
    labels bigint  NOT NULL DEFAULT 0,
    units  bigint  NOT NULL DEFAULT 0
);
INSERT INTO ledger_public_versions DEFAULT VALUES;

CREATE FUNCTION ledger_public_labels_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n USING (id)
                WHERE o.name IS DISTINCT FROM n.name
                   OR o.consent_to_be_named IS DISTINCT FROM n.consent_to_be_named
                   OR o.erased_at IS DISTINCT FROM n.erased_at) THEN
        UPDATE ledger_public_versions SET labels = labels + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION ledger_public_donors_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_public_versions SET labels = labels + 1 WHERE EXISTS (SELECT 1 FROM old_rows);
    RETURN NULL;
END $$;

CREATE FUNCTION ledger_public_units_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_public_versions SET units = units + 1;
    RETURN NULL;
END $$;

CREATE TRIGGER donors_public_labels AFTER UPDATE ON donors
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_public_labels_changed();
CREATE TRIGGER donors_public_labels_deleted AFTER DELETE ON donors
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_public_donors_deleted();
CREATE TRIGGER unit_names_public AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit_names
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_public_units_changed();
CREATE TRIGGER beneficiaries_public_unit AFTER UPDATE OF unit_id ON beneficiaries
    FOR EACH ROW WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id) EXECUTE FUNCTION ledger_public_units_changed();
