import * as nl from '@baken/labels';
import { dutchDate, dutchDateTime } from '@baken/platform';
import type { GroupBy } from './breakdown';

/**
 * The Dutch names of what reports name by id: districts, municipalities and organisations from the reference data
 * (an id the data does not know is shown as it is).
 */
export interface ReportNames {
  district(id: string): string;
  municipality(id: string): string;
  organisation(id: string): string;
}

export function reportNames(reference: {
  districts: readonly { id: string; name: string; municipalities: readonly { id: string; name: string }[] }[];
  organisations: readonly { id: string; name: string }[];
}): ReportNames {
  const districts = new Map(reference.districts.map((d) => [d.id, d.name]));
  const municipalities = new Map(reference.districts.flatMap((d) => d.municipalities.map((m) => [m.id, m.name])));
  const organisations = new Map(reference.organisations.map((o) => [o.id, o.name]));
  return {
    district: (id) => districts.get(id) ?? id,
    municipality: (id) => municipalities.get(id) ?? id,
    organisation: (id) => organisations.get(id) ?? nl.label(nl.PARTNER, id),
  };
}

/** The Dutch name of one group of a breakdown; `null` is the group without a value. */
export function groupName(groupBy: GroupBy, group: string | null, names: ReportNames): string {
  if (group === null) return nl.REPORT_GROUP_NOT_RECORDED[groupBy];
  switch (groupBy) {
    case 'district':
      return names.district(group);
    case 'municipality':
      return names.municipality(group);
    case 'leadOrganisation':
      return names.organisation(group);
    case 'vulnerability':
      return nl.label(nl.VULNERABILITY, group);
    case 'source':
      return nl.label(nl.SOURCE_TYPE, group);
    case 'form':
      return nl.label(nl.EXPLOITATION_FORM, group);
    case 'sector':
      return nl.label(nl.SECTOR, group);
  }
}

/** The heading of a breakdown's group column; it says so when a case can count in several groups. */
export function groupHeading(groupBy: GroupBy, exclusive: boolean): string {
  return exclusive
    ? nl.REPORT_GROUP_BY[groupBy]
    : `${nl.REPORT_GROUP_BY[groupBy]} (een casus kan in meer groepen tellen)`;
}

/** What a reader of an export needs to know about the time of its figures and its groups. */
export function readingNotes(r: {
  asOf: string | null;
  asKnownAt: string | null;
  generatedAt: Date;
  groupBy?: GroupBy | null;
  groupsExclusive?: boolean | null;
}): string[] {
  const notes = [
    r.asKnownAt
      ? `Cijfers zoals bekend op ${dutchDateTime(r.asKnownAt)}: alleen wat toen was vastgelegd telt mee.`
      : `Cijfers zoals bekend op ${dutchDateTime(r.generatedAt.toISOString())} (alles wat tot dan was vastgelegd).`,
  ];
  if (r.asOf)
    notes.push(`Peildatum ${dutchDate(r.asOf)}: gebeurtenissen tellen op hun datum, tot en met de peildatum.`);
  if (r.groupBy)
    notes.push(
      r.groupsExclusive
        ? `Uitgesplitst naar ${nl.lowerFirst(nl.REPORT_GROUP_BY[r.groupBy])}: elke telling valt in één groep, de groepen tellen op tot het totaal.`
        : `Uitgesplitst naar ${nl.lowerFirst(nl.REPORT_GROUP_BY[r.groupBy])}: een casus met meer waarden telt in elk van die groepen, dus de groepen tellen samen op tot meer dan het totaal.`,
    );
  return notes;
}

/** A file name part for a breakdown: `per-kwetsbaarheid`. */
export function groupFileName(groupBy: GroupBy | null | undefined): string {
  return groupBy ? `-per-${nl.REPORT_GROUP_BY[groupBy].toLowerCase().replace(/\s+/g, '-')}` : '';
}
