import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, type Actor } from '@baken/access';
import { EFFECTS } from '@baken/case-coordination';
import type { Database } from '@baken/event-store';
import * as nl from '@baken/labels';
import {
  READ_DATABASE,
  CSV_CONTENT_TYPE,
  sendReport,
  XLSX_CONTENT_TYPE,
  type Cell,
  type ReportTable,
} from '@baken/platform';
import { ReportAccess } from '../../shared/report-access';
import { groupFileName, groupHeading, groupName, readingNotes, type ReportNames } from '../../shared/report-names';
import { resolvePeriod } from '../../shared/report-period';
import {
  interventionEffectsReport,
  type InterventionEffectsResult,
  type InterventionEffectsRow,
} from './intervention-effects.report';
import { InterventionEffectsQuery } from './intervention-effects.request.dto';
import { InterventionEffectsResponse } from './intervention-effects.response.dto';

const TOTAL = 'Totaal';

/**
 * The effects as one table: a row per intervention type, and with a breakdown a row per group and type, the group in
 * the first column, followed by the totals.
 */
export function interventionEffectsTable(
  result: InterventionEffectsResult,
  names: ReportNames,
  generatedAt: Date,
): ReportTable {
  const { groupBy } = result;
  const rowOf = (r: InterventionEffectsRow, group?: string): Record<string, Cell> => ({
    ...(group !== undefined && { group }),
    type: nl.label(nl.INTERVENTION_TYPE, r.interventionType),
    level: nl.label(nl.INTERVENTION_LEVEL, r.level),
    executed: r.executed,
    withEffect: r.withEffect,
    ...r.effects,
  });
  return {
    sheet: 'Interventie-effecten',
    columns: [
      ...(groupBy ? [{ key: 'group', header: groupHeading(groupBy, result.groupsExclusive ?? true), width: 30 }] : []),
      { key: 'type', header: 'Interventietype', width: 30 },
      { key: 'level', header: 'Niveau', width: 18 },
      { key: 'executed', header: 'Uitgevoerd', type: 'number' as const },
      { key: 'withEffect', header: 'Met effect', type: 'number' as const },
      ...EFFECTS.map((e) => ({ key: e, header: `Laatste effect: ${nl.EFFECT[e]}`, type: 'number' as const })),
    ],
    rows: groupBy
      ? [
          ...result.groups.flatMap((g) => g.rows.map((r) => rowOf(r, groupName(groupBy, g.group, names)))),
          ...result.rows.map((r) => rowOf(r, TOTAL)),
        ]
      : result.rows.map((r) => rowOf(r)),
    notes: readingNotes({ ...result, generatedAt }),
  };
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class InterventionEffectsController {
  constructor(
    @Inject(READ_DATABASE) private readonly db: Database,
    private readonly access: ReportAccess,
  ) {}

  /**
   * Interventions executed in the period per type and level: how many, how many with an effect, and the distribution
   * of each one's latest effect. Filters: district, exploitation form (as known at asKnownAt). `groupBy` adds the same
   * rows per district, municipality, vulnerability, source, form, sector or lead organisation.
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
    const today = this.access.today();
    const { from, to } = resolvePeriod(query, today);
    const result = await interventionEffectsReport(this.db, {
      from,
      to,
      districts,
      form: query.form ?? null,
      asKnownAt: query.asKnownAt ? new Date(query.asKnownAt) : null,
      asOf: query.asOf ?? today,
      groupBy: query.groupBy ?? null,
    });
    const names = query.format && query.format !== 'json' ? await this.access.names() : null;
    return sendReport(
      reply,
      query.format ?? 'json',
      result,
      (r) => interventionEffectsTable(r, names!, this.access.now()),
      `interventie-effecten-${from}-${to}${groupFileName(query.groupBy)}`,
    );
  }
}
