import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@baken/platform';
import { caseCommand } from '../shared/case-command';

export class RecordConsentRequest {
  @ApiProperty({ maxLength: 200, example: 'share_with_care_partners' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  scope!: string;
  @ApiProperty() @IsBoolean() given!: boolean;
  @ApiProperty({ format: 'date' }) @IsBusinessDate() recordedOn!: string;
}

export const recordConsent = caseCommand({
  type: 'RecordConsent',
  route: 'POST cases/:caseId/subjects/:subjectId/consents',
  summary: "Records a subject's consent (or its refusal) for a purpose.",
  body: RecordConsentRequest,
});
