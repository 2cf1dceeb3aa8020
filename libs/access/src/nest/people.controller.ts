import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CONFIG, type AppConfig } from '@baken/platform';
import { ROLES, type Actor, type Role } from '../actor';
import { DEMO_USERS } from '../demo-users';
import { KnownUsers } from '../identity/known-users';

const PEOPLE_ROLES = ROLES.filter((r): r is Exclude<Role, 'system'> => r !== 'system');

export class PeopleQuery {
  @ApiPropertyOptional({ enum: PEOPLE_ROLES, description: 'Only people with this role' })
  @IsOptional()
  @IsIn(PEOPLE_ROLES, { message: `must be one of: ${PEOPLE_ROLES.join(', ')}` })
  role?: Exclude<Role, 'system'>;

  @ApiPropertyOptional({ description: 'Only people who work in this district', example: 'de-baronie' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'must be a district id such as de-baronie' })
  district?: string;
}

export class PersonResponse {
  @ApiProperty({ example: 'coordinator.de-baronie' }) username!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Anouk de Vries',
    description: "The person's name; null when the identity provider gave none (show the username then)",
  })
  displayName!: string | null;
  @ApiProperty({ enum: PEOPLE_ROLES }) role!: string;
  @ApiProperty({ nullable: true, type: String, example: 'care_coordinator' }) organisation!: string | null;
  @ApiProperty({ type: [String] }) districts!: string[];
}

export class PeopleResponse {
  @ApiProperty({ type: [PersonResponse] }) items!: PersonResponse[];
}

const personOf = (a: Actor): PersonResponse => ({
  username: a.username,
  displayName: a.displayName ?? null,
  role: a.role,
  organisation: a.organisation,
  districts: [...a.districts],
});

const sortName = (p: PersonResponse) => p.displayName ?? p.username;

/**
 * The people Baken knows, so that screens show names instead of usernames and a coordinator can be chosen from a
 * list: the demo users in demo mode, and everyone who signed in through the identity provider (as their latest token
 * described them). Baken keeps no user administration of its own, so someone who never signed in is not listed.
 */
@ApiTags('people')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('people')
export class PeopleController {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly knownUsers: KnownUsers,
  ) {}

  /** Every signed-in user may ask; sorted by name. Filters: `role`, and `district` (people who work in it). */
  @Get()
  @ApiOkResponse({ type: PeopleResponse })
  async people(@Query() query: PeopleQuery): Promise<PeopleResponse> {
    const byUsername = new Map<string, Actor>();
    for (const known of await this.knownUsers.all()) byUsername.set(known.username, known);
    // A demo user is who the demo says, whatever a token under the same name once claimed (as when assigning).
    if (this.config.demoMode) for (const demo of DEMO_USERS) byUsername.set(demo.username, demo);
    const items = [...byUsername.values()]
      .filter((a) => a.role !== 'system')
      .filter((a) => !query.role || a.role === query.role)
      .filter((a) => !query.district || a.districts.includes(query.district))
      .map(personOf)
      .sort((a, b) => sortName(a).localeCompare(sortName(b), 'nl') || a.username.localeCompare(b.username));
    return { items };
  }
}
