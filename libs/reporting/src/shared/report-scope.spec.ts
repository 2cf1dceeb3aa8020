import { DEMO_USERS, type Actor } from '@baken/access';
import { reportScope } from './report-scope';

const DISTRICTS = ['de-baronie', 'de-markiezaten', 'hart-van-brabant', 'zeeland'];
const user = (username: string): Actor => {
  const found = DEMO_USERS.find((u) => u.username === username);
  if (!found) throw new Error(`no demo user ${username}`);
  return found;
};

describe('who may read which reports', () => {
  it.each(['analyst', 'auditor', 'programme.lead'])(
    '%s reads the whole region, or one district on request',
    (username) => {
      expect(reportScope(user(username), undefined, DISTRICTS)).toEqual({ kind: 'allow', districts: DISTRICTS });
      expect(reportScope(user(username), 'zeeland', DISTRICTS)).toEqual({ kind: 'allow', districts: ['zeeland'] });
    },
  );

  it.each(['steering.de-baronie', 'steering2.de-baronie', 'coordinator.de-baronie'])(
    '%s reads its own district only',
    (username) => {
      expect(reportScope(user(username), undefined, DISTRICTS)).toEqual({ kind: 'allow', districts: ['de-baronie'] });
      expect(reportScope(user(username), 'de-baronie', DISTRICTS)).toEqual({
        kind: 'allow',
        districts: ['de-baronie'],
      });
    },
  );

  it('answers not_found (404) when a district member asks for another district', () => {
    expect(reportScope(user('steering.zeeland'), 'de-baronie', DISTRICTS)).toEqual({ kind: 'not_found' });
    expect(reportScope(user('coordinator.hart-van-brabant'), 'zeeland', DISTRICTS)).toEqual({ kind: 'not_found' });
  });

  it('gives a member of several districts all of them', () => {
    const both: Actor = { ...user('coordinator.zeeland'), districts: ['zeeland', 'de-baronie'] };
    expect(reportScope(both, undefined, DISTRICTS)).toEqual({ kind: 'allow', districts: ['de-baronie', 'zeeland'] });
  });

  it.each(['admin', 'liaison.breda', 'partner.police-avim', 'partner.labour-inspectorate'])(
    'denies %s (403)',
    (username) => {
      expect(reportScope(user(username), undefined, DISTRICTS)).toEqual({ kind: 'deny' });
      expect(reportScope(user(username), 'de-baronie', DISTRICTS)).toEqual({ kind: 'deny' });
    },
  );

  it('denies the system actor', () => {
    expect(
      reportScope(
        { username: 'system', role: 'system', districts: [], municipality: null, organisation: null },
        undefined,
        DISTRICTS,
      ),
    ).toEqual({ kind: 'deny' });
  });
});
