import { Controller, Get, Param, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessReason, CurrentActor, type Actor } from '@baken/access';
import { PDF_CONTENT_TYPE } from '@baken/platform';
import { uuidParam } from '../features/shared/command-http';
import { CaseAudit } from './case-audit.service';

class SubjectAccessItemResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() username!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ nullable: true, type: String }) organisation!: string | null;
  @ApiProperty({ description: 'What was read, e.g. read_case, read_history, time_travel' }) action!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String }) detail!: string | null;
  @ApiProperty({ description: "Whether the read showed this person's personal data (name, birth date…)" })
  personalData!: boolean;
}

class SubjectAccessResponse {
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ example: 'S-7Q2K' }) pseudonym!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'ZWB-2026-00001' }) reference!: string;
  @ApiProperty({ type: [SubjectAccessItemResponse] }) items!: SubjectAccessItemResponse[];
}

const REASON_HEADER = {
  name: 'X-Access-Reason',
  required: false,
  description: 'Why you read this (kept in the access log)',
} as const;

/** An auditor's questions about one person or one case. Auditors only; each is written to the access log. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('audit')
export class CaseAuditController {
  constructor(private readonly audit: CaseAudit) {}

  /** Who saw this person's data: every read of the person's case, and whether it showed the personal data. */
  @Get('subjects/:subjectId/access')
  @ApiHeader(REASON_HEADER)
  @ApiOkResponse({ type: SubjectAccessResponse })
  subjectAccess(
    @CurrentActor() actor: Actor,
    @Param('subjectId', uuidParam('subjectId')) subjectId: string,
    @AccessReason() reason: string | null,
  ) {
    return this.audit.subjectAccess(actor, subjectId, reason);
  }

  /** The case's dossier as a PDF: its history as an auditor sees it, the verification of its chain, its access log. */
  @Get('cases/:caseId/dossier')
  @ApiHeader(REASON_HEADER)
  @ApiProduces(PDF_CONTENT_TYPE)
  @ApiOkResponse({ description: 'The dossier (application/pdf)' })
  async dossier(
    @CurrentActor() actor: Actor,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @AccessReason() reason: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { pdf, fileName } = await this.audit.dossier(actor, caseId, reason);
    reply.header('Content-Type', PDF_CONTENT_TYPE);
    reply.header('Content-Disposition', `attachment; filename="${fileName}"`);
    return pdf;
  }
}
