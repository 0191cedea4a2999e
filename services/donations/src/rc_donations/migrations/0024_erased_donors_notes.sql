-- Donors erased before erasure cleared their gifts' notes (API 1.5.0): the notes staff wrote on those
-- gifts (often the donor's name or phone) are cleared now, here and on the public ledger's lines, as an
-- erasure now does; the public answers cached by version are renewed (the labels' counter, migration 0007).
UPDATE donations d SET description = NULL
  FROM donors o WHERE o.id = d.donor_id AND o.erased_at IS NOT NULL AND d.description IS NOT NULL;
UPDATE ledger_lines l SET note = NULL
  FROM donors o WHERE o.id = l.donor_id AND o.erased_at IS NOT NULL AND l.movement = 'donation' AND l.note IS NOT NULL;
UPDATE ledger_public_versions SET labels = labels + 1;
