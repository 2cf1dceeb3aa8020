import {
  blankActionPoint,
  checkOutcome,
  checkPlan,
  outcomeBody,
  outcomeFields,
  ownerPeople,
  ownerText,
  personOption,
  sessionMessages,
  splitByDate,
  type OutcomeValues,
} from './session-form';

const TODAY = '2026-12-03';

const outcome = (change: Partial<OutcomeValues> = {}): OutcomeValues => ({
  heldOn: '2026-12-01',
  participants: ['labour_inspectorate'],
  conclusions: 'Gezamenlijke inspectie bij de autowasstraat.',
  victimInformed: '',
  actionPoints: [],
  ...change,
});

describe('the sessions of the Zorgtafel in time', () => {
  it('lists those from today on soonest first, and those before today latest first', () => {
    const sessions = [
      { sessionId: 'a', plannedOn: '2026-11-20' },
      { sessionId: 'b', plannedOn: '2026-12-10' },
      { sessionId: 'c', plannedOn: TODAY },
      { sessionId: 'd', plannedOn: '2026-11-27' },
    ];
    const { upcoming, past } = splitByDate(sessions, TODAY);
    expect(upcoming.map((s) => s.sessionId)).toEqual(['c', 'b']);
    expect(past.map((s) => s.sessionId)).toEqual(['d', 'a']);
  });
});

describe('planning a session', () => {
  it('asks for the district, a valid date, an invitee and a case, and lets the date lie ahead', () => {
    expect(checkPlan({ district: '', plannedOn: '', invitees: [], caseIds: [] })).toEqual({
      district: 'Kies het district.',
      plannedOn: 'Vul de datum van de zorgtafel in.',
      invitees: 'Kies minstens één organisatie om uit te nodigen.',
      caseIds: 'Kies minstens één casus voor de agenda.',
    });
    expect(checkPlan({ district: 'de-baronie', plannedOn: '2026-02-30', invitees: ['riec'], caseIds: ['x'] })).toEqual({
      plannedOn: 'Vul een geldige datum in.',
    });
    expect(checkPlan({ district: 'de-baronie', plannedOn: '2027-01-15', invitees: ['riec'], caseIds: ['x'] })).toEqual(
      {},
    );
  });
});

describe('the outcome of a case at the table', () => {
  it('accepts a complete outcome without action points', () => {
    expect(checkOutcome(outcome(), TODAY)).toEqual({});
  });

  it('refuses a meeting in the future, no participants and empty or too long conclusions', () => {
    expect(checkOutcome(outcome({ heldOn: '2026-12-04', participants: [], conclusions: '  ' }), TODAY)).toEqual({
      heldOn: 'De datum mag niet in de toekomst liggen.',
      participants: 'Kies minstens één deelnemende organisatie.',
      conclusions: 'Vul de conclusies in.',
    });
    expect(checkOutcome(outcome({ conclusions: 'x'.repeat(4001) }), TODAY)).toEqual({
      conclusions: 'Gebruik hoogstens 4000 tekens.',
    });
  });

  it('counts a character outside the basic plane as one, as the API does', () => {
    expect(checkOutcome(outcome({ conclusions: '😀'.repeat(4000) }), TODAY)).toEqual({});
  });

  it('checks each action point at the field the API names it by, due dates not before the meeting', () => {
    const problems = checkOutcome(
      outcome({
        actionPoints: [
          { description: 'Inspectie plannen', owner: 'labour_inspectorate', dueOn: '2026-12-15' },
          blankActionPoint(),
          { description: 'Opvang regelen', owner: 'shelter:sterk-huis', dueOn: '2026-11-30' },
        ],
      }),
      TODAY,
    );
    expect(problems).toEqual({
      'actionPoints.1.description': 'Vul de omschrijving in.',
      'actionPoints.1.owner': 'Kies wie het actiepunt uitvoert.',
      'actionPoints.1.dueOn': 'Vul de uiterste datum in.',
      'actionPoints.2.dueOn': 'De uiterste datum ligt vóór de zorgtafel.',
    });
    // A due date may lie ahead: that is what a due date is for.
    expect(problems['actionPoints.0.dueOn']).toBeUndefined();
  });

  it('sends trimmed texts, the victim informed only when answered, and action points only when there are any', () => {
    expect(outcomeBody(outcome({ conclusions: ' Inspectie. ' }))).toEqual({
      heldOn: '2026-12-01',
      participants: ['labour_inspectorate'],
      conclusions: 'Inspectie.',
    });
    expect(
      outcomeBody(
        outcome({
          victimInformed: 'no',
          actionPoints: [{ description: ' Inspectie plannen ', owner: 'partner.opvang', dueOn: '2026-12-15' }],
        }),
      ),
    ).toEqual({
      heldOn: '2026-12-01',
      participants: ['labour_inspectorate'],
      conclusions: 'Gezamenlijke inspectie bij de autowasstraat.',
      victimInformed: false,
      actionPoints: [{ description: 'Inspectie plannen', owner: 'partner.opvang', dueOn: '2026-12-15' }],
    });
  });

  it("names the form's fields as the API names them in its validation errors", () => {
    expect(outcomeFields(1)).toEqual([
      'heldOn',
      'participants',
      'conclusions',
      'victimInformed',
      'actionPoints.0.description',
      'actionPoints.0.owner',
      'actionPoints.0.dueOn',
    ]);
  });
});

describe('owners of action points', () => {
  const people = [
    {
      username: 'partner.opvang',
      displayName: 'Lotte Kuijpers',
      role: 'partner',
      organisation: 'shelter:sterk-huis',
      districts: [],
    },
    {
      username: 'coordinator.zeeland',
      displayName: 'Marieke Verhulst',
      role: 'coordinator',
      organisation: 'care_coordinator',
      districts: ['zeeland'],
    },
    {
      username: 'coordinator.de-baronie',
      displayName: 'Anouk de Vries',
      role: 'coordinator',
      organisation: 'care_coordinator',
      districts: ['de-baronie'],
    },
    { username: 'analyst', displayName: 'Mehmet Yilmaz', role: 'analyst', organisation: 'riec', districts: [] },
    { username: 'partner.zonder-naam', displayName: null, role: 'partner', organisation: null, districts: [] },
  ];
  const organisationName = (id: string) => ({ 'shelter:sterk-huis': 'Sterk Huis', riec: 'RIEC' })[id] ?? id;

  it("offers the partners and the district's own people, by name", () => {
    expect(ownerPeople(people, 'de-baronie').map((p) => p.username)).toEqual([
      'coordinator.de-baronie',
      'partner.opvang',
      'partner.zonder-naam',
    ]);
  });

  it('shows a person by name with the organisation, or by username when there is no name', () => {
    expect(personOption(people[0], organisationName)).toEqual({
      value: 'partner.opvang',
      label: 'Lotte Kuijpers (Sterk Huis)',
    });
    expect(personOption(people[4], organisationName)).toEqual({
      value: 'partner.zonder-naam',
      label: 'partner.zonder-naam',
    });
  });

  it('names the owner of an agreed action point: an organisation by its name, a person by display name', () => {
    expect(ownerText({ owner: 'riec', ownerKind: 'organisation' }, organisationName, people)).toBe('RIEC');
    expect(ownerText({ owner: 'partner.opvang', ownerKind: 'user' }, organisationName, people)).toBe('Lotte Kuijpers');
    expect(ownerText({ owner: 'someone.else', ownerKind: 'user' }, organisationName, null)).toBe('someone.else');
  });
});

describe('problems told in Dutch', () => {
  it('says which rule of action points was broken', () => {
    const problem = {
      status: 409,
      title: 'DueBeforeMeeting',
      code: 'DueBeforeMeeting',
      detail: 'Action point 1 is due on 2026-11-30, before the meeting that agreed it (2026-12-01).',
    };
    expect(sessionMessages(problem, outcomeFields(1))).toEqual({
      summary: 'De uiterste datum van een actiepunt ligt vóór de zorgtafel.',
      fields: {},
    });
    expect(
      sessionMessages(
        { status: 409, title: 'DateTooEarly', code: 'DateTooEarly', detail: 'completedOn 2026-11-01 lies before…' },
        ['completedOn', 'note'],
      ).fields,
    ).toEqual({ completedOn: 'De datum ligt vóór de zorgtafel waarop het actiepunt is afgesproken.' });
  });

  it("puts the API's validation errors at the action point's field", () => {
    const problem = {
      status: 400,
      title: 'Bad Request',
      detail: '',
      errors: [{ field: 'actionPoints.0.owner', message: 'is neither a known organisation nor a known person' }],
    };
    expect(sessionMessages(problem, outcomeFields(1)).fields).toEqual({
      'actionPoints.0.owner': 'Deze waarde is niet geldig.',
    });
  });
});
