import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SealRefused, Sealer, type Database } from '@baken/event-store';
import type { AppConfig } from './config';
import type { Clock } from './clock';
import { CLOCK, CONFIG, DATABASE } from './tokens';

/**
 * Seals the event log every `BAKEN_SEAL_INTERVAL_MINUTES` in processes that run background work. Each process looks
 * every minute whether the latest seal is that old; the seal's own lock keeps concurrent seals apart.
 */
@Injectable()
export class SealScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Seals');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly sealer: Sealer,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers || this.config.keys.sealIntervalMinutes === 0) return;
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) =>
        this.logger.error(`Sealing failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, 60_000);
    this.timer.unref();
  }

  /** Seals when the latest seal is older than the interval. Returns whether it sealed. */
  async tick(): Promise<boolean> {
    if (this.running) return false;
    const latest = this.sealer.read().latest;
    const due = this.config.keys.sealIntervalMinutes * 60_000;
    if (latest && this.clock.now().getTime() - new Date(latest.at).getTime() < due) return false;
    this.running = this.sealer.seal(this.db).then(
      (seal) => this.logger.log(`Sealed the event log: ${seal.sealId} at position ${seal.globalPosition}.`),
      (error: unknown) =>
        error instanceof SealRefused
          ? this.logger.error(`Not sealed, the log was changed behind the store's back. ${error.message}`)
          : this.logger.error(`Sealing failed: ${error instanceof Error ? error.message : String(error)}`),
    );
    await this.running;
    this.running = undefined;
    return true;
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
