import { Inject, Injectable } from '@nestjs/common';
import type { Database, Sql } from '@baken/event-store';
import { CONFIG, DATABASE, type AppConfig } from '@baken/platform';
import { referenceDataGeneration } from '../reference-data/changes';
import type { DeadlinePeriods } from './deadline-rules';

/** How long the periods read are used before they are read again (a change through this process is seen at once). */
const REFRESH_MS = 2_000;

interface Change {
  /** The place in the log of the `DeadlinePeriodsChanged` event. */
  position: bigint;
  periods: DeadlinePeriods;
}

/**
 * The deadline periods as an administrator set them (`ref_deadline_periods`, ADR 62), the configuration's until then.
 * A deadline is counted with the periods in force when the event that opened it was written: those of the last change
 * before it in the log. So deadlines already open keep theirs, and a rebuild of the deadlines gives the same dates.
 */
@Injectable()
export class DeadlinePeriodsSource {
  private readonly defaults: DeadlinePeriods;
  private changes: Change[] = [];
  private loadedAt = -Infinity;
  private generation = -1;

  constructor(
    @Inject(CONFIG) config: AppConfig,
    @Inject(DATABASE) private readonly db: Database,
  ) {
    const { sweepIntervalMs: _, ...periods } = config.deadlines;
    this.defaults = periods;
  }

  /** The periods in force for an event at `globalPosition` (the latest when absent), from the copy last read. */
  readonly periodsAt = (globalPosition?: string): DeadlinePeriods => {
    if (globalPosition === undefined) return this.changes.at(-1)?.periods ?? this.defaults;
    const position = BigInt(globalPosition);
    let found = this.defaults;
    for (const change of this.changes) {
      if (change.position >= position) break;
      found = change.periods;
    }
    return found;
  };

  /** Reads the changes again when the copy is older than a moment or this process changed the reference data. */
  async refresh(sql: Sql = this.db): Promise<void> {
    if (Date.now() - this.loadedAt < REFRESH_MS && this.generation === referenceDataGeneration()) return;
    const generation = referenceDataGeneration();
    const { rows } = await sql.query<{ global_position: string; periods: DeadlinePeriods | string }>(
      `SELECT global_position::text AS global_position, periods FROM ref_deadline_periods ORDER BY global_position`,
    );
    this.changes = rows.map((r) => ({
      position: BigInt(r.global_position),
      periods: {
        ...this.defaults,
        ...(typeof r.periods === 'string' ? (JSON.parse(r.periods) as DeadlinePeriods) : r.periods),
      },
    }));
    this.loadedAt = Date.now();
    this.generation = generation;
  }
}
