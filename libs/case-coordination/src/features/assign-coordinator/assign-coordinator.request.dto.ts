import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class AssignCoordinatorRequest {
  @ApiProperty({ example: 'coordinator.de-baronie', description: 'Username of the care coordinator' })
  @IsString() @IsNotEmpty() @MaxLength(100) coordinator!: string;
}
