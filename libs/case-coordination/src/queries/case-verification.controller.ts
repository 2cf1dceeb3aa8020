import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiHeader,
  ApiProperty,
  ApiPropertyOptional,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AccessReason, CurrentActor, type Actor } from '@baken/access';
import { uuidParam } from '../features/shared/command-http';
import { CaseQueries } from './case-queries.service';

class SealReference {
  @ApiProperty({ example: 'seal-000042' }) sealId!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: '1234' }) globalPosition!: string;
  @ApiProperty() root!: string;
}

class ChainVerificationResponse {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'Events examined' }) checkedEvents!: number;
  @ApiPropertyOptional({
    nullable: true,
    description: 'The first version that was modified, removed, inserted or moved',
  })
  firstInvalidVersion!: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: SealReference,
    description: 'The seal the stream was checked against; null when it has not been sealed yet',
  })
  sealed!: SealReference | null;
  @ApiPropertyOptional({
    description: 'Why it is not valid: the chain itself, or the stream no longer matching the seal',
  })
  reason?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('audit/cases')
export class CaseVerificationController {
  constructor(private readonly queries: CaseQueries) {}

  /**
   * Recomputes the case's hash chain and checks it against the latest seal of the log (rewritten or truncated since).
   * Auditors only; written to the access log.
   */
  @Get(':caseId/verify')
  @ApiHeader({
    name: 'X-Access-Reason',
    required: false,
    description: 'Why you verify this case (kept in the access log)',
  })
  @ApiOkResponse({ type: ChainVerificationResponse })
  verify(
    @CurrentActor() actor: Actor,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @AccessReason() reason: string | null,
  ) {
    return this.queries.verify(actor, caseId, reason);
  }
}
