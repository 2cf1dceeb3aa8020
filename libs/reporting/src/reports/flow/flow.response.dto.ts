import { ApiProperty } from '@nestjs/swagger';
import { CLOSE_OUTCOMES, REOPEN_REASONS, TRIAGE_DECISIONS } from '@baken/case-coordination';
import { GROUP_BY } from '../../shared/breakdown';

const countsOf = (keys: readonly string[], what: string) => ({
  type: 'object' as const,
  additionalProperties: { type: 'integer' },
  description: `${what}; keys: ${keys.join(', ')} (every key present).`,
  example: Object.fromEntries(keys.map((k) => [k, 0])),
});

export class TriageDecisionsResponse {
  @ApiProperty() total!: number;
  @ApiProperty(countsOf(TRIAGE_DECISIONS, 'Triage decisions per decision')) byDecision!: Record<string, number>;
}

export class CareTableFlowResponse {
  @ApiProperty({ description: 'Triage decisions refer_to_care_table: cases referred to the care table.' })
  referrals!: number;
  @ApiProperty({ description: 'Care-table meetings held.' }) meetings!: number;
  @ApiProperty({ description: 'Distinct cases discussed at a care table.' }) casesDiscussed!: number;
}

export class ProposalsFlowResponse {
  @ApiProperty({ description: 'Proposals submitted to the steering group (by submittedOn).' }) submitted!: number;
  @ApiProperty({ description: 'Decided approved (by decidedOn).' }) approved!: number;
  @ApiProperty({ description: 'Decided rejected (by decidedOn).' }) rejected!: number;
  @ApiProperty({
    description: 'Deferrals by stuurploeg members (by decidedOn); one proposal may be deferred more than once.',
  })
  deferred!: number;
}

export class CasesClosedResponse {
  @ApiProperty({ description: 'Closures, including those at triage (forward, no_further_action).' }) total!: number;
  @ApiProperty(countsOf(CLOSE_OUTCOMES, 'Closures per outcome')) byOutcome!: Record<string, number>;
}

export class ReopeningsResponse {
  @ApiProperty() total!: number;
  @ApiProperty(countsOf(REOPEN_REASONS, 'Reopenings per reason; revictimization is repeat victimhood'))
  byReason!: Record<string, number>;
}

export class InterventionsFlowResponse {
  @ApiProperty({ description: 'Interventions planned (by plannedOn) in the period.' }) planned!: number;
  @ApiProperty({ description: 'Interventions executed (by executedOn) in the period.' }) executed!: number;
  @ApiProperty({ description: 'Interventions cancelled (by cancelledOn) in the period.' }) cancelled!: number;
  @ApiProperty({
    description:
      'Open on the day counted (openCases.asOf): planned for that day or earlier, and by then neither executed nor cancelled, nor left when its case was closed. A cancelled intervention is never open.',
  })
  open!: number;
}

export class RepeatVictimisationResponse {
  @ApiProperty({ description: 'reopenings + newCasesOfKnownVictims.' }) total!: number;
  @ApiProperty({ description: 'Reopenings for revictimization (by reopenedOn).' }) reopenings!: number;
  @ApiProperty({
    description:
      'New cases linked same_victim to a case that was closed when they were linked, counted once per new case by its receivedOn.',
  })
  newCasesOfKnownVictims!: number;
}

export class StageDurationResponse {
  @ApiProperty({ description: 'Pairs of stages whose second stage falls in the period.' }) count!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median of the days between the two business dates (interpolated, one decimal).',
  })
  medianDays!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '90th percentile of the days (interpolated, one decimal).',
  })
  p90Days!: number | null;
}

export class StageDurationsResponse {
  @ApiProperty({ type: StageDurationResponse, description: "receivedOn → the case's first triage decision." })
  receiptToTriage!: StageDurationResponse;
  @ApiProperty({
    type: StageDurationResponse,
    description: 'A referral to the care table → the first care-table meeting after it.',
  })
  triageToCareTable!: StageDurationResponse;
  @ApiProperty({ type: StageDurationResponse, description: 'submittedOn → decidedOn of a proposal.' })
  submissionToDecision!: StageDurationResponse;
  @ApiProperty({
    type: StageDurationResponse,
    description: 'The assent lead time: submittedOn → the approval of a proposal.',
  })
  submissionToApproval!: StageDurationResponse;
  @ApiProperty({
    type: StageDurationResponse,
    description: "executedOn → the intervention's earliest observed effect.",
  })
  executionToFirstEffect!: StageDurationResponse;
}

export class AgeBandResponse {
  @ApiProperty({ example: '31-90' }) band!: string;
  @ApiProperty() minDays!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no upper bound.' }) maxDays!: number | null;
  @ApiProperty() count!: number;
}

export class OpenCasesResponse {
  @ApiProperty({
    format: 'date',
    description: 'The day counted: the end of the period, or today when that is earlier.',
  })
  asOf!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [AgeBandResponse], description: 'Open cases by days since the signal was received.' })
  byAge!: AgeBandResponse[];
}

/** The figures of the flow; the response has them for the whole selection, and each group of a breakdown again. */
export class FlowFiguresResponse {
  @ApiProperty({ description: 'Signals received (by receivedOn).' }) signalsReceived!: number;
  @ApiProperty({ type: TriageDecisionsResponse }) triageDecisions!: TriageDecisionsResponse;
  @ApiProperty({ type: CareTableFlowResponse }) careTable!: CareTableFlowResponse;
  @ApiProperty({ type: ProposalsFlowResponse }) proposals!: ProposalsFlowResponse;
  @ApiProperty({ description: 'Interventions executed (by executedOn).' }) interventionsExecuted!: number;
  @ApiProperty({ type: InterventionsFlowResponse }) interventions!: InterventionsFlowResponse;
  @ApiProperty({ type: CasesClosedResponse }) casesClosed!: CasesClosedResponse;
  @ApiProperty({ type: ReopeningsResponse }) reopenings!: ReopeningsResponse;
  @ApiProperty({ type: RepeatVictimisationResponse }) repeatVictimisation!: RepeatVictimisationResponse;
  @ApiProperty({ type: StageDurationsResponse }) stageDurations!: StageDurationsResponse;
  @ApiProperty({ type: OpenCasesResponse }) openCases!: OpenCasesResponse;
}

export class FlowGroupResponse extends FlowFiguresResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The value of the group (a district, municipality or organisation id, a vulnerability, …); null: not recorded.',
    example: 'minor',
  })
  group!: string | null;
}

export class FlowResponse extends FlowFiguresResponse {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'The business date the figures stand on: events count up to the earlier of to and asOf; open cases and interventions are counted on that day.',
  })
  asOf!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The one district reported; null when several.' })
  district!: string | null;
  @ApiProperty({ type: [String], description: 'The districts the figures cover.' }) districts!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) asKnownAt!: string | null;
  @ApiProperty({ enum: GROUP_BY, nullable: true, description: 'The breakdown asked for; null: none.' })
  groupBy!: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description:
      'true: every fact counts in exactly one group, so the counts of the groups sum to the totals; false: a case with several forms or vulnerabilities, or with interventions of several lead organisations, counts in each of their groups. null without a breakdown.',
  })
  groupsExclusive!: boolean | null;
  @ApiProperty({ type: [FlowGroupResponse], description: 'With groupBy: the same figures per group; empty without.' })
  groups!: FlowGroupResponse[];
}
