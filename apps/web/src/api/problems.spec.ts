import { fieldMessageInDutch, messagesFor, problemOf, statusMessage, NETWORK_ERROR } from './problems';

describe('problem details told in Dutch', () => {
  it('puts each validation error at the field it names, in Dutch', () => {
    const messages = messagesFor(
      {
        status: 400,
        title: 'Invalid request',
        detail: 'The request has invalid fields; see errors.',
        errors: [
          { field: 'summary', message: 'is required' },
          { field: 'source.organisation', message: 'must be shorter than or equal to 200 characters' },
          { field: 'forms', message: 'must contain at least 1 elements' },
        ],
      },
      ['summary', 'source.organisation', 'forms'],
    );
    expect(messages.fields).toEqual({
      summary: 'Vul dit veld in.',
      'source.organisation': 'Gebruik hoogstens 200 tekens.',
      forms: 'Kies er minstens één.',
    });
    expect(messages.summary).toBe('Niet alle gegevens zijn goed ingevuld.');
  });

  it('attaches an error in a nested field to the form field that holds it, and names fields not on the form in the summary', () => {
    const messages = messagesFor(
      {
        status: 400,
        title: 'Invalid request',
        detail: '',
        errors: [
          { field: 'subjects.0.birthDate', message: 'must be a date written YYYY-MM-DD' },
          { field: 'If-Match', message: 'must be the case version as an ETag, e.g. "3"' },
        ],
      },
      ['subjects.0.birthDate'],
    );
    expect(messages.fields).toEqual({ 'subjects.0.birthDate': 'Vul een geldige datum in.' });
    expect(messages.summary).toBe('Niet alle gegevens zijn goed ingevuld. If-Match: Deze waarde is niet geldig.');
  });

  it('tells a broken domain rule as a sentence, at the field named at the start of its detail', () => {
    const problem = {
      status: 409,
      title: 'DateBeforeReceipt',
      code: 'DateBeforeReceipt',
      detail: 'closedOn 2026-03-01 lies before the signal was received (2026-03-02).',
    };
    expect(messagesFor(problem, ['closedOn', 'outcome'])).toEqual({
      summary: 'De datum ligt vóór de ontvangst van het signaal.',
      fields: { closedOn: 'De datum ligt vóór de ontvangst van het signaal.' },
    });
    expect(messagesFor(problem, ['outcome']).fields).toEqual({});
  });

  it("explains the stuurploeg's voting rules, at the field where there is one, and rules without a field", () => {
    expect(
      messagesFor({ status: 409, title: 'FourEyesViolation', code: 'FourEyesViolation', detail: '' }).summary,
    ).toMatch(/opgesteld of ingediend en stemt er daarom niet over/);
    expect(messagesFor({ status: 409, title: 'AlreadyVoted', code: 'AlreadyVoted', detail: '' }).summary).toMatch(
      /al over dit voorstel gestemd/,
    );
    expect(
      messagesFor({ status: 409, title: 'RevisitNotAfterDecision', code: 'RevisitNotAfterDecision', detail: '' }, [
        'revisitOn',
      ]).fields,
    ).toEqual({ revisitOn: 'Kies een datum voor herbespreking die na de datum van uw stem ligt.' });
    expect(
      messagesFor({ status: 409, title: 'ProposalAwaitsDecision', code: 'ProposalAwaitsDecision', detail: '' }, [
        'closedOn',
      ]).fields,
    ).toEqual({});
  });

  it('falls back to the status for anything else, including a lost connection', () => {
    expect(messagesFor({ status: 412, title: 'Precondition failed', detail: '' }).summary).toMatch(
      /intussen gewijzigd/,
    );
    expect(messagesFor(problemOf(NETWORK_ERROR, undefined)).summary).toMatch(/niet bereikbaar/);
    expect(messagesFor(problemOf(502, '<html>Bad gateway</html>')).summary).toBe(statusMessage(502));
    expect(statusMessage(502)).toMatch(/^Er ging iets mis op de server/);
  });

  it("translates the API's validation messages and has a Dutch fallback for unknown ones", () => {
    expect(fieldMessageInDutch('is not a known field')).toBe('Dit veld kent de server niet.');
    expect(fieldMessageInDutch('must be one of the following values: acute, high, normal')).toBe(
      'Kies een van de mogelijke waarden.',
    );
    expect(fieldMessageInDutch('something entirely new')).toBe('Deze waarde is niet geldig.');
  });
});
