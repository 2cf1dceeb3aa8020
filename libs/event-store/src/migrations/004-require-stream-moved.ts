/**
 * An append to an existing stream that carries other writes in its statement (`alongside`) must fail as a whole when
 * the stream has moved on: its `UPDATE` of the stream row then matches nothing, which the other writes, as CTEs of the
 * same statement, cannot see. The statement passes the number of rows it moved through this function, which raises
 * `ES409` on none, and so rolls back every write of the statement.
 */
export const requireStreamMoved = `
CREATE FUNCTION es_require_stream_moved(moved bigint, stream text, expected int) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  IF moved = 0 THEN
    RAISE EXCEPTION 'stream % is no longer at version %: nothing was written', stream, expected USING ERRCODE = 'ES409';
  END IF;
  RETURN stream;
END;
$$;
`;
