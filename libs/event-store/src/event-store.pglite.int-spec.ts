import { describeEventStoreContract } from './testing/event-store-contract';
import { openMigratedTestDatabase } from './testing';

describeEventStoreContract('PGlite (in memory)', () => openMigratedTestDatabase({ kind: 'pglite' }));
