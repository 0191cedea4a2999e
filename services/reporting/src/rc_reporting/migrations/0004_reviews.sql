-- Review reports (issue 10): support kinds on distributions, annual plans, export jobs.

-- What a distribution gave (a code of RC_SUPPORT_KINDS), how many, and the person-times reached
-- (NULL: recorded before support kinds existed; person-times then fall back to the household size).
ALTER TABLE rpt_campaign_distributions ADD COLUMN IF NOT EXISTS support_kind text;
ALTER TABLE rpt_campaign_distributions ADD COLUMN IF NOT EXISTS quantity integer;
ALTER TABLE rpt_campaign_distributions ADD COLUMN IF NOT EXISTS people_reached integer;

-- Annual plans: a target per unit, calendar year and indicator (entered through the API or a
-- spreadsheet; not a projection: `rebuild` leaves it alone).
CREATE TABLE IF NOT EXISTS rpt_plan_targets (
    unit_id     uuid NOT NULL,
    year        integer NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    indicator   text NOT NULL,
    target      bigint NOT NULL CHECK (target >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (unit_id, year, indicator)
);
CREATE INDEX IF NOT EXISTS rpt_plan_targets_year ON rpt_plan_targets (year, indicator);

-- Large exports run as jobs: progress while running, the file once done (kept until expires_at).
CREATE TABLE IF NOT EXISTS rpt_export_jobs (
    job_id       uuid PRIMARY KEY,
    kind         text NOT NULL,
    format       text NOT NULL,
    params       jsonb NOT NULL,
    status       text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    progress     integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    filename     text,
    media_type   text,
    content      bytea,
    error        text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    expires_at   timestamptz NOT NULL DEFAULT now() + interval '1 day'
);
