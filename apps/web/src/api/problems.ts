/**
 * Problem details (RFC 9457) from the API, told in Dutch: validation errors go to the form field they name, broken
 * domain rules become a sentence the user can act on.
 */

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  status: number;
  title: string;
  detail: string;
  type?: string;
  code?: string;
  errors?: FieldError[];
}

export interface ProblemMessages {
  /** What went wrong, as one sentence for the top of the form. */
  summary: string;
  /** Dutch messages by the API's field path (`decidedOn`, `source.type`, `subjects.0.name`). */
  fields: Record<string, string>;
}

/** The status of a network failure or an answer that is not problem details. */
export const NETWORK_ERROR = 0;

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).status === 'number' &&
    typeof (value as Problem).title === 'string'
  );
}

/** Builds a problem for an answer without a problem-details body (a proxy error page, a lost connection). */
export function problemOf(status: number, body: unknown): Problem {
  if (isProblem(body)) return body;
  return { status, title: status === NETWORK_ERROR ? 'Network error' : `HTTP ${status}`, detail: '' };
}

const FIELD_MESSAGES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^is required$/, () => 'Vul dit veld in.'],
  [/^is not a known field$/, () => 'Dit veld kent de server niet.'],
  [/should not be empty|must not be empty/, () => 'Vul dit veld in.'],
  [/must be a date written YYYY-MM-DD/, () => 'Vul een geldige datum in.'],
  [/ISO-8601 instant|ISO 8601/, () => 'Vul een geldige datum of een geldig tijdstip in.'],
  [/must be one of the following values|must be one of/, () => 'Kies een van de mogelijke waarden.'],
  [/shorter than or equal to (\d+) characters/, (m) => `Gebruik hoogstens ${m[1]} tekens.`],
  [/longer than or equal to (\d+) characters/, (m) => `Gebruik minstens ${m[1]} tekens.`],
  [/at least (\d+) elements?/, (m) => (m[1] === '1' ? 'Kies er minstens één.' : `Kies er minstens ${m[1]}.`)],
  [/must not contain more than (\d+) elements?/, (m) => `Kies er hoogstens ${m[1]}.`],
  [/must be unique|all elements must be unique/i, () => 'Kies elke waarde maar één keer.'],
  [/must be a UUID/, () => 'Dit is geen geldige verwijzing.'],
  [/must be a (district|municipality) id/, () => 'Kies een van de mogelijke waarden.'],
  [/is not a known organisation|must be an organisation id/, () => 'Kies een bekende organisatie.'],
  [/must be an integer|must be a number/, () => 'Vul een geheel getal in.'],
  [/must not be less than (\d+)/, (m) => `Vul ${m[1]} of meer in.`],
  [/must not be greater than (\d+)/, (m) => `Vul ${m[1]} of minder in.`],
  [/must be true or false|must be a boolean/, () => 'Kies ja of nee.'],
  [/must be 1 to 200 characters/, () => 'Gebruik 1 tot 200 tekens.'],
  [/NUL character|unpaired surrogate/, () => 'Deze tekst bevat tekens die niet kunnen worden opgeslagen.'],
];

/** A validation message of the API (English, written to follow the field name) in Dutch. */
export function fieldMessageInDutch(message: string): string {
  for (const [pattern, dutch] of FIELD_MESSAGES) {
    const m = pattern.exec(message);
    if (m) return dutch(m);
  }
  return 'Deze waarde is niet geldig.';
}

/** Broken domain rules (HTTP 409, `code`) in Dutch, and the field they are about when there is one. */
const DOMAIN_MESSAGES: Record<string, { message: string; field?: string; fieldFromDetail?: boolean }> = {
  CaseAlreadyExists: { message: 'Deze casus bestaat al.' },
  MunicipalityNotInDistrict: { message: 'Deze gemeente hoort niet bij het gekozen district.', field: 'municipality' },
  NoExploitationForm: { message: 'Kies minstens één uitbuitingsvorm.', field: 'forms' },
  BusinessDateInFuture: { message: 'De datum mag niet in de toekomst liggen.', fieldFromDetail: true },
  CaseStatusForbidsCommand: { message: 'Deze stap kan niet in de huidige status van de casus.' },
  CoordinatorNotInDistrict: {
    message: 'Deze zorgcoördinator werkt niet in het district van de casus.',
    field: 'coordinator',
  },
  ForwardRequiresPartner: { message: 'Kies de ketenpartner waarnaar u doorverwijst.', field: 'forwardedTo' },
  OpenProposalExists: {
    message: 'Er is al een open voorstel. Dien dat eerst in en laat de stuurploeg erover besluiten.',
  },
  ProposalNotDrafted: { message: 'Alleen een conceptvoorstel kan worden ingediend.' },
  ProposalNotSubmitted: { message: 'Alleen over een ingediend voorstel kan worden gestemd.' },
  FourEyesViolation: {
    message: 'U heeft dit voorstel opgesteld of ingediend en stemt er daarom niet over.',
  },
  AlreadyVoted: { message: 'U heeft al over dit voorstel gestemd; elk lid van de stuurploeg stemt één keer.' },
  NoMeasures: { message: 'Voeg minstens één maatregel toe.', field: 'measures' },
  RevisitNotAfterDecision: {
    message: 'Kies een datum voor herbespreking die na de datum van uw stem ligt.',
    field: 'revisitOn',
  },
  ProposalNotApproved: { message: 'Alleen een goedgekeurd voorstel kan worden geëvalueerd.' },
  ProposalAlreadyEvaluated: { message: 'De evaluatie van dit voorstel is al vastgelegd.' },
  DateBeforeDecision: { message: 'De datum ligt vóór het besluit van de stuurploeg.' },
  InterventionAlreadyExecuted: { message: 'De uitvoering van deze interventie is al vastgelegd.' },
  InterventionNotExecuted: { message: 'Leg eerst de uitvoering van deze interventie vast.' },
  DateBeforeReceipt: { message: 'De datum ligt vóór de ontvangst van het signaal.', fieldFromDetail: true },
  DateBeforeSubmission: { message: 'De datum ligt vóór de indiening van het voorstel.', field: 'decidedOn' },
  DateBeforePlanned: { message: 'De datum ligt vóór de geplande datum van de interventie.', field: 'executedOn' },
  DateBeforeExecution: { message: 'De datum ligt vóór de uitvoering van de interventie.', field: 'observedOn' },
  DateBeforeClosure: { message: 'De datum ligt vóór de sluiting van de casus.', field: 'reopenedOn' },
  ProposalAwaitsDecision: {
    message: 'Er wacht nog een voorstel op een besluit van de stuurploeg. Sluit de casus pas daarna.',
  },
  SubjectAlreadyErased: { message: 'De persoonsgegevens van deze persoon zijn al gewist.' },
  DuplicateId: { message: 'Deze invoer is al verwerkt.' },
  CaseNotFound: { message: 'Deze casus bestaat niet of valt buiten uw bereik.' },
  ProposalNotFound: { message: 'Dit voorstel bestaat niet (meer) op deze casus.' },
  InterventionNotFound: { message: 'Deze interventie bestaat niet (meer) op deze casus.' },
  SubjectNotFound: { message: 'Deze persoon bestaat niet (meer) op deze casus.' },
};

const STATUS_MESSAGES: Record<number, string> = {
  [NETWORK_ERROR]: 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
  400: 'Niet alle gegevens zijn goed ingevuld.',
  401: 'U bent niet (meer) ingelogd. Log opnieuw in.',
  403: 'Uw rol geeft geen toegang tot deze gegevens of deze stap.',
  404: 'Niet gevonden, of buiten uw bereik.',
  409: 'Deze stap kan nu niet.',
  412: 'De casus is intussen gewijzigd. De nieuwste versie is geladen; bekijk die en probeer het opnieuw.',
  413: 'De invoer is te groot.',
  422: 'Dit verzoek is al eens met andere gegevens verstuurd.',
  429: 'Te veel verzoeken in korte tijd. Wacht even en probeer het opnieuw.',
  503: 'Een onderdeel van het systeem is tijdelijk niet beschikbaar. Probeer het later opnieuw.',
};

/** The Dutch sentence for an answer's status alone. */
export function statusMessage(status: number): string {
  return (
    STATUS_MESSAGES[status] ??
    (status >= 500 ? 'Er ging iets mis op de server. Probeer het later opnieuw.' : 'Het verzoek is niet gelukt.')
  );
}

/**
 * What to tell the user about a problem. Field errors whose field is on the form (`formFields`) are placed at
 * that field; the others are named in the summary, so nothing the API said is lost.
 */
export function messagesFor(problem: Problem, formFields: readonly string[] = []): ProblemMessages {
  const onForm = (field: string) => formFields.includes(field) || formFields.some((f) => field.startsWith(`${f}.`));
  const fieldOf = (field: string) =>
    formFields.find((f) => f === field) ?? formFields.find((f) => field.startsWith(`${f}.`)) ?? field;
  if (problem.status === 400 && problem.errors?.length) {
    const fields: Record<string, string> = {};
    const elsewhere: string[] = [];
    for (const error of problem.errors) {
      const message = fieldMessageInDutch(error.message);
      if (onForm(error.field)) fields[fieldOf(error.field)] ??= message;
      else elsewhere.push(`${error.field}: ${message}`);
    }
    const summary = elsewhere.length ? `${statusMessage(400)} ${elsewhere.join(' ')}` : statusMessage(400);
    return { summary, fields };
  }
  const code = problem.code ?? problem.title;
  const known = DOMAIN_MESSAGES[code];
  if ((problem.status === 409 || problem.status === 404) && known) {
    const field = known.field ?? (known.fieldFromDetail ? /^(\w+)\s/.exec(problem.detail ?? '')?.[1] : undefined);
    if (field && onForm(field)) return { summary: known.message, fields: { [fieldOf(field)]: known.message } };
    return { summary: known.message, fields: {} };
  }
  return { summary: statusMessage(problem.status), fields: {} };
}
