import { newDataKey } from '@baken/privacy';
import { CASE_EVENT_TYPES } from '../domain';
import {
  changeTexts,
  generationsAt,
  NARRATIVE_FIELDS,
  restate,
  restatedTexts,
  STATE_NARRATIVE_FIELDS,
  CaseNarrative,
} from './narrative';

const event = (streamVersion: number, type: string, data: Record<string, unknown>) => ({ streamVersion, type, data });

describe('the free text of case events', () => {
  it('names the free-text fields of every event type', () => {
    expect(Object.keys(NARRATIVE_FIELDS).sort()).toEqual([...CASE_EVENT_TYPES].sort());
  });

  it('changes the texts at the paths, lists included, and nothing else', () => {
    const state = {
      summary: 'a',
      triage: null,
      proposals: [{ votes: [{ rationale: 'b', vote: 'approved' }, { rationale: null }], summary: 'c' }],
      interventions: [],
    };
    const upper = changeTexts(state, STATE_NARRATIVE_FIELDS, (t) => (typeof t === 'string' ? t.toUpperCase() : t));
    expect(upper).toEqual({
      summary: 'A',
      triage: null,
      proposals: [{ votes: [{ rationale: 'B', vote: 'approved' }, { rationale: null }], summary: 'C' }],
      interventions: [],
    });
    expect(state.summary).toBe('a');
  });

  it('puts the newest redaction in place of the texts before it, and keeps later texts', () => {
    const events = [
      event(1, 'SignalRegistered', { summary: null, source: { type: 'police', organisation: null } }),
      event(2, 'SignalTriaged', { rationale: null, decision: 'refer_to_care_table' }),
      event(3, 'NarrativeRedacted', {
        subjectId: 's',
        texts: [
          { version: 1, field: 'summary', text: 'Over S-1.' },
          { version: 1, field: 'source.organisation', text: 'Buurman' },
          { version: 2, field: 'rationale', text: 'S-1 is bang.' },
        ],
      }),
      event(4, 'CareTableMeetingRecorded', { conclusions: 'Later.' }),
    ];
    const restated = restate(events);
    expect(restated.map((e) => e.data)).toEqual([
      { summary: 'Over S-1.', source: { type: 'police', organisation: 'Buurman' } },
      { rationale: 'S-1 is bang.', decision: 'refer_to_care_table' },
      events[2].data,
      { conclusions: 'Later.' },
    ]);
  });

  it('restates every text before a redaction with the redaction applied, and no text twice', () => {
    const texts = restatedTexts(
      [
        event(1, 'SignalRegistered', { summary: 'Ilse woont hier.', source: { type: 'police' } }),
        event(2, 'CoordinatorAssigned', { coordinator: 'Ilse' }),
        event(3, 'InterventionPlanned', { interventionId: 'i', description: undefined }),
        event(4, 'NarrativeRedacted', { texts: [{ version: 1, field: 'summary', text: 'x' }] }),
      ],
      (t) => t.replace('Ilse', 'S-1'),
    );
    expect(texts).toEqual([{ version: 1, field: 'summary', text: 'S-1 woont hier.' }]);
  });

  it('seals every text of the state with the case key and opens it again, telling the generation', async () => {
    const key = { gen: 3, key: newDataKey() };
    const narrative = new CaseNarrative({ load: async () => new Map([[3, key.key]]) } as never, {} as never);
    const state = { caseId: 'c-1', summary: 'Ilse', closeRationale: null, proposals: [{ summary: 'Plan voor Ilse' }] };
    const sealed = narrative.sealState(key, state as never);
    expect(JSON.stringify(sealed)).not.toContain('Ilse');
    expect(generationsAt(sealed, STATE_NARRATIVE_FIELDS)).toEqual([3]);
    const opened = await narrative.openState({} as never, sealed);
    expect(opened.state).toEqual(state);
    expect(opened.key).toEqual(key);
  });
});
