import { checkSignal, signalRequest, type SignalDraft } from './signal-form';

const complete: SignalDraft = {
  district: 'de-baronie',
  municipality: 'breda',
  receivedOn: '2026-03-02',
  sourceType: 'police',
  sourceOrganisation: ' ',
  forms: ['labour'],
  vulnerabilities: [],
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

  it('sends trimmed text and leaves empty optional fields out', () => {
    expect(signalRequest(complete)).toEqual({
      district: 'de-baronie',
      municipality: 'breda',
      receivedOn: '2026-03-02',
      source: { type: 'police', organisation: undefined },
      forms: ['labour'],
      vulnerabilities: [],
      summary: 'Werknemers slapen op het terrein.',
      subjects: [{ role: 'victim', name: 'Ana', birthDate: undefined, nationality: undefined }],
    });
  });
});
