import { EventSchemas } from '@baken/event-store';
import { CASE_EVENT_UPCASTERS } from '../domain';

/** The schema versions of case events and their upcasters, for the event store. */
export function caseEventSchemas(): EventSchemas {
  const schemas = new EventSchemas();
  for (const [type, steps] of Object.entries(CASE_EVENT_UPCASTERS)) schemas.define(type, steps);
  return schemas;
}
