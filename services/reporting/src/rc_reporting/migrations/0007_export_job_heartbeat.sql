-- An export job's worker proves it is alive: heartbeat_at is renewed while the job is queued or
-- running. A job whose heartbeat is older than the lease (RC_EXPORT_JOB_LEASE_S) was abandoned by a
-- process that stopped; reading it marks it failed, so a client does not poll "running" forever.
ALTER TABLE rpt_export_jobs ADD COLUMN IF NOT EXISTS heartbeat_at timestamptz NOT NULL DEFAULT now();
