import { eventActor, eventSummary, eventTitle } from './event-summary';

describe('the timeline in Dutch', () => {
  it('names events and what they recorded, without personal data', () => {
    expect(eventTitle('SignalTriaged')).toBe('Triage vastgelegd');
    expect(
      eventSummary('SignalTriaged', {
        decidedOn: '2026-03-03',
        urgency: 'high',
        decision: 'forward',
        forwardedTo: 'veilig_thuis',
        rationale: 'x',
      }),
    ).toBe('Doorverwijzen, urgentie hoog; besloten op 3 maart 2026. Doorverwezen naar Veilig Thuis.');
    expect(
      eventSummary('CareTableMeetingRecorded', {
        heldOn: '2026-03-05',
        participants: ['police_avim', 'riec', 'shelter'],
      }),
    ).toBe('Gehouden op 5 maart 2026 met Politie (AVIM), RIEC en Opvang.');
    expect(
      eventSummary('SubjectAdded', { role: 'victim', pseudonym: 'S-7Q2K', personalData: { name: 'never shown' } }),
    ).toBe('Slachtoffer S-7Q2K.');
    expect(eventSummary('DeadlineMissed', { kind: 'triage', dueOn: '2026-03-09', ref: 'x' })).toBe(
      'Triage was uiterlijk op 9 maart 2026.',
    );
    expect(eventSummary('NarrativeRedacted', { subjectId: 's', restatedTexts: 7 })).toBe(
      'De naam van de gewiste persoon is uit 7 teksten gehaald.',
    );
    expect(eventSummary('SomethingNew', {})).toBe('');
  });

  it("tells the stuurploeg's votes and a proposal's measures with the organisations' names", () => {
    const names = (id: string) => ({ 'municipality:breda': 'Gemeente Breda', public_prosecutor: 'OM' })[id] ?? id;
    expect(
      eventSummary(
        'ProposalDrafted',
        {
          measures: [
            { type: 'premises_closure', leadOrganisation: 'municipality:breda' },
            { type: 'criminal_investigation', leadOrganisation: 'public_prosecutor' },
          ],
        },
        names,
      ),
    ).toBe('Maatregelen: sluiting van een pand (Gemeente Breda) en strafrechtelijk onderzoek (OM).');
    expect(
      eventSummary(
        'ProposalVoteCast',
        { organisation: 'public_prosecutor', vote: 'deferred', decidedOn: '2026-03-09', revisitOn: '2026-03-26' },
        names,
      ),
    ).toBe('OM: aanhouden op 9 maart 2026. Opnieuw bespreken op 26 maart 2026.');
    // Without the reference data, the kind of the organisation.
    expect(
      eventSummary('InterventionPlanned', {
        type: 'premises_closure',
        leadOrganisation: 'municipality:breda',
        plannedOn: '2026-03-09',
      }),
    ).toBe('Sluiting van een pand door Gemeente (breda), gepland op 9 maart 2026.');
    expect(eventTitle('SomethingNew')).toBe('SomethingNew');
  });

  it('says who recorded an event, the system included', () => {
    expect(eventActor({ username: 'steering.zeeland', role: 'steering_group' })).toBe('steering.zeeland (stuurploeg)');
    const names = (username: string) => (username === 'coordinator.zeeland' ? 'Marieke Verhulst' : username);
    expect(eventActor({ username: 'coordinator.zeeland', role: 'coordinator' }, names)).toBe(
      'Marieke Verhulst (zorgcoördinator)',
    );
    expect(eventSummary('CoordinatorAssigned', { coordinator: 'coordinator.zeeland' }, undefined, names)).toBe(
      'Zorgcoördinator: Marieke Verhulst.',
    );
    expect(eventSummary('NarrativeRedacted', { restatedTexts: 1 })).toBe(
      'De naam van de gewiste persoon is uit 1 tekst gehaald.',
    );
    expect(eventActor({ username: 'system', role: 'system' })).toBe('het systeem');
    expect(eventActor({ username: null, role: null })).toBe('het systeem');
  });
});
