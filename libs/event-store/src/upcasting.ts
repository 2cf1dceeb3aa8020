/** Turns the data of an event of one schema version into the shape of the next version. Pure. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** An event stored with a schema version newer than this code knows: written by a newer release. */
export class UnknownSchemaVersion extends Error {
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
    readonly known: number,
  ) {
    super(
      `${type} events of schema version ${schemaVersion} were written by a newer release (this one reads up to ${known}); run that release.`,
    );
    this.name = 'UnknownSchemaVersion';
  }
}

/**
 * The schema versions of event types and the upcasters between them. An event type's current version is one more than
 * the number of its upcasters; events are appended in that version and every event read from the store is brought up
 * to it, so readers only ever see the current shape. The stored data itself is never changed: the hash chain covers
 * the events as they were written.
 */
export class EventSchemas {
  private readonly steps = new Map<string, readonly Upcaster[]>();

  /** The upcasters of one event type, oldest first: `steps[0]` reads version 1 as version 2, `steps[1]` 2 as 3, and so on. */
  define(type: string, steps: readonly Upcaster[]): this {
    this.steps.set(type, steps);
    return this;
  }

  currentVersion(type: string): number {
    return (this.steps.get(type)?.length ?? 0) + 1;
  }

  /** The event with its data in the current shape of its type. */
  upcast<T extends { type: string; schemaVersion: number; data: unknown }>(event: T): T {
    const steps = this.steps.get(event.type) ?? [];
    const current = steps.length + 1;
    if (event.schemaVersion === current) return event;
    if (event.schemaVersion > current) throw new UnknownSchemaVersion(event.type, event.schemaVersion, current);
    let data = event.data as Record<string, unknown>;
    for (let version = event.schemaVersion; version < current; version++) data = steps[version - 1](data);
    return { ...event, data, schemaVersion: current };
  }
}
