-- The outbox as two tables: ``outbox_queue`` holds the rows not yet published (only its primary key:
-- the relay reads it in id order), ``outbox_published`` the published rows kept for the retention
-- window (by publication time: clean-up and ``outbox republish --since``). Publishing a batch moves
-- its rows in one statement (DELETE ... RETURNING into INSERT): no UPDATE that writes a new version
-- of each row into three indexes and moves it from one partial index to another (a third of the
-- donations database's CPU in a bulk import). ``outbox`` stays as the view of both, as it was read
-- (``published_at`` NULL: not yet published); an INSERT into it still writes to the queue, and the
-- UPDATE and DELETE of the earlier relay and republish (processes of the previous version, still
-- running while a rolling upgrade replaces them) move and delete rows as they meant to.
ALTER TABLE outbox RENAME TO outbox_queue;
ALTER TABLE outbox_queue RENAME CONSTRAINT outbox_pkey TO outbox_queue_pkey;
ALTER TABLE outbox_queue DROP CONSTRAINT IF EXISTS outbox_event_id_key;  -- random ids drawn here
-- The headers as the JSON text they are written and sent as: not parsed into jsonb on the way in and
-- printed back on the way out (the view shows them as jsonb).
ALTER TABLE outbox_queue ALTER COLUMN headers TYPE text;
DROP INDEX IF EXISTS outbox_unpublished;
DROP INDEX IF EXISTS outbox_published_at;

CREATE TABLE outbox_published (
    id           bigint      NOT NULL,
    event_id     uuid        NOT NULL,
    topic        text        NOT NULL,
    key          text        NOT NULL,
    event_type   text        NOT NULL,
    headers      text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL,
    published_at timestamptz NOT NULL
);
CREATE INDEX outbox_published_at ON outbox_published (published_at);

WITH moved AS (DELETE FROM outbox_queue WHERE published_at IS NOT NULL RETURNING *)
INSERT INTO outbox_published SELECT id, event_id, topic, key, event_type, headers, payload, created_at, published_at
FROM moved;
ALTER TABLE outbox_queue DROP COLUMN published_at;

CREATE VIEW outbox AS
    SELECT id, event_id, topic, key, event_type, headers::jsonb AS headers, payload, created_at,
           NULL::timestamptz AS published_at
    FROM outbox_queue
    UNION ALL
    SELECT id, event_id, topic, key, event_type, headers::jsonb, payload, created_at, published_at
    FROM outbox_published;
ALTER VIEW outbox ALTER COLUMN id SET DEFAULT nextval('outbox_id_seq');
ALTER VIEW outbox ALTER COLUMN created_at SET DEFAULT now();

CREATE FUNCTION outbox_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outbox_queue (id, event_id, topic, key, event_type, headers, payload, created_at)
    VALUES (NEW.id, NEW.event_id, NEW.topic, NEW.key, NEW.event_type, NEW.headers::text, NEW.payload, NEW.created_at);
    NEW.published_at := NULL;
    RETURN NEW;
END $$;
CREATE TRIGGER outbox_insert INSTEAD OF INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_insert();

CREATE FUNCTION outbox_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_at IS NULL AND NEW.published_at IS NOT NULL THEN
        INSERT INTO outbox_published
        SELECT id, event_id, topic, key, event_type, headers, payload, created_at, NEW.published_at
          FROM outbox_queue WHERE id = OLD.id;
        DELETE FROM outbox_queue WHERE id = OLD.id;
    ELSIF OLD.published_at IS NOT NULL AND NEW.published_at IS NULL THEN
        INSERT INTO outbox_queue
        SELECT id, event_id, topic, key, event_type, headers, payload, created_at
          FROM outbox_published WHERE id = OLD.id;
        DELETE FROM outbox_published WHERE id = OLD.id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER outbox_update INSTEAD OF UPDATE ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_update();

CREATE FUNCTION outbox_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_at IS NULL THEN
        DELETE FROM outbox_queue WHERE id = OLD.id;
    ELSE
        DELETE FROM outbox_published WHERE id = OLD.id;
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER outbox_delete INSTEAD OF DELETE ON outbox FOR EACH ROW EXECUTE FUNCTION outbox_delete();
