import { checkTarget, targetBody, targetFormValues } from './targets';

const valid = {
  ...targetFormValues(),
  id: 'bestuurlijke-interventies',
  title: 'Bestuurlijke interventies uitgevoerd',
  event: 'intervention_executed',
  minimum: '2',
};

describe('the target form', () => {
  it('asks for a code, a name, what is counted and a minimum', () => {
    expect(checkTarget(targetFormValues(), true)).toEqual({
      id: 'Vul de code in, bijvoorbeeld bestuurlijke-interventies.',
      title: 'Vul de naam in.',
      event: 'Kies wat er geteld wordt.',
      minimum: 'Vul het minimum in.',
    });
    expect(checkTarget(valid, true)).toEqual({});
  });

  it('refuses a code that is not a slug, a minimum that is not a whole number and an end before the start', () => {
    expect(
      checkTarget(
        { ...valid, id: 'Bestuurlijk!', minimum: '1,5', validFrom: '2027-01-01', validUntil: '2026-12-31' },
        true,
      ),
    ).toEqual({
      id: 'Gebruik kleine letters en cijfers, woorden gescheiden door een streepje.',
      minimum: 'Vul een heel getal in van 1 tot en met 100.000.',
      validUntil: 'De einddatum ligt vóór de begindatum.',
    });
  });

  it('sends no intervention filters for events that are not about interventions, and empty filters as none', () => {
    const body = targetBody(
      { ...valid, event: 'proposal_submitted', forms: ['sexual'], interventionTypes: ['stop_talk'] },
      true,
    );
    expect(body).toMatchObject({
      id: 'bestuurlijke-interventies',
      forms: ['sexual'],
      vulnerabilities: null,
      interventionTypes: null,
      minimum: 2,
      validFrom: null,
    });
  });

  it('sends a change without the code, with its reason when one is given', () => {
    expect(targetBody({ ...valid, reason: '  Norm verhoogd ' }, false)).toMatchObject({ reason: 'Norm verhoogd' });
    expect(targetBody(valid, false)).not.toHaveProperty('id');
    expect(targetBody(valid, false)).not.toHaveProperty('reason');
  });
});
