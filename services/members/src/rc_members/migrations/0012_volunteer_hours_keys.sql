-- Volunteer hours logged once per request: an entry keeps the Idempotency-Key it was logged with.
--
-- A form sent twice (a double click, a slow connection, a retry after a timeout) logged the hours twice, and
-- nothing can take an entry back: the province's hours figure kept them. A request with a key already logged
-- answers that entry instead (200); the same key with another person, day or number of hours is refused.
ALTER TABLE volunteer_hours ADD COLUMN request_key text;
CREATE UNIQUE INDEX volunteer_hours_request_key ON volunteer_hours (request_key) WHERE request_key IS NOT NULL;
