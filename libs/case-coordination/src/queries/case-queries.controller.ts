import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '@baken/access';
import { ValidationProblem } from '@baken/platform';
import { uuidParam } from '../features/shared/command-http';
import { CaseDetailQuery, ListCasesQuery } from './case-queries.request.dto';
import { CaseQueries } from './case-queries.service';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseQueriesController {
  constructor(private readonly queries: CaseQueries) {}

  /** Cases in the actor's scope, newest first. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListCasesQuery) {
    return this.queries.list(actor, query);
  }

  /** One case; `?version=N` or `?asOf=<instant>` travel back in time. */
  @Get(':caseId')
  async detail(@CurrentActor() actor: Actor, @Param('caseId', uuidParam('caseId')) caseId: string, @Query() query: CaseDetailQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    if (query.version !== undefined && query.asOf !== undefined) throw new ValidationProblem([{ field: 'asOf', message: 'use either version or asOf, not both' }]);
    const at = query.version !== undefined ? { version: query.version } : query.asOf !== undefined ? { asOf: new Date(query.asOf) } : null;
    const result = await this.queries.detail(actor, caseId, at);
    reply.header('ETag', `"${result.version}"`);
    return result;
  }

  /** Every event of the case with its hash chain; personal fields masked as in the detail view. */
  @Get(':caseId/history')
  history(@CurrentActor() actor: Actor, @Param('caseId', uuidParam('caseId')) caseId: string) {
    return this.queries.history(actor, caseId);
  }
}
