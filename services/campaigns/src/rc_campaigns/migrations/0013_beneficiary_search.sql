-- Finding a beneficiary by a fragment of their name, address or commune (GET /beneficiaries?q=) read every
-- record of the organisation (a fold of each row's text, compared with LIKE '%...%'): the cost of one search
-- grew with the register. A trigram index over the same folded text answers it from the index.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- The expression is the search's own (BeneficiaryRepository.search), character for character: the planner
-- uses an expression index only for the same expression.
CREATE INDEX beneficiaries_search ON beneficiaries
    USING gin (rc_fold(full_name || ' ' || address || ' ' || commune) gin_trgm_ops);
