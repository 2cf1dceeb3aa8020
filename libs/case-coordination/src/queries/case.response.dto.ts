import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTION_TARGETS,
  CASE_STATUSES,
  CLOSE_OUTCOMES,
  DEADLINE_KINDS,
  FORWARD_FEEDBACKS,
  LINK_REASONS,
  SECTORS,
  EFFECTS,
  EXPLOITATION_FORMS,
  INTERVENTION_LEVELS,
  INTERVENTION_TYPES,
  PARTNERS,
  PROPOSAL_DECISIONS,
  PROPOSAL_STATUSES,
  STEERING_VOTES,
  REOPEN_REASONS,
  SOURCE_TYPES,
  SUBJECT_ROLES,
  TRIAGE_DECISIONS,
  URGENCIES,
  VULNERABILITIES,
} from '../domain';

/** A type of the intervention catalogue (ADR 62): the code's own, or one an administrator added. */
const CATALOGUE_TYPE = `A type of the intervention catalogue (GET /api/reference-data/intervention-types): ${INTERVENTION_TYPES.join(', ')}, or one an administrator added`;

/**
 * The answers of the case queries (API.md "Queries"), as OpenAPI schemas: the web UI's client is generated from them.
 * Fields marked optional are left out for actors without need-to-know (DOMAIN.md "Roles").
 */

const actionsOn = (target: string) =>
  Object.entries(ACTION_TARGETS)
    .filter(([, t]) => t === target)
    .map(([type]) => type);
const ALLOWED = 'What you may do on it now: command types (the API decides again when you send one).';

export class CaseListItemResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'ZWB-2026-00042' }) reference!: string;
  @ApiProperty() district!: string;
  @ApiProperty() municipality!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiPropertyOptional({ enum: EXPLOITATION_FORMS, isArray: true }) forms?: string[];
  @ApiPropertyOptional({ enum: URGENCIES, nullable: true, type: String }) urgency?: string | null;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) coordinator?: string | null;
  @ApiProperty({ description: 'A deadline was missed and its work is still open.' }) overdue!: boolean;
  @ApiProperty() version!: number;
}

export class CaseListResponse {
  @ApiProperty({ type: [CaseListItemResponse] }) items!: CaseListItemResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class SignalSourceResponse {
  @ApiProperty({ enum: SOURCE_TYPES }) type!: string;
  @ApiProperty({ nullable: true, type: String }) organisation!: string | null;
}

export class TriageResponse {
  @ApiProperty({ format: 'date' }) decidedOn!: string;
  @ApiProperty({ enum: URGENCIES }) urgency!: string;
  @ApiProperty({ enum: TRIAGE_DECISIONS }) decision!: string;
  @ApiProperty() rationale!: string;
  @ApiProperty({ enum: PARTNERS, nullable: true, type: String }) forwardedTo!: string | null;
}

export class ConsentResponse {
  @ApiProperty() scope!: string;
  @ApiProperty() given!: boolean;
  @ApiProperty({ format: 'date' }) recordedOn!: string;
}

export class CaseSubjectResponse {
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ enum: SUBJECT_ROLES }) role!: string;
  @ApiProperty({ example: 'S-7Q2K' }) pseudonym!: string;
  @ApiProperty() erased!: boolean;
  @ApiProperty({ enum: actionsOn('subject'), isArray: true, description: ALLOWED }) allowedActions!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) name?: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) birthDate?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) nationality?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) notes?: string | null;
  @ApiPropertyOptional({ type: [ConsentResponse] }) consents?: ConsentResponse[];
}

export class CareTableMeetingResponse {
  @ApiProperty() meetingId!: string;
  @ApiProperty({ format: 'date' }) heldOn!: string;
  @ApiProperty({ type: [String], description: 'The organisations at the table (v1: partner kinds)' })
  participants!: string[];
  @ApiProperty() conclusions!: string;
  @ApiProperty({ nullable: true, type: Boolean }) victimInformed!: boolean | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The care-table session, if any' })
  sessionId!: string | null;
}

export class CaseActionPointResponse {
  @ApiProperty({ format: 'uuid' }) actionPointId!: string;
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) sessionId!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'An organisation id or a username' }) owner!: string;
  @ApiProperty({ enum: ['organisation', 'user'] }) ownerKind!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The organisation whose work it is' })
  ownerOrganisation!: string | null;
  @ApiProperty({ format: 'date', description: 'The date of the meeting that agreed it' }) agreedOn!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) completedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) completionNote!: string | null;
  @ApiProperty({ nullable: true, type: String }) completedBy!: string | null;
  @ApiProperty({ enum: actionsOn('actionPoint'), isArray: true, description: ALLOWED }) allowedActions!: string[];
}

export class ForwardFeedbackResponse {
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiProperty({ enum: FORWARD_FEEDBACKS }) feedback!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() recordedBy!: string;
}

export class ForwardingResponse {
  @ApiProperty({ enum: PARTNERS }) forwardedTo!: string;
  @ApiProperty({ format: 'date' }) forwardedOn!: string;
  @ApiProperty({ type: ForwardFeedbackResponse, nullable: true }) feedback!: ForwardFeedbackResponse | null;
}

export class MeasureResponse {
  @ApiProperty({ description: CATALOGUE_TYPE, example: 'labour_inspection' }) type!: string;
  @ApiProperty({ enum: INTERVENTION_LEVELS }) level!: string;
  @ApiProperty({ example: 'municipality:breda' }) leadOrganisation!: string;
}

export class VoteResponse {
  @ApiProperty() username!: string;
  @ApiProperty({ example: 'public_prosecutor' }) organisation!: string;
  @ApiProperty({ enum: STEERING_VOTES }) decision!: string;
  @ApiProperty({ format: 'date' }) decidedOn!: string;
  @ApiProperty({ nullable: true, type: String }) rationale!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) revisitOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) conditions!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) evaluateOn!: string | null;
}

export class EvaluationResponse {
  @ApiProperty({ format: 'date' }) evaluatedOn!: string;
  @ApiProperty() conclusion!: string;
  @ApiProperty() evaluatedBy!: string;
}

export class CaseProposalResponse {
  @ApiProperty({ format: 'uuid' }) proposalId!: string;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String, description: 'What the stuurploeg reads' }) steeringSummary!:
    string | null;
  @ApiProperty({ type: [MeasureResponse] }) measures!: MeasureResponse[];
  @ApiProperty({ type: [String], description: `The types of its measures (API v1). ${CATALOGUE_TYPE}` })
  proposedInterventions!: string[];
  @ApiProperty({ format: 'date', nullable: true, type: String }) submittedOn!: string | null;
  @ApiProperty({ type: [VoteResponse], description: 'The votes of the stuurploeg so far' }) votes!: VoteResponse[];
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'The revisit date of the latest deferral' })
  revisitOn!: string | null;
  @ApiProperty({ enum: PROPOSAL_DECISIONS, nullable: true, type: String }) decision!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) decidedOn!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Whose vote decided it' }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) conditions!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) evaluateOn!: string | null;
  @ApiProperty({ enum: actionsOn('proposal'), isArray: true, description: ALLOWED }) allowedActions!: string[];
  @ApiPropertyOptional({ description: 'The care narrative; not for the stuurploeg' }) summary?: string;
  @ApiPropertyOptional() draftedBy?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) submittedBy?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The rationale of a rejection' }) notes?:
    string | null;
  @ApiPropertyOptional({ type: EvaluationResponse, nullable: true }) evaluation?: EvaluationResponse | null;
}

export class InterventionEffectResponse {
  @ApiProperty({ enum: EFFECTS }) effect!: string;
  @ApiProperty({ format: 'date' }) observedOn!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
}

export class CaseInterventionResponse {
  @ApiProperty({ format: 'uuid' }) interventionId!: string;
  @ApiProperty({ description: CATALOGUE_TYPE, example: 'labour_inspection' }) type!: string;
  @ApiProperty({ enum: INTERVENTION_LEVELS }) level!: string;
  @ApiProperty({ example: 'labour_inspectorate', description: 'The organisation that leads it' })
  leadOrganisation!: string;
  @ApiProperty({ description: 'The kind of the lead organisation (API v1)', example: 'labour_inspectorate' })
  leadPartner!: string;
  @ApiProperty({ type: [String], description: 'Organisations taking part besides the lead.' }) participants!: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The approved proposal it carries out' })
  proposalId!: string | null;
  @ApiProperty({ format: 'date' }) plannedOn!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The brief for the organisations that carry it out' })
  description!: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) executedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) executionNotes!: string | null;
  @ApiProperty({ enum: ['planned', 'executed', 'cancelled'], description: 'Cancelled is never pending' })
  status!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) cancelledOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) cancellationReason!: string | null;
  @ApiProperty({ type: [InterventionEffectResponse] }) effects!: InterventionEffectResponse[];
  @ApiProperty({
    type: [String],
    description: 'Subjects whose personal data is disclosed to the organisations of this intervention',
  })
  disclosedSubjects!: string[];
  @ApiProperty({ enum: actionsOn('intervention'), isArray: true, description: ALLOWED }) allowedActions!: string[];
}

export class ReopeningResponse {
  @ApiProperty({ format: 'date' }) reopenedOn!: string;
  @ApiProperty({ enum: REOPEN_REASONS }) reason!: string;
}

export class MissedDeadlineResponse {
  @ApiProperty({ enum: DEADLINE_KINDS }) kind!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty() ref!: string;
}

export class ReclassificationResponse {
  @ApiProperty({ format: 'date' }) decidedOn!: string;
  @ApiProperty() rationale!: string;
}

export class CaseLinkResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: LINK_REASONS }) reason!: string;
  @ApiProperty() linkedBy!: string;
}

export class PossiblyKnownFromResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
}

export class CaseDetailResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'ZWB-2026-00042' }) reference!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty() district!: string;
  @ApiProperty() municipality!: string;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiPropertyOptional({
    enum: actionsOn('case'),
    isArray: true,
    description: `${ALLOWED} Empty for a case as it was (time travel).`,
  })
  allowedActions?: string[];
  @ApiPropertyOptional({ enum: EXPLOITATION_FORMS, isArray: true }) forms?: string[];
  @ApiPropertyOptional({ enum: VULNERABILITIES, isArray: true }) vulnerabilities?: string[];
  @ApiPropertyOptional({ enum: SECTORS, nullable: true, type: String }) sector?: string | null;
  @ApiPropertyOptional({ type: [ReclassificationResponse], description: 'Each correction of the classification' })
  reclassifications?: ReclassificationResponse[];
  @ApiPropertyOptional({ type: [CaseLinkResponse], description: 'Linked cases you may see, from either side' })
  links?: CaseLinkResponse[];
  @ApiPropertyOptional({
    type: [PossiblyKnownFromResponse],
    description: 'Earlier cases you may see with a subject of the same name: a hint, matched by a blind index',
  })
  possiblyKnownFrom?: PossiblyKnownFromResponse[];
  @ApiPropertyOptional({ type: SignalSourceResponse }) source?: SignalSourceResponse;
  @ApiPropertyOptional() summary?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) coordinator?: string | null;
  @ApiPropertyOptional({ enum: URGENCIES, nullable: true, type: String }) urgency?: string | null;
  @ApiPropertyOptional({ type: TriageResponse, nullable: true }) triage?: TriageResponse | null;
  @ApiPropertyOptional({
    type: ForwardingResponse,
    nullable: true,
    description: 'The current forwarding to a partner and its feedback',
  })
  forwarding?: ForwardingResponse | null;
  @ApiPropertyOptional({ type: [CaseSubjectResponse] }) subjects?: CaseSubjectResponse[];
  @ApiPropertyOptional({ type: [CareTableMeetingResponse] }) careTableMeetings?: CareTableMeetingResponse[];
  @ApiPropertyOptional({
    type: [CaseActionPointResponse],
    description: 'Action points of the care table: all for the coordinator, its own for a partner',
  })
  actionPoints?: CaseActionPointResponse[];
  @ApiPropertyOptional({ type: [CaseProposalResponse] }) proposals?: CaseProposalResponse[];
  @ApiPropertyOptional({ type: [CaseInterventionResponse] }) interventions?: CaseInterventionResponse[];
  @ApiPropertyOptional({ format: 'date', nullable: true, type: String }) closedOn?: string | null;
  @ApiPropertyOptional({ enum: CLOSE_OUTCOMES, nullable: true, type: String }) outcome?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) closeRationale?: string | null;
  @ApiPropertyOptional({ type: [ReopeningResponse] }) reopenings?: ReopeningResponse[];
  @ApiPropertyOptional({ type: [MissedDeadlineResponse] }) missedDeadlines?: MissedDeadlineResponse[];
}

export class EventActorResponse {
  @ApiProperty({ nullable: true, type: String }) username!: string | null;
  @ApiProperty({ nullable: true, type: String }) role!: string | null;
}

export class HistoryEventResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'The event type, e.g. SignalTriaged' }) type!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: EventActorResponse }) actor!: EventActorResponse;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The event data, personal fields as in the detail view',
  })
  data!: Record<string, unknown>;
  @ApiProperty() hash!: string;
  @ApiProperty() prevHash!: string;
}

export class CaseHistoryResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: [HistoryEventResponse] }) events!: HistoryEventResponse[];
}
