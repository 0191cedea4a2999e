-- Bank-statement imports sent with several requests in flight (rc-donations import-statement
-- --in-flight N): each request names its import (a uuid per run) and its batch number (0, 1, 2, ...),
-- and numbers its rows only once the batch before it has committed, so the receipts follow the file's
-- rows whichever replica answers which request. One row per import: the highest batch committed.
-- Rows of a campaign's imports idle for 7 days are deleted when a new import of that campaign starts.
CREATE TABLE statement_imports (
    campaign_id uuid NOT NULL,
    import_id   uuid NOT NULL,
    last_batch  integer NOT NULL CHECK (last_batch >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, import_id)
);
