-- A donor who withdrew consent to be named before migration 0019 has no consent_withdrawn_at, and a
-- later gift given with consent would name them again. Such a donor is one whose consent is false
-- although one of their gifts was given with consent: only a withdrawal (PUT /donors/{id}/consent)
-- or the rewrite 0019 removed (a later gift sent without consent) took it. Both are counted as a
-- withdrawal: only the donor's consent given again through PUT /donors/{id}/consent names them.
UPDATE donors d
   SET consent_withdrawn_at = now()
 WHERE NOT d.consent_to_be_named AND d.erased_at IS NULL AND d.consent_withdrawn_at IS NULL
   AND EXISTS (SELECT 1 FROM donations x WHERE x.donor_id = d.id AND x.publicly_named);
