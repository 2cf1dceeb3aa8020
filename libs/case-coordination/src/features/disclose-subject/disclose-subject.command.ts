import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { caseCommand } from '../shared/case-command';

export class DiscloseSubjectRequest {
  @ApiProperty({ format: 'uuid', description: 'The subject whose name the organisations of the intervention may see' })
  @IsUUID('all', { message: 'must be a UUID' })
  subjectId!: string;
  @ApiProperty({ maxLength: 4000, description: 'Why they need it (kept, and shown in the audit trail)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  reason!: string;
}

/** A logged disclosure: the organisations leading or taking part in the intervention see the subject's name. */
export const discloseSubject = caseCommand({
  type: 'DiscloseSubject',
  route: 'POST cases/:caseId/interventions/:interventionId/disclosures',
  summary: "Discloses a subject's personal data to the organisations of one intervention, with a reason. Revocable.",
  body: DiscloseSubjectRequest,
});
