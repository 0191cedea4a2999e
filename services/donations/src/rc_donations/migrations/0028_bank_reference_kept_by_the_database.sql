-- A bank reference is written without spaces and in capitals by the database itself, whatever writes it.
-- During a rolling upgrade to the release of 0025-0026, the pods of the release before still took gifts
-- and kept "ft 26001" as typed after those migrations had run: the statement's "FT26001" then found no
-- match and was receipted again. Every inserted or updated reference now goes through rc_bank_reference
-- (the rule of rc_donations.domain.statement.bank_reference), and the references written since 0026 are
-- written so again (unless two of a campaign's donations would then share one: left for staff).
CREATE FUNCTION rc_bank_reference(r text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT upper(regexp_replace(r, '[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u001c-\u001f]', '', 'g'))
$$;

CREATE FUNCTION donations_bank_reference_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.bank_reference := rc_bank_reference(NEW.bank_reference);
    RETURN NEW;
END $$;

CREATE TRIGGER donations_bank_reference_kept BEFORE INSERT OR UPDATE OF bank_reference ON donations
    FOR EACH ROW WHEN (NEW.bank_reference IS NOT NULL AND NEW.bank_reference !~ '^[A-Z0-9./_-]*$')
    EXECUTE FUNCTION donations_bank_reference_kept();

UPDATE donations d SET bank_reference = rc_bank_reference(d.bank_reference)
WHERE d.bank_reference IS NOT NULL AND d.bank_reference <> rc_bank_reference(d.bank_reference)
  AND NOT EXISTS (
      SELECT 1 FROM donations o
      WHERE o.campaign_id = d.campaign_id AND o.id <> d.id AND o.bank_reference IS NOT NULL
        AND rc_bank_reference(o.bank_reference) = rc_bank_reference(d.bank_reference)
  );
