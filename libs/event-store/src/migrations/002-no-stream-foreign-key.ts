/**
 * Drops the foreign key from `es_events` to `es_streams`. The append statement inserts events only for the stream
 * row it has just created or moved, in the same statement, so every event the store writes has its stream row
 * already; the key checked that again for every event, locking the stream row a second time. Under concurrent
 * appends that check cost as much as the rest of the append (the store's append rate doubled without it), for no
 * guarantee the store does not give itself. An event written behind the store's back without a stream row, or a
 * stream row deleted under its events, breaks `verifyStream` (the stream row's version and last hash no longer
 * match the events), just as any other change behind the store's back does.
 */
export const dropStreamForeignKey = `
ALTER TABLE es_events DROP CONSTRAINT es_events_stream_id_fkey;
`;
