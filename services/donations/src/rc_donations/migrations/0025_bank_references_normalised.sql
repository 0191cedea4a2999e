-- Bank references are kept without spaces, in capitals (rc_donations.domain.statement.bank_reference):
-- a transfer typed as "ft 26001" and the statement's "FT26001" are one transfer with one receipt. The
-- references recorded before are written so too, unless that would make two of a campaign's donations
-- share one (they were receipted twice before this release: left as they are, for staff to reverse one).
UPDATE donations d
SET bank_reference = upper(regexp_replace(d.bank_reference, '\s', '', 'g'))
WHERE d.bank_reference IS NOT NULL
  AND d.bank_reference <> upper(regexp_replace(d.bank_reference, '\s', '', 'g'))
  AND NOT EXISTS (
      SELECT 1 FROM donations o
      WHERE o.campaign_id = d.campaign_id AND o.id <> d.id AND o.bank_reference IS NOT NULL
        AND upper(regexp_replace(o.bank_reference, '\s', '', 'g')) = upper(regexp_replace(d.bank_reference, '\s', '', 'g'))
  );
