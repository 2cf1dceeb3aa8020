import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@baken/access';
import { ReferenceData } from '@baken/case-coordination';
import { CLOCK, businessDateOf, forbidden, notFound, ValidationProblem, type Clock } from '@baken/platform';
import { reportNames, type ReportNames } from './report-names';
import { reportScope } from './report-scope';

/** Resolves who asks for which districts, and what "today" is, for every report. */
@Injectable()
export class ReportAccess {
  constructor(
    private readonly reference: ReferenceData,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The districts the actor may see, narrowed to `requested`; 400 for an unknown district, 403/404 per {@link reportScope}. */
  async districtsFor(actor: Actor, requested: string | undefined): Promise<string[]> {
    if (reportScope(actor, undefined, []).kind === 'deny')
      throw forbidden(`Your role (${actor.role}) may not read reports.`);
    const known = await this.reference.districtIds();
    if (requested !== undefined && !known.includes(requested)) {
      throw new ValidationProblem([{ field: 'district', message: 'is not a known district' }]);
    }
    const scope = reportScope(actor, requested, known);
    if (scope.kind === 'deny') throw forbidden(`Your role (${actor.role}) may not read reports.`);
    if (scope.kind === 'not_found') throw notFound('That district');
    return scope.districts;
  }

  today(): string {
    return businessDateOf(this.clock.now());
  }

  now(): Date {
    return this.clock.now();
  }

  /** The names of districts, municipalities and organisations, for exports. */
  async names(): Promise<ReportNames> {
    const [districts, organisations] = await Promise.all([this.reference.districts(), this.reference.organisations()]);
    return reportNames({ districts, organisations });
  }
}
