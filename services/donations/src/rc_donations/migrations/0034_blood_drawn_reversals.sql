-- A voided blood gift whose blood was drawn still counts in the donor's interval between donations. A unit is
-- voided most often because it was discarded after testing: the donor gave it all the same, and the 84 days
-- (14 after apheresis) run from that day. Until now every voided gift left the donor's history, so a donor
-- whose unit was discarded on 1 May was found eligible again on 15 May. A reversal of a blood gift now says
-- whether blood was drawn (true unless the gift was recorded in error: the wrong donor, never given); NULL
-- for any other gift's reversal, and for the blood reversals recorded before this column, which keep the
-- reading they were recorded under (not counted).

ALTER TABLE donation_reversals ADD COLUMN blood_drawn boolean;

COMMENT ON COLUMN donation_reversals.blood_drawn IS
    'A blood gift''s reversal: blood was drawn from the donor (it still counts in their interval); false: recorded'
    ' in error; NULL: not a blood gift, or recorded before 0034 (not counted)';
