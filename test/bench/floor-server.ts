/**
 * The floor for a registration (issue: "speed near the floor"): a bare Fastify route, no framework, no validation,
 * no encryption, that writes what Baken's `POST /api/signals` writes — the event with its stream row, the case's key
 * row and both read-model rows — into the same tables, as ONE statement of data-modifying CTEs on a pool of the same
 * size as the API's. Baken's registration is reported as a ratio to it.
 *
 * Run as its own process (like the API): `node floor-server.js` with `DATABASE_URL`, `PORT` and `FLOOR_TEMPLATE`, a
 * JSON file with one row per table as Baken wrote it (`captureTemplate` in floor.ts). Each request writes those rows
 * again under a new case id, stream id, event id and reference.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { FLOOR_TABLES, type FloorTemplate } from './floor-template';

const template = JSON.parse(readFileSync(process.env.FLOOR_TEMPLATE!, 'utf8')) as FloorTemplate;
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.FLOOR_POOL_SIZE ?? 10) });

/** Per table its columns in a fixed order; values travel as parameters, typed by the columns they go into. */
const columns = FLOOR_TABLES.map((table) => Object.keys(template[table]));
let n = 0;
const ctes: string[] = [];
for (const [i, table] of FLOOR_TABLES.entries()) {
  const placeholders = columns[i].map(() => `$${++n}`);
  const insert = `INSERT INTO ${table} (${columns[i].join(', ')}) VALUES (${placeholders.join(', ')})`;
  ctes.push(`w${i} AS (${insert})`);
}
const text = `WITH ${ctes.join(', ')} SELECT 1`;

/** A template value as a parameter: JSON columns as text, arrays and scalars as they are. */
const parameter = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? JSON.stringify(value) : value;

let sequence = 0;
function rowsFor(caseId: string): unknown[] {
  const streamId = `case-${caseId}`;
  const reference = `FLOOR-${process.pid}-${++sequence}`;
  const overrides: Record<string, Record<string, unknown>> = {
    es_streams: { stream_id: streamId },
    es_events: { stream_id: streamId, event_id: randomUUID(), recorded_at: new Date().toISOString() },
    privacy_case_keys: { case_id: caseId },
    case_list: { case_id: caseId, reference },
    case_details: { case_id: caseId },
  };
  return FLOOR_TABLES.flatMap((table, i) =>
    columns[i].map((column) => parameter(overrides[table]?.[column] ?? template[table][column])),
  );
}

const app = Fastify({ logger: false });
app.get('/api/health', async () => ({ status: 'ok' }));
app.post('/api/signals', async (_request, reply) => {
  const caseId = randomUUID();
  await pool.query({ name: 'floor-register', text, values: rowsFor(caseId) });
  return reply.status(201).send({ caseId });
});

app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(
  () => console.log('floor listening'),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().then(() => process.exit(0)));
});
