import { caseCommand } from '../shared/case-command';

/** Ends a disclosure: the organisations of the intervention see the subject's pseudonym again. */
export const revokeDisclosure = caseCommand({
  type: 'RevokeDisclosure',
  route: 'DELETE cases/:caseId/interventions/:interventionId/disclosures/:subjectId',
  summary: "Revokes a subject's disclosure to an intervention.",
});
