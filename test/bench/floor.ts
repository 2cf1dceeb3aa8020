import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@baken/event-store';
import { freePort, waitForHealth, type ServerProcess } from '../support/api-process';
import { FLOOR_TABLES, type FloorTemplate } from './floor-template';

/** Columns the database fills itself: the floor leaves them to it, as Baken's append does. */
const FILLED_BY_THE_DATABASE: Record<string, readonly string[]> = { es_events: ['global_position', 'tx_id'] };

/**
 * The rows Baken wrote for its latest registration in the database at `url`, one per table of {@link FLOOR_TABLES}:
 * the floor writes the same again.
 */
export async function captureTemplate(url: string): Promise<FloorTemplate> {
  const db = await openDatabase({ url });
  try {
    const { rows: latest } = await db.query<{ case_id: string }>(
      `SELECT case_id::text AS case_id FROM case_list ORDER BY reference DESC LIMIT 1`,
    );
    if (!latest[0]) throw new Error('no registration to copy: run the API load first');
    const caseId = latest[0].case_id;
    const where: Record<string, string> = {
      es_streams: `stream_id = 'case-${caseId}'`,
      es_events: `stream_id = 'case-${caseId}' AND stream_version = 1`,
      privacy_case_keys: `case_id = '${caseId}'`,
      case_list: `case_id = '${caseId}'`,
      case_details: `case_id = '${caseId}'`,
    };
    const template = {} as FloorTemplate;
    for (const table of FLOOR_TABLES) {
      const { rows } = await db.query<{ row: Record<string, unknown> }>(
        `SELECT row_to_json(t) AS row FROM ${table} t WHERE ${where[table]} LIMIT 1`,
      );
      if (!rows[0]) throw new Error(`registration ${caseId} wrote no row to ${table}`);
      const row = { ...rows[0].row };
      for (const column of FILLED_BY_THE_DATABASE[table] ?? []) delete row[column];
      template[table] = row;
    }
    return template;
  } finally {
    await db.close();
  }
}

/** Starts the floor's bare server (`floor-server.js`) on `url`, writing `template`'s rows per request. */
export async function startFloorServer(url: string, template: FloorTemplate): Promise<ServerProcess> {
  const file = join(tmpdir(), `baken-floor-template-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(template));
  const port = freePort();
  const child = spawn(process.execPath, [join(__dirname, 'floor-server.js')], {
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: url, PORT: String(port), FLOOR_TEMPLATE: file },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = () =>
    new Promise<void>((r) =>
      child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r()),
    );
  const server = `http://127.0.0.1:${port}`;
  await waitForHealth(server, child, () => output, 30_000);
  return {
    url: server,
    port,
    child,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited();
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited();
    },
  };
}
