import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { caseCommand } from '../shared/case-command';

export class AssignCoordinatorRequest {
  @ApiProperty({ example: 'coordinator.de-baronie', description: 'Username of the care coordinator' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  coordinator!: string;
}

export const assignCoordinator = caseCommand({
  type: 'AssignCoordinator',
  route: 'POST cases/:caseId/assign',
  summary: 'Assigns the care coordinator who triages the signal; again while in triage to reassign.',
  body: AssignCoordinatorRequest,
  fields: async ({ body }, _, { users }) => ({
    coordinator: body.coordinator,
    coordinatorDistricts: await users.coordinatorDistricts(body.coordinator),
  }),
});
