import { eventStoreSchema } from './001-event-store';
import { dropStreamForeignKey } from './002-no-stream-foreign-key';
import { streamsAreNeverDeleted } from './003-streams-are-never-deleted';
import { requireStreamMoved } from './004-require-stream-moved';
import type { Migration } from './migrate';

export { migrate, MigrationChanged, type Migration } from './migrate';

/** The event store's own migrations; pass them first to `migrate`, followed by those of other libraries. */
export const eventStoreMigrations: readonly Migration[] = [
  { id: 'event-store/001-event-store', sql: eventStoreSchema },
  { id: 'event-store/002-no-stream-foreign-key', sql: dropStreamForeignKey },
  { id: 'event-store/003-streams-are-never-deleted', sql: streamsAreNeverDeleted },
  { id: 'event-store/004-require-stream-moved', sql: requireStreamMoved },
];
