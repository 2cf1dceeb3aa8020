import { connectionUser, InvalidConnectionUrl, isConnectionLoss, parseConnectionUrl, withCredentials } from './hosts';

describe('connection URLs with several hosts', () => {
  it('reads each host and port, the target_session_attrs, and gives pg a single-host URL per host', () => {
    const url = parseConnectionUrl(
      'postgres://baken:s%40cret@db1:5433,db2,[::1]:6000/baken?sslmode=disable&target_session_attrs=read-write',
    );
    expect(url.hosts).toEqual([
      { host: 'db1', port: 5433 },
      { host: 'db2', port: 5432 },
      { host: '::1', port: 6000 },
    ]);
    expect(url.targetSessionAttrs).toBe('read-write');
    expect(url.selectsHost).toBe(true);
    expect(url.urlFor(url.hosts[1])).toBe('postgres://baken:s%40cret@db2:5432/baken?sslmode=disable');
    expect(url.urlFor(url.hosts[2])).toBe('postgres://baken:s%40cret@[::1]:6000/baken?sslmode=disable');
    expect(url.describe()).toBe('db1:5433,db2:5432,[::1]:6000/baken');
  });

  it('leaves a single host without target_session_attrs to pg', () => {
    const url = parseConnectionUrl('postgresql://u@localhost/db');
    expect(url.selectsHost).toBe(false);
    expect(url.targetSessionAttrs).toBe('any');
    expect(parseConnectionUrl('postgres://u@h/db?target_session_attrs=any').selectsHost).toBe(false);
    expect(parseConnectionUrl('postgres://u@h/db?target_session_attrs=primary').selectsHost).toBe(true);
  });

  it.each([
    ['mysql://u@h/db'],
    ['postgres://u@h1:5432,,h2/db'],
    ['postgres://u@h1:99999,h2/db'],
    ['postgres://u@h1,h2/db?target_session_attrs=writable'],
    ['postgres:///db'],
  ])('refuses %s', (url) => {
    expect(() => parseConnectionUrl(url)).toThrow(InvalidConnectionUrl);
  });

  it('replaces the credentials and keeps every host', () => {
    expect(withCredentials('postgres://owner:pw@h1:5432,h2:5433/db?target_session_attrs=read-write', 'rt', 'p/w')).toBe(
      'postgres://rt:p%2Fw@h1:5432,h2:5433/db?target_session_attrs=read-write',
    );
    expect(withCredentials('postgres://h1,h2/db', 'rt', 'pw')).toBe('postgres://rt:pw@h1,h2/db');
    expect(connectionUser('postgres://ba%20ken:pw@h1,h2/db')).toBe('ba ken');
    expect(connectionUser('postgres://h1,h2/db')).toBeNull();
  });

  it('tells a lost or read-only server from other errors', () => {
    expect(isConnectionLoss({ code: '57P01' })).toBe(true);
    expect(isConnectionLoss({ code: '25006' })).toBe(true);
    expect(isConnectionLoss({ code: '08006' })).toBe(true);
    expect(isConnectionLoss({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLoss({ code: '23505' })).toBe(false);
    expect(isConnectionLoss(new Error('timeout exceeded when trying to connect'))).toBe(false);
  });
});
