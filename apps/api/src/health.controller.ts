import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Database } from '@baken/event-store';
import { Public } from '@baken/access';
import { DATABASE, JobQueues, ProblemError } from '@baken/platform';

type Check = 'up' | 'down' | 'in_process';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Optional() private readonly queues?: JobQueues,
  ) {}

  /** The process is up. */
  @Public()
  @Get()
  live() {
    return { status: 'ok' };
  }

  /**
   * The database and every queue are reachable; 503 naming what is not. A queue is `in_process` when no Redis was
   * found at start: background jobs then run in this process, which counts as ready.
   */
  @Public()
  @Get('ready')
  async ready() {
    const checks: Record<string, Check> = {};
    try {
      await this.db.query('SELECT 1');
      checks.database = 'up';
    } catch {
      checks.database = 'down';
    }
    for (const { queue, state } of (await this.queues?.status()) ?? []) checks[`queue:${queue}`] = state;
    const down = Object.keys(checks).filter((k) => checks[k] === 'down');
    if (down.length) {
      const names = down.map((k) => (k.startsWith('queue:') ? `queue ${k.slice(6)} (Redis)` : k));
      throw new ProblemError(
        503,
        'Service unavailable',
        `Not ready: ${names.join(', ')} unreachable.`,
        '/problems/unavailable',
        { checks },
      );
    }
    return { status: 'ready', checks };
  }
}
