import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '@baken/access';
import { EFFECTS } from '@baken/case-coordination';
import type { Database } from '@baken/event-store';
import * as nl from '@baken/labels';
import { DATABASE, CSV_CONTENT_TYPE, sendReport, XLSX_CONTENT_TYPE, type ReportTable } from '@baken/platform';
import { ReportAccess } from '../../shared/report-access';
import { resolvePeriod } from '../../shared/report-period';
import { interventionEffectsReport, type InterventionEffectsResult } from './intervention-effects.report';
import { InterventionEffectsQuery } from './intervention-effects.request.dto';
import { InterventionEffectsResponse } from './intervention-effects.response.dto';

export function interventionEffectsTable(result: InterventionEffectsResult): ReportTable {
  return {
    sheet: 'Interventie-effecten',
    columns: [
      { key: 'type', header: 'Interventietype', width: 30 },
      { key: 'level', header: 'Niveau', width: 18 },
      { key: 'executed', header: 'Uitgevoerd' },
      { key: 'withEffect', header: 'Met effect' },
      ...EFFECTS.map((e) => ({ key: e, header: `Laatste effect: ${nl.EFFECT[e]}` })),
    ],
    rows: result.rows.map((r) => ({
      type: nl.label(nl.INTERVENTION_TYPE, r.interventionType),
      level: nl.label(nl.INTERVENTION_LEVEL, r.level),
      executed: r.executed,
      withEffect: r.withEffect,
      ...r.effects,
    })),
  };
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class InterventionEffectsController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly access: ReportAccess,
  ) {}

  /**
   * Interventions executed in the period per type and level: how many, how many with an effect, and the distribution
   * of each one's latest effect. Filters: district, exploitation form.
   */
  @Get('intervention-effects')
  @ApiOkResponse({ type: InterventionEffectsResponse })
  @ApiProduces('application/json', CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE)
  async interventionEffects(
    @CurrentActor() actor: Actor,
    @Query() query: InterventionEffectsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const districts = await this.access.districtsFor(actor, query.district);
    const { from, to } = resolvePeriod(query, this.access.today());
    const result = await interventionEffectsReport(this.db, {
      from,
      to,
      districts,
      form: query.form ?? null,
      asKnownAt: query.asKnownAt ? new Date(query.asKnownAt) : null,
    });
    return sendReport(
      reply,
      query.format ?? 'json',
      result,
      interventionEffectsTable,
      `interventie-effecten-${from}-${to}`,
    );
  }
}
