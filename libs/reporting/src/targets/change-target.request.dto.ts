import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CreateTargetRequest } from './create-target.request.dto';

/** The whole new definition (it replaces the old one), without the id, and why it changes. */
export class ChangeTargetRequest extends OmitType(CreateTargetRequest, ['id'] as const) {
  @ApiPropertyOptional({ description: 'Why the target changes; kept in its history.', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @Matches(/\S/, { message: 'must not be blank' })
  reason?: string;
}
