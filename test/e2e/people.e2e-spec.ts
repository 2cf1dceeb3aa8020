import { queryDatabase } from './support/database';
import { expectProblem } from './support/problems';
import { useTestApp } from './support/test-app';

interface Person {
  username: string;
  displayName: string | null;
  role: string;
  organisation: string | null;
  districts: string[];
}

/** `GET /api/people`: the names behind the usernames, and the coordinators a case can be assigned to. */
describe('the people Baken knows', () => {
  const app = useTestApp();

  const people = async (query = '', username = 'partner.opvang') => {
    const res = await (await app().as(username)).get(`/api/people${query}`);
    expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: expect.any(String) });
    return res.body.items as Person[];
  };

  it('lists the demo users with their names, roles, organisations and districts, sorted by name', async () => {
    const items = await people();
    expect(items.find((p) => p.username === 'coordinator.de-baronie')).toEqual({
      username: 'coordinator.de-baronie',
      displayName: 'Anouk de Vries',
      role: 'coordinator',
      organisation: 'care_coordinator',
      districts: ['de-baronie'],
    });
    expect(items.length).toBeGreaterThan(30);
    expect(items.every((p) => typeof p.displayName === 'string' && p.displayName.length > 0)).toBe(true);
    const names = items.map((p) => p.displayName!);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'nl')));
    expect(items.some((p) => p.role === 'system')).toBe(false);
  });

  it("gives a district's coordinators: the choice when assigning a case there", async () => {
    expect(await people('?role=coordinator&district=de-baronie')).toEqual([
      {
        username: 'coordinator.de-baronie',
        displayName: 'Anouk de Vries',
        role: 'coordinator',
        organisation: 'care_coordinator',
        districts: ['de-baronie'],
      },
    ]);
    expect((await people('?role=coordinator')).map((p) => p.username).sort()).toEqual([
      'coordinator.de-baronie',
      'coordinator.de-markiezaten',
      'coordinator.hart-van-brabant',
      'coordinator.zeeland',
    ]);
    expect(await people('?role=auditor&district=de-baronie')).toEqual([]);
    expect(await people('?district=nergens')).toEqual([]);
  });

  it('includes whoever signed in through the identity provider, as their latest token described them', async () => {
    const actor = {
      username: 'k.bos@baronie.example',
      role: 'coordinator',
      districts: ['de-baronie'],
      municipality: null,
      organisation: 'care_coordinator',
      displayName: 'Karin Bos',
    };
    const nameless = { ...actor, username: 'x.zonder.naam@baronie.example', displayName: undefined };
    for (const a of [actor, nameless])
      await queryDatabase(
        app().database.url,
        'INSERT INTO access_known_users (username, actor, last_seen_at) VALUES ($1, $2, now())',
        [a.username, JSON.stringify(a)],
      );
    const coordinators = await people('?role=coordinator&district=de-baronie', 'analyst');
    expect(coordinators.map((p) => [p.username, p.displayName])).toEqual([
      ['coordinator.de-baronie', 'Anouk de Vries'],
      ['k.bos@baronie.example', 'Karin Bos'],
      ['x.zonder.naam@baronie.example', null],
    ]);
  });

  it('answers 400 to a role or district it does not know, and 401 without a sign-in', async () => {
    const client = await app().as('coordinator.de-baronie');
    expectProblem(await client.get('/api/people?role=superuser'), 400, 'role');
    expectProblem(await client.get('/api/people?role=system'), 400, 'role');
    expectProblem(await client.get('/api/people?district=%3Cscript%3E'), 400, 'district');
    expectProblem(await client.get('/api/people?name=x'), 400);
    expectProblem(await app().request('GET', '/api/people'), 401);
  });

  it('tells the signed-in user their own name with the session', async () => {
    const res = await app().request('POST', '/api/auth/demo-login', { body: { username: 'steering.de-baronie.nla' } });
    expect(res.body.user).toMatchObject({ username: 'steering.de-baronie.nla', displayName: 'Dennis Aarts' });
  });
});
