import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { CLOCK, CONFIG, ProblemError, type AppConfig, type Clock } from '@baken/platform';
import { findDemoUser } from '../demo-users';
import { DemoTokenService } from '../token.service';
import { Public } from './auth.guard';

export class DemoLoginRequest {
  @ApiProperty({ example: 'coordinator.de-baronie' })
  @IsString()
  @MaxLength(100)
  username!: string;
}

@ApiTags('auth')
@Controller('auth')
export class DemoLoginController {
  constructor(
    private readonly tokens: DemoTokenService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Signs in as a demo user. Only in demo mode. */
  @Public()
  @Post('demo-login')
  @HttpCode(200)
  async login(@Body() body: DemoLoginRequest) {
    if (!this.config.demoMode) throw new ProblemError(404, 'Not found', 'Demo login is switched off on this installation.');
    const user = findDemoUser(body.username);
    if (!user) throw new ProblemError(401, 'Unauthorized', `"${body.username}" is not a demo user. Try coordinator.de-baronie.`, '/problems/unauthorized');
    const accessToken = await this.tokens.issue(user, this.clock.now());
    return { accessToken, user: { username: user.username, role: user.role, districts: user.districts, municipality: user.municipality, organisation: user.organisation } };
  }
}
