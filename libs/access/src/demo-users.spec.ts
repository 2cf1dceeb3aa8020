import { DEMO_USERS, findDemoUser } from './demo-users';

describe('the demo users', () => {
  it('each have a name of their own, so that no screen has to show a demo username', () => {
    const names = DEMO_USERS.map((u) => u.displayName);
    expect(DEMO_USERS.filter((u) => !u.displayName?.trim()).map((u) => u.username)).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('are found by username, with their name', () => {
    expect(findDemoUser('coordinator.de-baronie')).toMatchObject({
      role: 'coordinator',
      displayName: 'Anouk de Vries',
    });
  });
});
