import { checkSignal, signalRequest, type SignalDraft } from './signal-form';

const complete: SignalDraft = {
  district: 'de-baronie',
  municipality: 'breda',
  receivedOn: '2026-03-02',
  sourceType: 'police',
  sourceOrganisation: ' ',
  forms: ['labour'],
  vulnerabilities: [],
  urgency: '',
  sector: '',
  summary: '  Werknemers slapen op het terrein.  ',
  subjects: [{ key: 1, role: 'victim', name: 'Ana', birthDate: '', nationality: '' }],
};

describe('the signal form', () => {
  it('has nothing to say about a complete signal', () => {
    expect(checkSignal(complete, '2026-03-16')).toEqual({});
  });

  it("names every missing required field, by the API's field path", () => {
    const empty: SignalDraft = {
      ...complete,
      district: '',
      municipality: '',
      receivedOn: '',
      sourceType: '',
      forms: [],
      summary: ' ',
      subjects: [{ key: 1, role: '', name: '', birthDate: '', nationality: '' }],
    };
    expect(Object.keys(checkSignal(empty, '2026-03-16')).sort()).toEqual([
      'district',
      'forms',
      'municipality',
      'receivedOn',
      'source.type',
      'subjects.0.role',
      'summary',
    ]);
  });

  it('refuses dates in the future and dates that do not exist', () => {
    expect(checkSignal({ ...complete, receivedOn: '2026-03-17' }, '2026-03-16')).toEqual({
      receivedOn: 'De datum mag niet in de toekomst liggen.',
    });
    expect(checkSignal({ ...complete, receivedOn: '2026-02-30' }, '2026-03-16')).toEqual({
      receivedOn: 'Vul een geldige datum in.',
    });
  });

  it('refuses a text over its limit with its length and the limit, never cutting it', () => {
    const long = {
      ...complete,
      sourceOrganisation: 'o'.repeat(201),
      summary: 's'.repeat(10000),
      subjects: [{ key: 1, role: 'victim', name: 'n'.repeat(201), birthDate: '', nationality: 'x'.repeat(101) }],
    };
    expect(checkSignal(long, '2026-03-16')).toEqual({
      'source.organisation': 'Deze tekst is 201 tekens; er passen er 200 in. Kort de tekst in.',
      summary: 'Deze tekst is 10.000 tekens; er passen er 4.000 in. Kort de tekst in.',
      'subjects.0.name': 'Deze tekst is 201 tekens; er passen er 200 in. Kort de tekst in.',
      'subjects.0.nationality': 'Deze tekst is 101 tekens; er passen er 100 in. Kort de tekst in.',
    });
    expect(checkSignal({ ...complete, summary: 's'.repeat(4000) }, '2026-03-16')).toEqual({});
  });

  it('sends trimmed text and leaves empty optional fields out', () => {
    expect(signalRequest(complete)).toEqual({
      district: 'de-baronie',
      municipality: 'breda',
      receivedOn: '2026-03-02',
      source: { type: 'police', organisation: undefined },
      forms: ['labour'],
      vulnerabilities: [],
      urgency: undefined,
      sector: undefined,
      summary: 'Werknemers slapen op het terrein.',
      subjects: [{ role: 'victim', name: 'Ana', birthDate: undefined, nationality: undefined }],
    });
  });

  it('sends the urgency known at intake, which sets how soon triage is due', () => {
    expect(signalRequest({ ...complete, urgency: 'acute' }).urgency).toBe('acute');
  });
});
