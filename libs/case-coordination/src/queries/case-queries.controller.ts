import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessReason, CurrentActor, type Actor } from '@baken/access';
import { ValidationProblem } from '@baken/platform';
import { uuidParam } from '../features/shared/command-http';
import { CaseDetailQuery, ListCasesQuery } from './case-queries.request.dto';
import { CaseQueries } from './case-queries.service';
import { CaseDetailResponse, CaseHistoryResponse, CaseListResponse } from './case.response.dto';

const ACCESS_REASON = {
  name: 'X-Access-Reason',
  required: false,
  description: 'Why you read this case; kept in the access log (percent-encode non-ASCII text)',
};

@ApiTags('cases')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('cases')
export class CaseQueriesController {
  constructor(private readonly queries: CaseQueries) {}

  /** Cases in the actor's scope, newest first. */
  @Get()
  @ApiOkResponse({ type: CaseListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListCasesQuery) {
    return this.queries.list(actor, query);
  }

  /** One case; `?version=N` or `?asOf=<instant>` travel back in time. Every read is written to the access log. */
  @Get(':caseId')
  @ApiHeader(ACCESS_REASON)
  @ApiOkResponse({ type: CaseDetailResponse })
  async detail(
    @CurrentActor() actor: Actor,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @Query() query: CaseDetailQuery,
    @AccessReason() reason: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (query.version !== undefined && query.asOf !== undefined)
      throw new ValidationProblem([{ field: 'asOf', message: 'use either version or asOf, not both' }]);
    const at =
      query.version !== undefined
        ? { version: query.version }
        : query.asOf !== undefined
          ? { asOf: new Date(query.asOf) }
          : null;
    const result = await this.queries.detail(actor, caseId, at, reason);
    reply.header('ETag', `"${result.version}"`);
    return result;
  }

  /** Every event of the case with its hash chain; personal fields masked as in the detail view. Logged. */
  @Get(':caseId/history')
  @ApiHeader(ACCESS_REASON)
  @ApiOkResponse({ type: CaseHistoryResponse })
  history(
    @CurrentActor() actor: Actor,
    @Param('caseId', uuidParam('caseId')) caseId: string,
    @AccessReason() reason: string | null,
  ) {
    return this.queries.history(actor, caseId, reason);
  }
}
