import type { Migration } from '@baken/event-store';

export const accessMigrations: readonly Migration[] = [];
