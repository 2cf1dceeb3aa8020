import type { FieldError } from '@baken/platform';
import { INTERVENTION_FACT_KINDS } from '../facts/report-facts';
import type { ChangeTargetRequest } from './change-target.request.dto';
import type { TargetFields } from './target.events';

/**
 * The rules on a target's fields beyond their single-field validation, for a definition and a change alike: filters on
 * interventions only for intervention events, organisations and intervention types that exist (a retired type still
 * names past work), and a validity that does not end before it starts.
 */
export async function targetFieldErrors(
  body: ChangeTargetRequest,
  organisationExists: (id: string) => Promise<boolean>,
  interventionTypeExists: (type: string) => Promise<boolean>,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!INTERVENTION_FACT_KINDS.includes(body.event))
    for (const field of ['interventionTypes', 'interventionLevels', 'organisations'] as const)
      if (body[field]) errors.push({ field, message: 'applies only to intervention events' });
  for (const type of body.interventionTypes ?? [])
    if (!(await interventionTypeExists(type)))
      errors.push({ field: 'interventionTypes', message: `${type} is not a type of the intervention catalogue` });
  for (const organisation of body.organisations ?? [])
    if (!(await organisationExists(organisation)))
      errors.push({ field: 'organisations', message: `${organisation} is not a known organisation` });
  if (body.validFrom && body.validUntil && body.validUntil < body.validFrom)
    errors.push({ field: 'validUntil', message: 'must not be before validFrom' });
  return errors;
}

/** The whole definition from a request: what it leaves out is no condition (period: a quarter, validity: always). */
export const targetFields = (body: ChangeTargetRequest): TargetFields => ({
  title: body.title.trim(),
  event: body.event,
  period: body.period ?? 'quarter',
  forms: body.forms ?? null,
  vulnerabilities: body.vulnerabilities ?? null,
  interventionTypes: body.interventionTypes ?? null,
  interventionLevels: body.interventionLevels ?? null,
  organisations: body.organisations ?? null,
  minimum: body.minimum,
  validFrom: body.validFrom ?? null,
  validUntil: body.validUntil ?? null,
});
