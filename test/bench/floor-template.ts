/** The tables a registration writes synchronously, in the order the floor writes them. */
export const FLOOR_TABLES = ['es_streams', 'es_events', 'privacy_case_keys', 'case_list', 'case_details'] as const;

export type FloorTable = (typeof FLOOR_TABLES)[number];

/** One row per table, as Baken wrote it for one registration (columns the database fills itself left out). */
export type FloorTemplate = Record<FloorTable, Record<string, unknown>>;
