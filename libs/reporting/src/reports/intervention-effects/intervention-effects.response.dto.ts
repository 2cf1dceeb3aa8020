import { ApiProperty } from '@nestjs/swagger';
import { EFFECTS, INTERVENTION_LEVELS, INTERVENTION_TYPES } from '@baken/case-coordination';

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

export class InterventionEffectsResponse {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The one district reported; null when several.' })
  district!: string | null;
  @ApiProperty({ type: String, nullable: true }) form!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) asKnownAt!: string | null;
  @ApiProperty({
    type: [InterventionEffectsRowResponse],
    description: 'One row per intervention type executed in the period.',
  })
  rows!: InterventionEffectsRowResponse[];
}
