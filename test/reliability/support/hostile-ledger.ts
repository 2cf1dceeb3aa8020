import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Which request wrote which events. Every request carries its own `X-Correlation-Id` (`hx<run>-<n>`), which the API
 * stores in the metadata of the events it appends; a command's events also share one `commandId`, and the last
 * of them has the version the command answered. So each command found in the log can be traced to the request
 * that caused it, and must belong to a request that was answered 2xx — for a case, with that case and version. Writes
 * outside cases (the administrator's reference data and targets, the programme monitor, Zorgtafel sessions) answer no
 * case version: their request must have been answered 2xx. What the system records of its own accord (a programme
 * action passing its due moment) answers no request and is left out.
 */

export interface SentRequest {
  /** Our correlation id, or undefined when the generated request set `X-Correlation-Id` itself. */
  correlationId?: string;
  status: number;
  /** `{ caseId, version }` of a 2xx command answer. */
  outcome?: { caseId: string; version: number };
  description: string;
}

export interface WrittenCommand {
  streamId: string;
  commandId: string;
  correlationId: string;
  lastVersion: number;
  events: number;
  /** Recorded by the system itself, not for a request. */
  bySystem: boolean;
}

export class RequestLedger {
  private readonly sent = new Map<string, SentRequest>();
  private readonly untagged: SentRequest[] = [];
  private counter = 0;
  /** Per run, so that a generated `X-Correlation-Id` cannot pass for one of ours. */
  private readonly prefix = `hx${randomBytes(4).toString('hex')}`;

  /** A fresh correlation id for the next request. */
  nextCorrelationId(): string {
    return `${this.prefix}-${++this.counter}`;
  }

  record(request: SentRequest): void {
    if (request.correlationId) this.sent.set(request.correlationId, request);
    else this.untagged.push(request);
  }

  /** Commands in the log that no successful request explains, each with the request that caused it where known. */
  unexplained(commands: WrittenCommand[]): string[] {
    const succeeded = (r: SentRequest | undefined) => r !== undefined && r.status >= 200 && r.status < 300;
    const matches = (r: SentRequest, c: WrittenCommand) =>
      !c.streamId.startsWith('case-') ||
      (r.outcome !== undefined && `case-${r.outcome.caseId}` === c.streamId && r.outcome.version === c.lastVersion);
    const problems: string[] = [];
    for (const command of commands) {
      if (command.bySystem) continue;
      const request = this.sent.get(command.correlationId);
      if (request) {
        if (!succeeded(request) || !matches(request, command)) {
          problems.push(
            `${command.events} event(s) on ${command.streamId} up to version ${command.lastVersion} were written by a request answered ${request.status}: ${request.description}`,
          );
        }
      } else if (!this.untagged.some((r) => succeeded(r) && matches(r, command))) {
        problems.push(
          `${command.events} event(s) on ${command.streamId} up to version ${command.lastVersion} (correlation ${command.correlationId}) match no request answered 2xx`,
        );
      }
    }
    return problems;
  }
}

/** The commands appended after `afterPosition`, one row per command. */
export async function commandsWrittenAfter(databaseUrl: string, afterPosition: string): Promise<WrittenCommand[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      stream_id: string;
      command_id: string;
      correlation_id: string;
      last_version: number;
      events: string;
      by_system: boolean;
    }>(
      `SELECT stream_id, metadata->>'commandId' AS command_id, metadata->>'correlationId' AS correlation_id,
              max(stream_version) AS last_version, count(*) AS events,
              bool_and(coalesce(metadata->>'role', metadata->'actor'->>'role') = 'system'
                       AND event_type = 'ProgrammeActionOverdue') AS by_system
         FROM es_events WHERE global_position > $1
        GROUP BY stream_id, metadata->>'commandId', metadata->>'correlationId'`,
      [afterPosition],
    );
    return rows.map((r) => ({
      streamId: r.stream_id,
      commandId: r.command_id,
      correlationId: r.correlation_id,
      lastVersion: Number(r.last_version),
      events: Number(r.events),
      bySystem: r.by_system,
    }));
  } finally {
    await client.end();
  }
}

export async function lastPosition(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ position: string }>(
      'SELECT coalesce(max(global_position), 0)::text AS position FROM es_events',
    );
    return rows[0].position;
  } finally {
    await client.end();
  }
}
