-- Migration 0028 wrote again the references a pod of the release before had kept as typed, but not the
-- public ledger's lines, searched by them (bank_ref_rev): "ft 26001" stayed "10062 tf" there, and a search
-- for the reference as now kept missed it. The lines follow their donations' references now. And
-- rc_bank_reference's pattern is an escape string, read the same whatever standard_conforming_strings is.
CREATE OR REPLACE FUNCTION rc_bank_reference(r text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT upper(regexp_replace(r, E'[\\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u001c-\u001f]', '', 'g'))
$$;

UPDATE ledger_lines l SET bank_ref_rev = reverse(lower(d.bank_reference))
FROM donations d
WHERE l.donation_id = d.id AND l.bank_ref_rev IS NOT NULL AND d.bank_reference IS NOT NULL
  AND l.bank_ref_rev <> reverse(lower(d.bank_reference));
