import { randomUUID } from 'node:crypto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { forbidden, IsBusinessDate } from '@baken/platform';
import { STEERING_VOTES, type SteeringVote } from '../../domain';
import { caseCommand } from '../shared/case-command';

export class DecideProposalRequest {
  @ApiProperty({ format: 'date' }) @IsBusinessDate() decidedOn!: string;
  @ApiProperty({ enum: STEERING_VOTES, description: "The member's vote: approved is an assent" })
  @IsIn(STEERING_VOTES)
  decision!: SteeringVote;
  @ApiPropertyOptional({ maxLength: 4000, description: 'Required to reject or defer' })
  @ValidateIf((o: DecideProposalRequest) => o.decision !== 'approved' && o.notes === undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  rationale?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Required to defer: when the stuurploeg looks at it again' })
  @ValidateIf((o: DecideProposalRequest) => o.decision === 'deferred')
  @IsBusinessDate()
  revisitOn?: string;
  @ApiPropertyOptional({ maxLength: 4000, description: 'Conditions of an assent' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  conditions?: string;
  @ApiPropertyOptional({ format: 'date', description: 'With an assent: when the approach is to be evaluated' })
  @IsOptional()
  @IsBusinessDate()
  evaluateOn?: string;
  @ApiPropertyOptional({ maxLength: 4000, description: 'API v1: the rationale' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}

export const decideProposal = caseCommand({
  type: 'DecideProposal',
  route: 'POST cases/:caseId/proposals/:proposalId/decision',
  summary:
    "Records one stuurploeg member's vote; the proposal is decided by the rule of all votes (answer: proposalStatus, and on approval the planned interventionIds).",
  body: DecideProposalRequest,
  async fields({ body: { notes, rationale, ...body }, params, meta }, { state }, { reference }) {
    const organisation = meta.actor.organisation;
    if (!organisation) throw forbidden('Your sign-in names no organisation; a vote in the stuurploeg counts for one.');
    // A vote counts for its organisation: one the reference data does not know (a misconfigured claim) counts for none.
    if (!(await reference.organisationExists(organisation)))
      throw forbidden(
        `Your sign-in names the organisation "${organisation}", which Baken does not know; ask an administrator to add it or to correct the claim.`,
      );
    const proposal = state?.proposals.find((p) => p.proposalId === params.proposalId);
    const reason = rationale ?? notes;
    return {
      ...body,
      proposalId: params.proposalId,
      ...(reason !== undefined && { rationale: reason }),
      organisation,
      districtMunicipalities: (state && (await reference.municipalitiesOf(state.district))) ?? [],
      interventionIds: (proposal?.measures ?? []).map(() => randomUUID()),
    };
  },
  answer: (state, { params }) => {
    const status = state.proposals.find((p) => p.proposalId === params.proposalId)?.status;
    const planned = state.interventions.filter((i) => i.proposalId === params.proposalId);
    return {
      proposalStatus: status,
      ...(status === 'approved' && { interventionIds: planned.map((i) => i.interventionId) }),
    };
  },
});
