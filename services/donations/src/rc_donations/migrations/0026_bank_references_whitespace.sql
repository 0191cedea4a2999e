-- Migration 0025 wrote the references recorded before without spaces and in capitals, but PostgreSQL's
-- \s is not every space Python's str.split() removes (the no-break spaces U+00A0, U+202F...): a reference
-- typed "FT 26001" with a no-break space still differed from the statement's "FT26001". The same rule
-- again with every such space; and the public ledger's lines, searched by the end of a reference, follow
-- the references as now kept. A reference that would then equal another of its campaign's is left as it is.
CREATE FUNCTION pg_temp.ref_key(r text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT upper(regexp_replace(r, '[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u001c-\u001f]', '', 'g'))
$$;
UPDATE donations d SET bank_reference = pg_temp.ref_key(d.bank_reference)
WHERE d.bank_reference IS NOT NULL AND d.bank_reference <> pg_temp.ref_key(d.bank_reference)
  AND NOT EXISTS (
      SELECT 1 FROM donations o
      WHERE o.campaign_id = d.campaign_id AND o.id <> d.id AND o.bank_reference IS NOT NULL
        AND pg_temp.ref_key(o.bank_reference) = pg_temp.ref_key(d.bank_reference)
  );
UPDATE ledger_lines l SET bank_ref_rev = reverse(lower(d.bank_reference))
FROM donations d
WHERE l.donation_id = d.id AND l.bank_ref_rev IS NOT NULL AND d.bank_reference IS NOT NULL
  AND l.bank_ref_rev <> reverse(lower(d.bank_reference));
