import { Injectable } from '@nestjs/common';
import { combineStatements, type Database, type Sql, type Statement } from '@baken/event-store';
import { CaseKeyStore, type CaseKey, type WrappedCaseKey } from '@baken/privacy';
import {
  CASE_STATE_VERSION,
  CASE_STREAM_TYPE,
  caseIdOfStream,
  fold,
  hasOpenMissedDeadline,
  type CaseEvent,
  type OpenCase,
} from '../domain';
import { involvedOrganisations, resourceOf } from '../infrastructure/case-resource';
import { CaseNarrative } from '../infrastructure/narrative';

/**
 * A case as the command side decides on it: its state after `version` events (free text readable), and the narrative
 * key its snapshot was sealed with (`null` when the snapshot was folded from the stream or had no sealed text).
 */
export interface CaseSnapshot {
  state: OpenCase;
  version: number;
  key: CaseKey | null;
  /** The stream's head as read with the snapshot, a hint for the append (see `EventStore.knowHead`). */
  head?: { version: number; lastHash: string };
}

export interface RebuildProgress {
  (done: number, total: number): void;
}

interface SnapshotRow {
  case_id: string;
  state: OpenCase | string;
  version: number;
  state_version: number;
  stream_version: number | null;
  last_hash: string | null;
  newest_key: WrappedCaseKey | null;
}

/** A case's detail row and, with it, what a command reads next anyway: the stream's head and the case's newest key. */
const SNAPSHOT_SELECT = `
SELECT d.case_id::text AS case_id, d.state, d.version, d.state_version, s.version AS stream_version, s.last_hash,
       ${CaseKeyStore.newestWrappedKeyOf('d.case_id')} AS newest_key
FROM case_details d LEFT JOIN es_streams s ON s.stream_id = '${CASE_STREAM_TYPE}-' || d.case_id::text`;

/** Cases folded and written per transaction by {@link CaseReadModelProjection.rebuild}. */
const REBUILD_BATCH = 200;

/**
 * The inline read models (case list and case detail), written with the append (in its statement, or in its
 * transaction) so that whoever acted sees the result at once. The detail row is the folded state itself, so it doubles as the snapshot the
 * command side decides on; it carries {@link CASE_STATE_VERSION}, and a row of another version is folded again from
 * the stream instead of being trusted. A row never replaces a newer one, so a rebuild may run beside live commands.
 */
@Injectable()
export class CaseReadModelProjection {
  constructor(private readonly narrative: CaseNarrative) {}

  /**
   * Both rows in one statement, together with `alongside` (writes that must commit with them, e.g. a new subject's
   * key): one round trip inside the command's transaction instead of one per write. The detail row's free text is
   * sealed with `key`, the case's current narrative key (looked up, or created, when not given).
   */
  async apply(
    tx: Sql,
    state: OpenCase,
    version: number,
    alongside: readonly Statement[] = [],
    key?: CaseKey,
  ): Promise<void> {
    const writes = [...alongside];
    if (!key) {
      const found = await this.narrative.keyForWrite(tx, state.caseId, null);
      if (found.insert) writes.push(found.insert);
      key = found.key;
    }
    const [detail, list] = this.writes(state, version, key);
    const { text, params } = combineStatements([...writes, detail], list);
    await tx.query(text, params);
  }

  /** The writes of both rows (detail, then list), free text sealed with `key`, for the caller to send. */
  writes(state: OpenCase, version: number, key: CaseKey): [Statement, Statement] {
    const detail: Statement = {
      text: `INSERT INTO case_details (case_id, version, state, state_version) VALUES ($1, $2, $3, $4)
             ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, state = excluded.state, state_version = excluded.state_version
             WHERE case_details.version <= excluded.version`,
      params: [state.caseId, version, JSON.stringify(this.narrative.sealState(key, state)), CASE_STATE_VERSION],
    };
    const list: Statement = {
      text: `INSERT INTO case_list (case_id, reference, district, municipality, status, forms, urgency, received_on, coordinator,
                                    registered_by, involved_partners, overdue, version, for_steering_group)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
             ON CONFLICT (case_id) DO UPDATE SET reference = excluded.reference, district = excluded.district,
               municipality = excluded.municipality, status = excluded.status, forms = excluded.forms, urgency = excluded.urgency,
               received_on = excluded.received_on, coordinator = excluded.coordinator, registered_by = excluded.registered_by,
               involved_partners = excluded.involved_partners, overdue = excluded.overdue, version = excluded.version,
               for_steering_group = excluded.for_steering_group
             WHERE case_list.version <= excluded.version`,
      params: [
        state.caseId,
        state.reference,
        state.district,
        state.municipality,
        state.status,
        state.forms,
        state.urgency,
        state.receivedOn,
        state.coordinator,
        state.registeredBy,
        involvedOrganisations(state),
        hasOpenMissedDeadline(state),
        version,
        resourceOf(state).forSteeringGroup,
      ],
    };
    return [detail, list];
  }

  /**
   * The case as stored in its detail row, or folded from its stream when the row was written for another version of
   * the state, is missing while the stream exists, or is older than `atLeast` (the stream is known to be further on).
   * `null`: no such case.
   */
  async load(sql: Sql, caseId: string, atLeast = 0): Promise<CaseSnapshot | null> {
    const row = await this.stored(sql, caseId);
    if (row && row.stateVersion === CASE_STATE_VERSION && row.version >= atLeast)
      return { state: row.state, version: row.version, key: row.key, head: row.head };
    return this.foldFromStream(sql, caseId);
  }

  /** The detail row as it is stored, its free text opened, whatever its version; `null` when there is none. */
  async stored(sql: Sql, caseId: string): Promise<(CaseSnapshot & { stateVersion: number }) | null> {
    const { rows } = await sql.query<SnapshotRow>(`${SNAPSHOT_SELECT} WHERE d.case_id = $1`, [caseId]);
    return rows[0] ? this.opened(sql, rows[0]) : null;
  }

  /**
   * The snapshots of several cases for commands, in one round trip: only those whose row is of the current shape
   * (the others are folded from their streams by {@link load}).
   */
  async snapshots(sql: Sql, caseIds: readonly string[]): Promise<Map<string, CaseSnapshot>> {
    const { rows } = await sql.query<SnapshotRow>(`${SNAPSHOT_SELECT} WHERE d.case_id = ANY($1::uuid[])`, [caseIds]);
    const snapshots = new Map<string, CaseSnapshot>();
    for (const row of rows) {
      const { stateVersion, ...snapshot } = await this.opened(sql, row);
      if (stateVersion === CASE_STATE_VERSION) snapshots.set(row.case_id, snapshot);
    }
    return snapshots;
  }

  private async opened(sql: Sql, row: SnapshotRow): Promise<CaseSnapshot & { stateVersion: number }> {
    this.narrative.primeKey(row.case_id, row.newest_key);
    const sealed = typeof row.state === 'string' ? (JSON.parse(row.state) as OpenCase) : row.state;
    const { state, key } = await this.narrative.openState(sql, sealed);
    const head =
      row.stream_version !== null && row.last_hash !== null
        ? { version: Number(row.stream_version), lastHash: row.last_hash }
        : undefined;
    return { state, key, version: Number(row.version), stateVersion: row.state_version, head };
  }

  /** Several cases as {@link load} gives them, in the order of `caseIds`, without those that do not exist. */
  async loadMany(sql: Sql, caseIds: readonly string[]): Promise<OpenCase[]> {
    if (caseIds.length === 0) return [];
    const { rows } = await sql.query<{ case_id: string; state: OpenCase | string; state_version: number }>(
      'SELECT case_id, state, state_version FROM case_details WHERE case_id = ANY($1::uuid[])',
      [caseIds],
    );
    const current = new Map(
      rows
        .filter((r) => r.state_version === CASE_STATE_VERSION)
        .map((r) => [r.case_id, typeof r.state === 'string' ? (JSON.parse(r.state) as OpenCase) : r.state]),
    );
    const cases: OpenCase[] = [];
    for (const caseId of caseIds) {
      const stored = current.get(caseId);
      const state = stored
        ? (await this.narrative.openState(sql, stored)).state
        : (await this.foldFromStream(sql, caseId))?.state;
      if (state) cases.push(state);
    }
    return cases;
  }

  /** The case folded from its events, in their current shape and with their free text readable. */
  async foldFromStream(sql: Sql, caseId: string): Promise<CaseSnapshot | null> {
    const events = await this.narrative.readEvents(sql, caseId);
    const state = fold(events as readonly { type: string; data: unknown }[] as readonly CaseEvent[]);
    return state === null ? null : { state, version: events.length, key: null };
  }

  /**
   * Folds every case from its stream and writes both rows, `REBUILD_BATCH` cases per transaction. Commands may go on
   * meanwhile: a row is only replaced by one of the same or a newer version. Returns the number of cases.
   */
  async rebuild(db: Database, onProgress?: RebuildProgress): Promise<number> {
    const { rows } = await db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM es_streams WHERE stream_type = $1',
      [CASE_STREAM_TYPE],
    );
    const total = Number(rows[0].n);
    let done = 0;
    let after = '';
    for (;;) {
      const page = await db.query<{ stream_id: string }>(
        'SELECT stream_id FROM es_streams WHERE stream_type = $1 AND stream_id > $2 ORDER BY stream_id LIMIT $3',
        [CASE_STREAM_TYPE, after, REBUILD_BATCH],
      );
      if (page.rows.length === 0) return done;
      await db.transaction(async (tx) => {
        for (const { stream_id } of page.rows) {
          const snapshot = await this.foldFromStream(tx, caseIdOfStream(stream_id)!);
          if (snapshot) await this.apply(tx, snapshot.state, snapshot.version);
        }
      });
      done += page.rows.length;
      after = page.rows[page.rows.length - 1].stream_id;
      onProgress?.(done, total);
    }
  }
}
