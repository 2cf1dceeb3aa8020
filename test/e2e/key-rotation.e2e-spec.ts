import { KeyCustodyScheduler } from '@baken/access';
import { KeyWrapping } from '@baken/privacy';
import { command as keysCommand } from '../../apps/cli/src/commands/keys.command';
import { COORDINATOR, driveCase, ok } from './support/cases';
import { runCli } from './support/cli';
import { queryDatabase } from './support/database';
import { useTestApp } from './support/test-app';

/**
 * The key-encryption keys over time, as the worker runs them: after an erasure a new KEK wraps every live data key
 * again, and the old one is destroyed once the backups of its time are gone — what keeps an erased key unreadable in
 * those backups.
 */
describe('key-encryption keys are rotated after an erasure and retired after the backup retention', () => {
  const app = useTestApp({ env: { BAKEN_BACKUP_RETENTION_DAYS: '35' } });

  const kekIds = async () =>
    (
      await queryDatabase<{ kek_id: string }>(
        app().database.url,
        'SELECT DISTINCT kek_id FROM privacy_subject_keys UNION SELECT DISTINCT kek_id FROM privacy_case_keys',
      )
    ).map((r) => r.kek_id);

  async function keysStatus(): Promise<string> {
    const { code, output } = await runCli(keysCommand, app().app, ['status']);
    expect(code).toBe(0);
    return output;
  }

  it('rotates once a subject is erased, keeps every case readable, and retires the old KEK 35 days later', async () => {
    const keyring = app().app.get(KeyWrapping).keks;
    const scheduler = app().app.get(KeyCustodyScheduler);
    const first = keyring.current().id;
    const withVictim = (name: string) => ({ signal: { subjects: [{ role: 'victim', name }] } });
    const kept = await driveCase(app(), 'in_triage', withVictim('Ilona Vermeulen'));
    const erased = await driveCase(app(), 'in_triage', withVictim('Marta Kowalczyk'));
    const coordinator = await app().as(COORDINATOR);
    expect(await kekIds()).toEqual([first]);

    // Nothing is due yet.
    await scheduler.tick();
    expect(keyring.current().id).toBe(first);
    expect(await keysStatus()).toContain('No rotation is due.');

    const subject = ok(await coordinator.get(`/api/cases/${erased.caseId}`), 200, 'case').body.subjects[0].subjectId;
    ok(await coordinator.delete(`/api/cases/${erased.caseId}/subjects/${subject}/personal-data`), 200, 'erase');
    expect(await keysStatus()).toMatch(/A rotation is due: a data key was erased/);

    await scheduler.tick();
    const second = keyring.current().id;
    expect(second).not.toBe(first);
    expect(await kekIds()).toEqual([second]);
    const detail = ok(await coordinator.get(`/api/cases/${kept.caseId}`), 200, 'kept case').body;
    expect(detail.subjects[0].name).toEqual(expect.any(String));
    expect(detail.summary).toEqual(expect.any(String));
    expect(keyring.get(first)).toBeDefined();
    expect(await keysStatus()).toMatch(new RegExp(`${first} .* rotated out .*, retires `));

    // Not before the backups of its time are gone.
    app().clock.set(new Date(app().clock.now().getTime() + 34 * 24 * 3600 * 1000));
    await scheduler.tick();
    expect(keyring.get(first)).toBeDefined();
    app().clock.set(new Date(app().clock.now().getTime() + 2 * 24 * 3600 * 1000));
    await scheduler.tick();
    expect(keyring.get(first)).toBeUndefined();
    expect(await keysStatus()).toMatch(new RegExp(`${first} .* retired `));
    // The kept subject's key, wrapped by the current KEK, still opens.
    const keptSubject = detail.subjects[0].subjectId;
    const [row] = await queryDatabase<{ wrapped_key: unknown; kek_id: string }>(
      app().database.url,
      'SELECT wrapped_key, kek_id FROM privacy_subject_keys WHERE subject_id = $1',
      [keptSubject],
    );
    expect(row.kek_id).toBe(second);
    expect(app().app.get(KeyWrapping).unwrap(row.wrapped_key, row.kek_id, `key:${keptSubject}`)).toHaveLength(32);
  });
});
