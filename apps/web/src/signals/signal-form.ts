import { tooLong } from '../components/length-limit';
import { isIsoDate } from '../dates';

/** What the user typed into `Signaal registreren`, before it becomes a request. */
export interface SubjectDraft {
  key: number;
  role: string;
  name: string;
  birthDate: string;
  nationality: string;
}

export interface SignalDraft {
  district: string;
  municipality: string;
  receivedOn: string;
  sourceType: string;
  sourceOrganisation: string;
  forms: string[];
  vulnerabilities: string[];
  /** The urgency known at intake (`''`: not known), which sets how soon triage is due. */
  urgency: string;
  /** Where the exploitation takes place (`''`: not known). */
  sector: string;
  summary: string;
  subjects: SubjectDraft[];
}

export const SUMMARY_MAX = 4000;
/** The limits of the API on the other texts of a signal. */
export const SOURCE_ORGANISATION_MAX = 200;
export const NAME_MAX = 200;
export const NATIONALITY_MAX = 100;

/** Labels by the API's field path, for the error summary. */
export function signalFieldLabels(subjects: readonly SubjectDraft[]): Record<string, string> {
  const labels: Record<string, string> = {
    district: 'District',
    municipality: 'Gemeente',
    receivedOn: 'Datum ontvangst',
    'source.type': 'Bron',
    'source.organisation': 'Organisatie van de melder',
    forms: 'Uitbuitingsvorm',
    vulnerabilities: 'Kwetsbaarheid',
    urgency: 'Urgentie',
    sector: 'Sector',
    summary: 'Samenvatting',
  };
  subjects.forEach((_, i) => {
    labels[`subjects.${i}.role`] = `Persoon ${i + 1}: rol`;
    labels[`subjects.${i}.name`] = `Persoon ${i + 1}: naam`;
    labels[`subjects.${i}.birthDate`] = `Persoon ${i + 1}: geboortedatum`;
    labels[`subjects.${i}.nationality`] = `Persoon ${i + 1}: nationaliteit`;
  });
  return labels;
}

/** The checks the browser can do before sending: required fields, dates, lengths. The API checks everything again. */
export function checkSignal(draft: SignalDraft, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.district) errors.district = 'Kies het district.';
  if (!draft.municipality) errors.municipality = 'Kies de gemeente.';
  if (!draft.receivedOn) errors.receivedOn = 'Vul de datum van ontvangst in.';
  else if (!isIsoDate(draft.receivedOn)) errors.receivedOn = 'Vul een geldige datum in.';
  else if (draft.receivedOn > today) errors.receivedOn = 'De datum mag niet in de toekomst liggen.';
  if (!draft.sourceType) errors['source.type'] = 'Kies de bron van het signaal.';
  if (draft.forms.length === 0)
    errors.forms = 'Kies minstens één uitbuitingsvorm. Kies "Onbekend" als die nog niet bekend is.';
  const sourceTooLong = tooLong(draft.sourceOrganisation, SOURCE_ORGANISATION_MAX);
  if (sourceTooLong) errors['source.organisation'] = sourceTooLong;
  if (!draft.summary.trim()) errors.summary = 'Vul een samenvatting in.';
  else if (tooLong(draft.summary, SUMMARY_MAX)) errors.summary = tooLong(draft.summary, SUMMARY_MAX)!;
  draft.subjects.forEach((s, i) => {
    if (!s.role) errors[`subjects.${i}.role`] = 'Kies de rol van deze persoon.';
    const nameTooLong = tooLong(s.name, NAME_MAX);
    if (nameTooLong) errors[`subjects.${i}.name`] = nameTooLong;
    const nationalityTooLong = tooLong(s.nationality, NATIONALITY_MAX);
    if (nationalityTooLong) errors[`subjects.${i}.nationality`] = nationalityTooLong;
    if (s.birthDate && !isIsoDate(s.birthDate)) errors[`subjects.${i}.birthDate`] = 'Vul een geldige datum in.';
    else if (s.birthDate && s.birthDate > today)
      errors[`subjects.${i}.birthDate`] = 'De datum mag niet in de toekomst liggen.';
  });
  return errors;
}

/** The body of `POST /api/signals`: empty optional fields are left out. */
export function signalRequest(draft: SignalDraft) {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  return {
    district: draft.district,
    municipality: draft.municipality,
    receivedOn: draft.receivedOn,
    source: { type: draft.sourceType, organisation: optional(draft.sourceOrganisation) },
    forms: draft.forms,
    vulnerabilities: draft.vulnerabilities,
    urgency: draft.urgency || undefined,
    sector: draft.sector || undefined,
    summary: draft.summary.trim(),
    subjects: draft.subjects.map((s) => ({
      role: s.role,
      name: optional(s.name),
      birthDate: optional(s.birthDate),
      nationality: optional(s.nationality),
    })),
  };
}
