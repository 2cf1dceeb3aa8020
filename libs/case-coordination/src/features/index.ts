import { addSubject } from './add-subject/add-subject.command';
import { cancelIntervention } from './cancel-intervention/cancel-intervention.command';
import { completeActionPoint } from './complete-action-point/complete-action-point.command';
import { assignCoordinator } from './assign-coordinator/assign-coordinator.command';
import { closeCase } from './close-case/close-case.command';
import { decideProposal } from './decide-proposal/decide-proposal.command';
import { discloseSubject } from './disclose-subject/disclose-subject.command';
import { draftProposal } from './draft-proposal/draft-proposal.command';
import { evaluateProposal } from './evaluate-proposal/evaluate-proposal.command';
import { eraseSubjectPersonalData } from './erase-subject-personal-data/erase-subject-personal-data.command';
import { linkCase } from './link-case/link-case.command';
import { reclassifyCase } from './reclassify-case/reclassify-case.command';
import { planIntervention } from './plan-intervention/plan-intervention.command';
import { recordCareTableMeeting } from './record-care-table-meeting/record-care-table-meeting.command';
import { recordConsent } from './record-consent/record-consent.command';
import { recordForwardFeedback } from './record-forward-feedback/record-forward-feedback.command';
import { recordSessionOutcome } from './record-session-outcome/record-session-outcome.command';
import { recordInterventionEffect } from './record-intervention-effect/record-intervention-effect.command';
import { recordInterventionExecuted } from './record-intervention-executed/record-intervention-executed.command';
import { registerSignal } from './register-signal/register-signal.command';
import { reopenCase } from './reopen-case/reopen-case.command';
import { reviseProposal } from './revise-proposal/revise-proposal.command';
import { revokeDisclosure } from './revoke-disclosure/revoke-disclosure.command';
import type { CaseCommandDefinition } from './shared/case-command';
import { submitProposal } from './submit-proposal/submit-proposal.command';
import { triage } from './triage/triage.command';
import { withdrawProposal } from './withdraw-proposal/withdraw-proposal.command';

/** Every use case of a case that the HTTP API offers, in the order of the lifecycle. */
export const CASE_COMMANDS = [
  registerSignal,
  assignCoordinator,
  reclassifyCase,
  linkCase,
  triage,
  recordForwardFeedback,
  recordCareTableMeeting,
  recordSessionOutcome,
  completeActionPoint,
  draftProposal,
  reviseProposal,
  submitProposal,
  withdrawProposal,
  decideProposal,
  evaluateProposal,
  planIntervention,
  recordInterventionExecuted,
  recordInterventionEffect,
  cancelIntervention,
  discloseSubject,
  revokeDisclosure,
  addSubject,
  recordConsent,
  eraseSubjectPersonalData,
  closeCase,
  reopenCase,
] as readonly CaseCommandDefinition[];
