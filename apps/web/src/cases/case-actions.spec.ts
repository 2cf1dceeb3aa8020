import type { CaseDetail } from '../api/client';
import { offeredActions, partsAllowing, specFor, stillNeededText } from './case-actions';

const detail = (extra: Partial<CaseDetail>): CaseDetail =>
  ({
    caseId: 'c',
    reference: 'ZWB-2026-00001',
    version: 3,
    status: 'in_execution',
    district: 'de-baronie',
    municipality: 'breda',
    receivedOn: '2026-03-02',
    ...extra,
  }) as CaseDetail;
const intervention = (interventionId: string, allowedActions: string[]) =>
  ({ interventionId, allowedActions }) as never;

describe('the buttons of a case', () => {
  it('offers what the API allows on the case and on its parts, once each, in a fixed order', () => {
    const c = detail({
      allowedActions: ['PlanIntervention', 'RecordCareTableMeeting', 'CloseCase'],
      interventions: [
        intervention('i-1', ['RecordInterventionEffect']),
        intervention('i-2', ['RecordInterventionEffect']),
      ],
      subjects: [{ subjectId: 's-1', allowedActions: ['EraseSubjectPersonalData'] } as never],
    });
    expect(offeredActions(c)).toEqual([
      'RecordCareTableMeeting',
      'PlanIntervention',
      'RecordInterventionEffect',
      'CloseCase',
      'EraseSubjectPersonalData',
    ]);
  });

  it('offers nothing the API does not list, and leaves out actions it has no form for', () => {
    expect(offeredActions(detail({}))).toEqual([]);
    expect(offeredActions(detail({ allowedActions: ['RecordDeadlineMissed'] as never }))).toEqual([]);
  });

  it('offers adding a person to the case and recording a consent on one of its persons', () => {
    const c = detail({
      allowedActions: ['AddSubject'],
      subjects: [{ subjectId: 's-1', allowedActions: ['RecordConsent', 'EraseSubjectPersonalData'] } as never],
    });
    expect(offeredActions(c)).toEqual(['AddSubject', 'RecordConsent', 'EraseSubjectPersonalData']);
  });

  it('names the parts an action is allowed on', () => {
    const interventions = [
      intervention('i-1', ['RecordInterventionExecuted']),
      intervention('i-2', ['RecordInterventionEffect']),
    ];
    expect(partsAllowing(interventions, 'RecordInterventionEffect')).toEqual([interventions[1]]);
    expect(partsAllowing(undefined, 'RecordInterventionEffect')).toEqual([]);
  });
});

describe("whose assent a proposal still needs ('nog nodig')", () => {
  it('names each competent organisation, and counts only the organisations and members needed besides them', () => {
    expect(stillNeededText({ members: 2, organisations: 2, levels: ['labour_law'] })).toBe(
      'nog nodig: Arbeidsinspectie (arbeidsrechtelijke maatregel) en nog één andere organisatie',
    );
    expect(stillNeededText({ members: 1, organisations: 1, levels: ['administrative', 'criminal'] })).toBe(
      'nog nodig: gemeente (bestuurlijke maatregel) en OM (strafrechtelijke maatregel)',
    );
    expect(stillNeededText({ members: 2, organisations: 2, levels: ['care'] })).toBe('nog nodig: nog 2 organisaties');
    expect(stillNeededText({ members: 1, organisations: 0, levels: [] })).toBe('nog nodig: nog één lid');
    expect(stillNeededText({ members: 0, organisations: 0, levels: [] })).toBe('voldoende instemming');
  });
});

describe('planning an intervention', () => {
  const user = { username: 'coordinator.de-baronie', role: 'coordinator', districts: ['de-baronie'] } as never;
  const typeOptions = (interventionTypes?: { type: string; label: string; retired: boolean }[] | null) =>
    specFor('PlanIntervention', detail({}), user, { organisations: [], interventionTypes }).fields.find(
      (f) => f.name === 'type',
    ) as { options: { value: string; label: string }[] };

  it("offers the administrator's catalogue: a type added there, and no retired one", () => {
    expect(
      typeOptions([
        { type: 'stop_talk', label: 'Stopgesprek', retired: true },
        { type: 'house_ban', label: 'Huisverbod', retired: false },
      ]).options,
    ).toEqual([{ value: 'house_ban', label: 'Huisverbod' }]);
  });

  it('offers the built-in types while the catalogue is not there', () => {
    expect(typeOptions(null).options.map((o) => o.value)).toContain('labour_inspection');
  });
});
