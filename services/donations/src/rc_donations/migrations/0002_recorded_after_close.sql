-- A contribution recorded after its campaign's close reached this service (received on or before
-- the close date: it counts, but it arrived late). See Ledger.check_accepts.
ALTER TABLE donations ADD COLUMN recorded_after_close boolean NOT NULL DEFAULT false;
