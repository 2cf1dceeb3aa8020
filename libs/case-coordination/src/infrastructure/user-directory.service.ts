import { Injectable } from '@nestjs/common';
import { DEMO_USERS, type Actor } from '@baken/access';

/** Who is who: the districts a coordinator serves. Demo users for now; an identity provider's directory later. */
@Injectable()
export class UserDirectory {
  private readonly users: readonly Actor[] = DEMO_USERS;

  coordinatorDistricts(username: string): string[] {
    const user = this.users.find((u) => u.username === username);
    return user?.role === 'coordinator' ? user.districts : [];
  }
}
