import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Database } from '@baken/event-store';
import { CLOCK, CONFIG, DATABASE, type AppConfig, type Clock } from '@baken/platform';
import { RetentionService } from './retention.service';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Runs retention once a day in processes that run background work (`BAKEN_RUN_WORKERS`). Every process checks hourly
 * whether the last recorded run is a day old; the service's own lock keeps concurrent runs to one.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Retention');
  private readonly timers: NodeJS.Timeout[] = [];
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly retention: RetentionService,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    const tick = () => {
      this.tick().catch((error: unknown) =>
        this.logger.error(`Retention check failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    };
    this.timers.push(setInterval(tick, 3600 * 1000), setTimeout(tick, 60 * 1000));
    this.timers.forEach((t) => t.unref());
  }

  /** Runs retention when no run was recorded in the last day. Returns whether it ran. */
  async tick(): Promise<boolean> {
    if (this.running || this.stopped) return false;
    const { rows } = await this.db.query<{ last: Date | null }>(
      'SELECT max(started_at) AS last FROM privacy_retention_runs',
    );
    const last = rows[0]?.last ? new Date(rows[0].last) : null;
    if (last && this.clock.now().getTime() - last.getTime() < DAY_MS) return false;
    this.running = this.retention.run().then(
      (run) => {
        if (run) this.logger.log(`Retention erased ${run.subjectsErased} subject(s) in ${run.caseIds.length} case(s).`);
      },
      (error: unknown) =>
        this.logger.error(`Retention failed: ${error instanceof Error ? error.message : String(error)}`),
    );
    await this.running;
    this.running = undefined;
    return true;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.timers.forEach((t) => clearTimeout(t));
    await this.running;
  }
}
