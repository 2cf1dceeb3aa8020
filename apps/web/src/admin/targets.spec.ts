import { checkTarget, targetChange, targetCreation, targetFormValues } from './targets';

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

  it('sends no intervention filters for events that are not about interventions, and leaves empty ones out', () => {
    const body = targetCreation({
      ...valid,
      event: 'proposal_submitted',
      forms: ['sexual'],
      interventionTypes: ['stop_talk'],
    });
    expect(body).toEqual({
      id: 'bestuurlijke-interventies',
      title: 'Bestuurlijke interventies uitgevoerd',
      event: 'proposal_submitted',
      period: 'quarter',
      forms: ['sexual'],
      minimum: 2,
    });
  });

  it('sends a change without the code, with its reason when one is given', () => {
    expect(targetChange({ ...valid, reason: '  Norm verhoogd ' })).toMatchObject({ reason: 'Norm verhoogd' });
    expect(targetChange(valid)).not.toHaveProperty('id');
    expect(targetChange(valid)).not.toHaveProperty('reason');
    expect(targetChange({ ...valid, validFrom: '2026-01-01' })).toMatchObject({ validFrom: '2026-01-01' });
  });
});
