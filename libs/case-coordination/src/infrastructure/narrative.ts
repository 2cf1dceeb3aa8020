import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, Sql, StoredEvent } from '@baken/event-store';
import { EVENT_STORE } from '@baken/platform';
import {
  CaseKeyStore,
  isSealedText,
  openText,
  sealText,
  type CaseKey,
  type KeyStatement,
  type WrappedCaseKey,
} from '@baken/privacy';
import { caseStreamId, type CaseEventType, type OpenCase, type RestatedText } from '../domain';

/**
 * The free text of each event type, by path in its data (`a.b`; `list[].field` for every element of a list). Free
 * text names people in practice, so it is stored sealed with the case's narrative key (DOMAIN.md "Narrative text").
 * Every event type is listed: a new one is a decision, not an oversight.
 */
export const NARRATIVE_FIELDS: Readonly<Record<CaseEventType, readonly string[]>> = {
  SignalRegistered: ['summary', 'source.organisation'],
  CaseReclassified: ['rationale'],
  CaseLinked: [],
  CoordinatorAssigned: [],
  SignalTriaged: ['rationale'],
  ForwardFeedbackRecorded: ['note'],
  CareTableMeetingRecorded: ['conclusions'],
  ActionPointAdded: ['description'],
  ActionPointCompleted: ['note'],
  ProposalDrafted: ['summary', 'steeringSummary'],
  ProposalRevised: ['summary', 'steeringSummary'],
  ProposalSubmitted: [],
  ProposalWithdrawn: ['reason'],
  ProposalVoteCast: ['rationale', 'conditions'],
  ProposalApproved: ['conditions'],
  ProposalRejected: ['rationale'],
  ProposalEvaluated: ['conclusion'],
  ProposalDecided: ['notes'],
  InterventionPlanned: ['description'],
  InterventionExecuted: ['notes'],
  InterventionCancelled: ['reason'],
  InterventionEffectRecorded: ['description'],
  SubjectDisclosed: ['reason'],
  SubjectDisclosureRevoked: [],
  SubjectAdded: [],
  ConsentRecorded: ['scope'],
  SubjectPersonalDataErased: [],
  NarrativeRedacted: ['texts[].text'],
  CaseClosed: ['rationale'],
  CaseReopened: [],
  DeadlineMissed: [],
};

/** The free text of the case's state (the snapshot in `case_details`), by path. */
export const STATE_NARRATIVE_FIELDS: readonly string[] = [
  'summary',
  'source.organisation',
  'reclassifications[].rationale',
  'triage.rationale',
  'forwarding.feedback.note',
  'careTableMeetings[].conclusions',
  'actionPoints[].description',
  'actionPoints[].completionNote',
  'proposals[].summary',
  'proposals[].steeringSummary',
  'proposals[].notes',
  'proposals[].conditions',
  'proposals[].votes[].rationale',
  'proposals[].votes[].conditions',
  'proposals[].evaluation.conclusion',
  'interventions[].description',
  'interventions[].executionNotes',
  'interventions[].cancellationReason',
  'interventions[].effects[].description',
  'subjects[].consents[].scope',
  'closeRationale',
];

/** `value` with `change` applied to what lies at `path`; a copy along the path, the rest shared. */
function changeAt(value: unknown, path: readonly string[], change: (leaf: unknown) => unknown): unknown {
  if (path.length === 0) return change(value);
  if (value === null || typeof value !== 'object') return value;
  const [head, ...rest] = path;
  if (head.endsWith('[]')) {
    const name = head.slice(0, -2);
    const list = (value as Record<string, unknown>)[name];
    if (!Array.isArray(list)) return value;
    return { ...value, [name]: list.map((item) => changeAt(item, rest, change)) };
  }
  if (!(head in (value as object))) return value;
  return { ...value, [head]: changeAt((value as Record<string, unknown>)[head], rest, change) };
}

/** `value` with `change` applied to every free text at `paths`. */
export function changeTexts<T>(value: T, paths: readonly string[], change: (leaf: unknown) => unknown): T {
  return paths.reduce<unknown>((v, path) => changeAt(v, path.split('.'), change), value) as T;
}

/** The free texts at `paths`, each sealed or plain. */
function textsAt(value: unknown, paths: readonly string[]): unknown[] {
  const found: unknown[] = [];
  changeTexts(value, paths, (leaf) => {
    found.push(leaf);
    return leaf;
  });
  return found;
}

/** The key generations the sealed texts at `paths` were sealed with. */
export const generationsAt = (value: unknown, paths: readonly string[]): number[] => [
  ...new Set(textsAt(value, paths).flatMap((leaf) => (isSealedText(leaf) ? [leaf.gen] : []))),
];

/**
 * Puts the texts of the newest `NarrativeRedacted` in place of the texts of the events before it (whose originals can
 * no longer be read). Events after it keep their own. Pure; events must be in stream order, their texts opened.
 */
export function restate<E extends { streamVersion: number; type: string; data: unknown }>(events: readonly E[]): E[] {
  let last = -1;
  for (let i = events.length - 1; i >= 0 && last === -1; i--) if (events[i].type === 'NarrativeRedacted') last = i;
  if (last === -1) return [...events];
  const texts = new Map(
    ((events[last].data as { texts: RestatedText[] }).texts ?? []).map((t) => [`${t.version}:${t.field}`, t.text]),
  );
  return events.map((event, i) => {
    if (i >= last || event.type === 'NarrativeRedacted') return event;
    const fields = NARRATIVE_FIELDS[event.type as CaseEventType] ?? [];
    let data = event.data as Record<string, unknown>;
    for (const field of fields) {
      const key = `${event.streamVersion}:${field}`;
      if (texts.has(key)) data = changeTexts(data, [field], () => texts.get(key));
    }
    return { ...event, data };
  });
}

/**
 * The free texts of a case's events, as a redaction restates them: every text field before `version` (the version of
 * the redaction), with `redact` applied. Texts that are absent stay absent; texts that can no longer be read are left
 * out (they read as empty already).
 */
export function restatedTexts(
  events: readonly { streamVersion: number; type: string; data: unknown }[],
  redact: (text: string) => string,
): RestatedText[] {
  const out: RestatedText[] = [];
  for (const event of events) {
    if (event.type === 'NarrativeRedacted') continue;
    for (const field of NARRATIVE_FIELDS[event.type as CaseEventType] ?? []) {
      for (const leaf of textsAt(event.data, [field]))
        if (typeof leaf === 'string') out.push({ version: event.streamVersion, field, text: redact(leaf) });
    }
  }
  return out;
}

/**
 * Seals and opens the free text of cases: in events as they are appended and read, and in the snapshot of the case.
 * Texts written before they were sealed (plain strings) are read as they are. A text whose key was destroyed reads as
 * `null`; the newest redaction's restatement is shown in its place (see {@link restate}).
 */
@Injectable()
export class CaseNarrative {
  constructor(
    private readonly keys: CaseKeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The event's data with its free text sealed with `key`. */
  sealEvent<D>(caseId: string, key: CaseKey, type: string, data: D): D {
    return changeTexts(data, NARRATIVE_FIELDS[type as CaseEventType] ?? [], (leaf) =>
      typeof leaf === 'string' ? sealText(key.key, caseId, key.gen, leaf) : leaf,
    );
  }

  /** The state with its free text sealed with `key`, for the snapshot. */
  sealState(key: CaseKey, state: OpenCase): OpenCase {
    return changeTexts(state, STATE_NARRATIVE_FIELDS, (leaf) =>
      typeof leaf === 'string' ? sealText(key.key, state.caseId, key.gen, leaf) : leaf,
    );
  }

  /** The snapshot's state with its free text opened, and the key it was sealed with (`null` when none was). */
  /** Keeps the case's key read with another row, so that opening its texts needs no read of its own. */
  primeKey(caseId: string, wrapped: WrappedCaseKey | null): void {
    this.keys.prime(caseId, wrapped);
  }

  async openState(sql: Sql, stored: OpenCase): Promise<{ state: OpenCase; key: CaseKey | null }> {
    const gens = generationsAt(stored, STATE_NARRATIVE_FIELDS);
    const keys = await this.keys.load(sql, stored.caseId, gens);
    const state = changeTexts(stored, STATE_NARRATIVE_FIELDS, (leaf) => this.open(stored.caseId, keys, leaf));
    // A snapshot is sealed with one generation, the case's newest when it was written.
    const gen = gens.length === 1 ? gens[0] : null;
    return { state, key: gen !== null && keys.has(gen) ? { gen, key: keys.get(gen)! } : null };
  }

  /**
   * The case's events with their free text readable, up to `toVersion` or `asOf` when given: opened with the case's
   * keys and restated where a redaction took the originals. The whole stream is read, because a redaction restates
   * the texts of every version before it.
   */
  async readEvents(sql: Sql, caseId: string, until: { toVersion?: number; asOf?: Date } = {}): Promise<StoredEvent[]> {
    const events = await this.store.readStream(caseStreamId(caseId), { tx: sql });
    const paths = (e: StoredEvent) => NARRATIVE_FIELDS[e.type as CaseEventType] ?? [];
    const keys = await this.keys.load(
      sql,
      caseId,
      events.flatMap((e) => generationsAt(e.data, paths(e))),
    );
    const opened = events.map((e) => ({
      ...e,
      data: changeTexts(e.data, paths(e), (leaf) => this.open(caseId, keys, leaf)),
    }));
    return restate(opened).filter(
      (e) =>
        (until.toVersion === undefined || e.streamVersion <= until.toVersion) &&
        (until.asOf === undefined || e.recordedAt.getTime() <= until.asOf.getTime()),
    );
  }

  /** The key the case's next events are sealed with: `current` when the snapshot gave one, else the newest stored. */
  async keyForWrite(
    tx: Sql,
    caseId: string,
    current: CaseKey | null,
  ): Promise<{ key: CaseKey; insert: KeyStatement | null }> {
    const key = current ?? (await this.keys.current(tx, caseId));
    if (key) return { key, insert: null };
    return this.keys.newKey(caseId, (await this.keys.newestGeneration(tx, caseId)) + 1);
  }

  /** The first key of a case that has none yet (its id was generated for the command), and the write that stores it. */
  firstKey(caseId: string): { key: CaseKey; insert: KeyStatement } {
    return this.keys.newKey(caseId, 1);
  }

  /** A new generation of the case's key, stored at once: texts restated from now on are sealed with it. */
  async rotate(tx: Sql, caseId: string): Promise<CaseKey> {
    const { key, insert } = this.keys.newKey(caseId, (await this.keys.newestGeneration(tx, caseId)) + 1);
    await tx.query(insert.text, insert.params);
    return key;
  }

  /** Destroys the case's keys older than `key`: the texts they sealed are gone for good. */
  async destroyBefore(tx: Sql, caseId: string, key: CaseKey): Promise<void> {
    await this.keys.destroyBefore(tx, caseId, key.gen);
  }

  private open(caseId: string, keys: Map<number, Buffer>, leaf: unknown): unknown {
    if (!isSealedText(leaf)) return leaf;
    const key = keys.get(leaf.gen);
    return key ? openText(key, caseId, leaf) : null;
  }
}
