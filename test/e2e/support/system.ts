import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '@baken/access';
import { CaseCommandRunner } from '@baken/case-coordination';
import type { TestApp } from './test-app';

/**
 * Records a missed deadline as the system does (no HTTP endpoint: the scheduler sends this command), so that the
 * `overdue` filter has something to find.
 */
export async function recordDeadlineMissed(
  t: TestApp,
  caseId: string,
  kind: 'triage' | 'proposal_decision' | 'effect_follow_up',
  dueOn: string,
  ref = caseId,
) {
  const runner = t.app.get(CaseCommandRunner);
  return runner.run(caseId, { actor: SYSTEM_ACTOR, correlationId: randomUUID() }, 'RecordDeadlineMissed', () => ({
    kind,
    dueOn,
    ref,
  }));
}
