-- A beneficiary's personal data can be erased at their request (Law 91/2025): the record stays (its id,
-- unit, commune, kind and the support it received, which the ledger's distributions and the reports
-- count), its name, identity number, address, circumstances and notes go. When, is kept here.
ALTER TABLE beneficiaries ADD COLUMN erased_at timestamptz;
