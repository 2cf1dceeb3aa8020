import type { ChangeTarget, CreateTarget, Target, TargetEvent } from './admin-api';

/** What a target counts, in Dutch (the reports' event kinds). */
export const TARGET_EVENT: Readonly<Record<TargetEvent, string>> = {
  signal_received: 'Signalen ontvangen',
  triage_decided: 'Triages afgerond',
  care_table_meeting_held: 'Zorgtafelbesprekingen gehouden',
  proposal_submitted: 'Voorstellen ingediend bij de stuurploeg',
  proposal_decided: 'Voorstellen besloten door de stuurploeg',
  proposal_deferred: 'Voorstellen aangehouden door de stuurploeg',
  intervention_planned: 'Interventies gepland',
  intervention_executed: 'Interventies uitgevoerd',
  intervention_cancelled: 'Interventies geannuleerd',
  intervention_effect_recorded: 'Effecten van interventies vastgelegd',
  case_closed: 'Casussen afgesloten',
  case_reopened: 'Casussen heropend',
  case_of_known_victim: 'Casussen van een bekend slachtoffer',
};

export const TARGET_PERIOD_NAME: Readonly<Record<'quarter' | 'year', string>> = {
  quarter: 'Per kwartaal',
  year: 'Per jaar',
};

/** Events about an intervention: only they can be filtered by intervention type, level or organisation. */
export const INTERVENTION_EVENTS: readonly TargetEvent[] = [
  'intervention_planned',
  'intervention_executed',
  'intervention_cancelled',
  'intervention_effect_recorded',
];

export const TARGET_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const TITLE_MAX = 200;
export const ID_MAX = 60;
export const REASON_MAX = 1000;

/** The target form's values as typed: text for the numbers and dates, lists for the filters. */
export interface TargetFormValues {
  id: string;
  title: string;
  event: string;
  period: string;
  minimum: string;
  forms: string[];
  vulnerabilities: string[];
  interventionTypes: string[];
  interventionLevels: string[];
  organisations: string[];
  validFrom: string;
  validUntil: string;
  reason: string;
}

export function targetFormValues(target?: Target): TargetFormValues {
  return {
    id: target?.id ?? '',
    title: target?.title ?? '',
    event: target?.event ?? '',
    period: target?.period ?? 'quarter',
    minimum: target?.minimum === undefined ? '' : String(target.minimum),
    forms: target?.forms ?? [],
    vulnerabilities: target?.vulnerabilities ?? [],
    interventionTypes: target?.interventionTypes ?? [],
    interventionLevels: target?.interventionLevels ?? [],
    organisations: target?.organisations ?? [],
    validFrom: target?.validFrom ?? '',
    validUntil: target?.validUntil ?? '',
    reason: '',
  };
}

/** The checks before sending, as Dutch messages by field (`isNew`: the id is chosen too). */
export function checkTarget(values: TargetFormValues, isNew: boolean): Record<string, string> {
  const problems: Record<string, string> = {};
  if (isNew && !values.id.trim()) problems.id = 'Vul de code in, bijvoorbeeld bestuurlijke-interventies.';
  else if (isNew && !TARGET_ID.test(values.id.trim()))
    problems.id = 'Gebruik kleine letters en cijfers, woorden gescheiden door een streepje.';
  if (!values.title.trim()) problems.title = 'Vul de naam in.';
  if (!values.event) problems.event = 'Kies wat er geteld wordt.';
  const minimum = Number(values.minimum);
  if (!values.minimum.trim()) problems.minimum = 'Vul het minimum in.';
  else if (!Number.isInteger(minimum) || minimum < 1 || minimum > 100_000)
    problems.minimum = 'Vul een heel getal in van 1 tot en met 100.000.';
  if (values.validFrom && values.validUntil && values.validUntil < values.validFrom)
    problems.validUntil = 'De einddatum ligt vóór de begindatum.';
  return problems;
}

type Filter = 'forms' | 'vulnerabilities' | 'interventionTypes' | 'interventionLevels' | 'organisations';

/** A filter with nothing chosen is left out: the target then counts every case, intervention or organisation. */
const filter = <K extends Filter>(key: K, values: readonly string[]): Partial<ChangeTarget> =>
  values.length ? { [key]: [...values] as ChangeTarget[K] } : {};

/** A date left empty is left out: no limit on that side. */
const date = (key: 'validFrom' | 'validUntil', value: string): Partial<ChangeTarget> => (value ? { [key]: value } : {});

/** The body of `PUT /api/admin/targets/{id}`, with the reason when one is given. */
export function targetChange(values: TargetFormValues): ChangeTarget {
  const intervention = INTERVENTION_EVENTS.includes(values.event as TargetEvent);
  const reason = values.reason.trim();
  return {
    title: values.title.trim(),
    event: values.event as TargetEvent,
    period: values.period as ChangeTarget['period'],
    minimum: Number(values.minimum),
    ...filter('forms', values.forms),
    ...filter('vulnerabilities', values.vulnerabilities),
    ...(intervention
      ? {
          ...filter('interventionTypes', values.interventionTypes),
          ...filter('interventionLevels', values.interventionLevels),
          ...filter('organisations', values.organisations),
        }
      : {}),
    ...date('validFrom', values.validFrom),
    ...date('validUntil', values.validUntil),
    ...(reason ? { reason } : {}),
  };
}

/** The body of `POST /api/admin/targets`. */
export function targetCreation(values: TargetFormValues): CreateTarget {
  const fields = targetChange({ ...values, reason: '' });
  return { id: values.id.trim(), ...fields };
}
