import { Matches } from 'class-validator';
import { ValidationProblem, type FieldError } from '@baken/platform';
import { isOrganisationId } from '../../domain';
import type { ReferenceData } from '../../infrastructure/reference-data.service';

/** An organisation id as commands name it: `riec`, `public_prosecutor`, `municipality:breda`, `shelter:sterk-huis`. */
export const IsOrganisationId = (each = false) =>
  Matches(/^(?:[a-z_]+|(?:municipality|shelter):[a-z0-9]+(?:-[a-z0-9]+)*)$/, {
    each,
    message: `${each ? 'each value ' : ''}must be an organisation id such as public_prosecutor or municipality:breda`,
  });

/** A 400 naming every field whose organisation the reference data does not know. */
export async function requireKnownOrganisations(
  fields: readonly [field: string, id: string][],
  reference: ReferenceData,
): Promise<void> {
  const errors: FieldError[] = [];
  for (const [field, id] of fields) {
    if (!isOrganisationId(id) || !(await reference.organisationExists(id))) {
      errors.push({ field, message: `is not a known organisation (see GET /api/reference-data/organisations)` });
    }
  }
  if (errors.length) throw new ValidationProblem(errors);
}
