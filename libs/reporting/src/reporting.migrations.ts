import type { Migration } from '@baken/event-store';

export const reportingMigrations: readonly Migration[] = [];
