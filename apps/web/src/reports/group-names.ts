import {
  EXPLOITATION_FORM,
  REPORT_GROUP_BY,
  REPORT_GROUP_NOT_RECORDED,
  SECTOR,
  SOURCE_TYPE,
  VULNERABILITY,
  label,
  lowerFirst,
} from '@baken/labels';

/** What the reports can break their figures down by (`groupBy`), in the order the screen offers them. */
export type GroupBy = keyof typeof REPORT_GROUP_BY;
export const GROUP_BY_OPTIONS = (Object.keys(REPORT_GROUP_BY) as GroupBy[]).map((value) => ({
  value,
  label: REPORT_GROUP_BY[value],
}));

export const isGroupBy = (value: string | null): value is GroupBy =>
  value !== null && Object.prototype.hasOwnProperty.call(REPORT_GROUP_BY, value);

/**
 * The Dutch name of one group of a breakdown: a place or an organisation by the reference data's name, a value by the
 * label catalogue, and the group without a value as "nothing recorded".
 */
export function groupName(
  groupBy: GroupBy,
  group: string | null,
  names: { place: (id: string) => string; organisation: (id: string) => string },
): string {
  if (group === null) return REPORT_GROUP_NOT_RECORDED[groupBy];
  switch (groupBy) {
    case 'district':
    case 'municipality':
      return names.place(group);
    case 'leadOrganisation':
      return names.organisation(group);
    case 'vulnerability':
      return label(VULNERABILITY, group);
    case 'source':
      return label(SOURCE_TYPE, group);
    case 'form':
      return label(EXPLOITATION_FORM, group);
    case 'sector':
      return label(SECTOR, group);
  }
}

/** What a breakdown means for its sums, in a sentence for under its table. */
export function overlapNote(groupBy: GroupBy, exclusive: boolean | null | undefined): string {
  const dimension = lowerFirst(REPORT_GROUP_BY[groupBy]);
  if (exclusive) return `Elke telling valt in één groep: de groepen tellen op tot het totaal.`;
  if (groupBy === 'leadOrganisation')
    return 'Een interventie telt bij haar leidende organisatie; wat de casus als geheel betreft (signalen, afsluiting, open casussen) telt bij elke organisatie die een interventie in de casus leidt. De groepen tellen samen op tot meer dan het totaal.';
  return `Een casus met meer dan één ${dimension} telt in elk van die groepen mee: de groepen tellen samen op tot meer dan het totaal.`;
}
