import { JobRegistry, JobRegistryError, UnknownJob } from './job-registry';

const done = async () => ({ status: 'done' as const });

describe('the job registry', () => {
  it('accepts a catalogue where every job has exactly one handler', () => {
    const registry = new JobRegistry();
    registry.defineQueue({ name: 'deadlines', jobs: ['deadline-missed'] });
    registry.handle('deadlines', 'deadline-missed', done);
    expect(() => registry.validate()).not.toThrow();
    expect(registry.handlerFor('deadlines', 'deadline-missed')).toBe(done);
  });

  it('refuses to start when a job name has no handler, naming it', () => {
    const registry = new JobRegistry();
    registry.defineQueue({ name: 'deadlines', jobs: ['deadline-missed', 'deadline-reminder'] });
    registry.handle('deadlines', 'deadline-missed', done);
    expect(() => registry.validate()).toThrow(JobRegistryError);
    expect(() => registry.validate()).toThrow('job "deadline-reminder" on queue "deadlines" has no handler');
  });

  it('refuses a handler for a job nobody declared', () => {
    const registry = new JobRegistry();
    registry.defineQueue({ name: 'deadlines', jobs: [] });
    registry.handle('deadlines', 'typo', done, 'Example.handle');
    expect(() => registry.validate()).toThrow(
      'Example.handle handles "typo" on queue "deadlines", which is not declared',
    );
  });

  it('refuses a second handler for the same job', () => {
    const registry = new JobRegistry();
    registry.handle('deadlines', 'deadline-missed', done, 'First.handle');
    expect(() => registry.handle('deadlines', 'deadline-missed', done, 'Second.handle')).toThrow(
      /already handled by First\.handle/,
    );
  });

  it('refuses a queue defined twice or naming a job twice', () => {
    const registry = new JobRegistry();
    registry.defineQueue({ name: 'deadlines', jobs: ['a'] });
    expect(() => registry.defineQueue({ name: 'deadlines', jobs: ['b'] })).toThrow(JobRegistryError);
    expect(() => registry.defineQueue({ name: 'other', jobs: ['a', 'a'] })).toThrow(JobRegistryError);
  });

  it('answers an unknown job (from Redis) with an error instead of a handler', () => {
    const registry = new JobRegistry();
    registry.defineQueue({ name: 'deadlines', jobs: ['deadline-missed'] });
    registry.handle('deadlines', 'deadline-missed', done);
    expect(() => registry.handlerFor('deadlines', 'retention')).toThrow(UnknownJob);
  });
});
