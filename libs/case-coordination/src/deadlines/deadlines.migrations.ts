import type { Migration } from '@baken/event-store';

export const deadlineMigrations: readonly Migration[] = [];
