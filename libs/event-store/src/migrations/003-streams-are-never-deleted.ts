/**
 * Stream rows are never deleted. Without the foreign key (002) nothing else stopped a `DELETE` or `TRUNCATE` of
 * `es_streams`; the events would stay, `verifyStream` would report the stream broken and the next append to it would
 * fail on the events' unique version. Appends update the row, so only deletes are refused.
 */
export const streamsAreNeverDeleted = `
CREATE FUNCTION es_streams_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'es_streams rows are never deleted: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER es_streams_never_deleted
  BEFORE DELETE ON es_streams
  FOR EACH ROW EXECUTE FUNCTION es_streams_refuse_delete();

CREATE TRIGGER es_streams_no_truncate
  BEFORE TRUNCATE ON es_streams
  FOR EACH STATEMENT EXECUTE FUNCTION es_streams_refuse_delete();
`;
