import { ApiProperty } from '@nestjs/swagger';
import { EFFECTS, INTERVENTION_LEVELS, INTERVENTION_TYPES } from '@baken/case-coordination';
import { GROUP_BY } from '../../shared/breakdown';

export class InterventionEffectsRowResponse {
  @ApiProperty({ enum: INTERVENTION_TYPES }) interventionType!: string;
  @ApiProperty({ enum: INTERVENTION_LEVELS }) level!: string;
  @ApiProperty({ description: 'Interventions of this type executed in the period (by executedOn).' }) executed!: number;
  @ApiProperty({ description: 'Of those, the interventions with at least one recorded effect.' }) withEffect!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: `Each intervention's latest effect (latest observedOn; of two on one day the one recorded last), counted per effect. Keys: ${EFFECTS.join(', ')}; every key present.`,
    example: Object.fromEntries(EFFECTS.map((e, i) => [e, i === 0 ? 2 : 0])),
  })
  effects!: Record<string, number>;
}

export class InterventionEffectsGroupResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The value of the group (a district, municipality or organisation id, a vulnerability, …); null: not recorded.',
    example: 'minor',
  })
  group!: string | null;
  @ApiProperty({ type: [InterventionEffectsRowResponse] }) rows!: InterventionEffectsRowResponse[];
}

export class InterventionEffectsResponse {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'The business date the figures stand on: executions up to the earlier of to and asOf, effects observed by then.',
  })
  asOf!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The one district reported; null when several.' })
  district!: string | null;
  @ApiProperty({ type: String, nullable: true }) form!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) asKnownAt!: string | null;
  @ApiProperty({
    type: [InterventionEffectsRowResponse],
    description: 'One row per intervention type executed in the period: the totals.',
  })
  rows!: InterventionEffectsRowResponse[];
  @ApiProperty({ enum: GROUP_BY, nullable: true, description: 'The breakdown asked for; null: none.' })
  groupBy!: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description:
      'true: every intervention counts in exactly one group, so the groups sum to the totals; false: a case with several forms or vulnerabilities counts in each of their groups. null without a breakdown.',
  })
  groupsExclusive!: boolean | null;
  @ApiProperty({
    type: [InterventionEffectsGroupResponse],
    description: 'With groupBy: the same rows per group; empty without.',
  })
  groups!: InterventionEffectsGroupResponse[];
}
