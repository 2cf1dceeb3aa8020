import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Database } from '@baken/event-store';
import { Public } from '@baken/access';
import { DATABASE, ProblemError } from '@baken/platform';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** The process is up. */
  @Public()
  @Get()
  live() {
    return { status: 'ok' };
  }

  /** The database is reachable (and, once queues run, Redis). 503 otherwise. */
  @Public()
  @Get('ready')
  async ready() {
    const checks: Record<string, 'up' | 'down'> = {};
    try {
      await this.db.query('SELECT 1');
      checks.database = 'up';
    } catch {
      checks.database = 'down';
    }
    const down = Object.keys(checks).filter((k) => checks[k] === 'down');
    if (down.length) throw new ProblemError(503, 'Service unavailable', `Not ready: ${down.join(', ')} unreachable.`, '/problems/unavailable', { checks });
    return { status: 'ready', checks };
  }
}
