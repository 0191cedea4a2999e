-- Support kinds on distributions (issue 10): what was given (a code of the configured catalogue,
-- RC_SUPPORT_KINDS), how many, and the person-times reached. NULL on distributions recorded before.
ALTER TABLE distributions ADD COLUMN IF NOT EXISTS support_kind text;
ALTER TABLE distributions ADD COLUMN IF NOT EXISTS quantity integer CHECK (quantity IS NULL OR quantity >= 1);
ALTER TABLE distributions ADD COLUMN IF NOT EXISTS people_reached integer CHECK (people_reached IS NULL OR people_reached >= 0);
