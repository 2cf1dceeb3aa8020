import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Database } from '@baken/event-store';
import { CLOCK, CONFIG, DATABASE, type AppConfig, type Clock } from '@baken/platform';
import { KeyCustody } from '@baken/privacy';

/**
 * Checks at start that the keyring opens the database's keys. Rotates the key-encryption keys when due (on schedule, after an erasure) and retires rotated-out ones once the
 * backup retention has passed; hourly, in one process that runs background work at a time.
 */
@Injectable()
export class KeyCustodyScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Keys');
  private readonly timers: NodeJS.Timeout[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly custody: KeyCustody,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.custody.assertKeyringMatches(this.db, this.config.keys.keyringFile);
    if (!this.config.runWorkers) return;
    const tick = () => void this.tick();
    this.timers.push(setInterval(tick, 3600 * 1000), setTimeout(tick, 90 * 1000));
    this.timers.forEach((t) => t.unref());
  }

  /** One round: rotate if due, retire what is due. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.round().catch((error: unknown) =>
      this.logger.error(`Key rotation failed: ${error instanceof Error ? error.message : String(error)}`),
    );
    await this.running;
    this.running = undefined;
  }

  private async round(): Promise<void> {
    const lock = await this.db.tryLock('baken-key-custody');
    if (!lock) return;
    try {
      const now = this.clock.now();
      const due = await this.custody.rotationDue(this.db, now);
      if (due) {
        const { kekId, rewrapped } = await this.custody.rotate(this.db, now);
        this.logger.log(`Rotated to key-encryption key ${kekId} (${due}); ${rewrapped} data key(s) wrapped again.`);
      }
      const retired = await this.custody.retireDue(this.db, now);
      if (retired.length) this.logger.log(`Retired key-encryption key(s) ${retired.join(', ')}.`);
    } finally {
      await lock.release();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.timers.forEach((t) => clearTimeout(t));
    await this.running;
  }
}
