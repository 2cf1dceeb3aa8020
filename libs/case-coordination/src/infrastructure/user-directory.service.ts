import { Inject, Injectable } from '@nestjs/common';
import { findDemoUser, KnownUsers, type Actor } from '@baken/access';
import { CONFIG, type AppConfig } from '@baken/platform';

/**
 * Who is who: the districts a coordinator serves. The demo users in demo mode; otherwise the people who signed in
 * through the identity provider, as their latest token described them.
 */
@Injectable()
export class UserDirectory {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly knownUsers: KnownUsers,
  ) {}

  async coordinatorDistricts(username: string): Promise<string[]> {
    const user = await this.find(username);
    return user?.role === 'coordinator' ? user.districts : [];
  }

  /** The person with this username, as far as Baken knows them; `null` for nobody known. */
  async find(username: string): Promise<Actor | null> {
    return (this.config.demoMode ? findDemoUser(username) : undefined) ?? (await this.knownUsers.find(username));
  }
}
