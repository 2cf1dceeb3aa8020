/**
 * The event log. `tx_id` (the writing transaction's id) together with `global_position` gives subscribers an order
 * in which no event can appear behind their checkpoint after they have passed it (see `readAll`).
 *
 * Transaction ids do not survive a logical dump and restore (`pg_dump`/`pg_restore` into a new cluster starts a
 * new xid sequence, while the restored `tx_id` values keep the old, possibly higher, numbers): back up physically
 * (base backup + WAL), or after a logical restore move the cluster's epoch on with `pg_resetwal -e`
 * (docs/OPERATIONS.md; checked by `restore-guard.ts`).
 */
export const eventStoreSchema = `
CREATE TABLE es_streams (
  stream_id   text PRIMARY KEY,
  stream_type text NOT NULL,
  version     integer NOT NULL CHECK (version > 0),
  last_hash   text NOT NULL
);

CREATE TABLE es_events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_id       text NOT NULL REFERENCES es_streams (stream_id),
  stream_version  integer NOT NULL CHECK (stream_version > 0),
  event_id        uuid NOT NULL UNIQUE,
  event_type      text NOT NULL,
  schema_version  integer NOT NULL DEFAULT 1,
  data            jsonb NOT NULL,
  metadata        jsonb NOT NULL,
  tx_id           xid8 NOT NULL DEFAULT pg_current_xact_id(),
  recorded_at     timestamptz NOT NULL,
  UNIQUE (stream_id, stream_version)
);

CREATE INDEX es_events_tx_position ON es_events (tx_id, global_position);
CREATE INDEX es_events_stream_recorded_at ON es_events (stream_id, recorded_at);
CREATE INDEX es_events_type_tx_position ON es_events (event_type, tx_id, global_position);

CREATE FUNCTION es_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'es_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER es_events_append_only
  BEFORE UPDATE OR DELETE ON es_events
  FOR EACH ROW EXECUTE FUNCTION es_refuse_change();

CREATE TRIGGER es_events_no_truncate
  BEFORE TRUNCATE ON es_events
  FOR EACH STATEMENT EXECUTE FUNCTION es_refuse_change();

CREATE TABLE es_checkpoints (
  subscriber_id   text PRIMARY KEY,
  tx_id           xid8 NOT NULL DEFAULT '0',
  global_position bigint NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
`;
