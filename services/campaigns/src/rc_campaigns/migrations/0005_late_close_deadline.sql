-- A campaign closed after its receiving period ended had its distribution deadline counted from the late
-- close; it counts from the period's end (nothing was received after it: a late close does not give
-- distribution more time). The deadline moves back by the days the close was late, whatever the
-- configured number of distribution days. (The donations ledger and the reporting service kept the
-- launch's deadline, counted from the period's end: they already hold this one.)
UPDATE campaigns
   SET distribution_deadline = distribution_deadline - (closed_on - receiving_until)
 WHERE closed_on > receiving_until AND distribution_deadline IS NOT NULL;
