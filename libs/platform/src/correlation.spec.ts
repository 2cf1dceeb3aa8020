import { correlationIdOf } from './correlation';

describe('the correlation id of a request', () => {
  it('takes a plain token from X-Correlation-Id', () => {
    expect(correlationIdOf('hx1a2b-42')).toBe('hx1a2b-42');
    expect(correlationIdOf(['req:7', 'other'])).toBe('req:7');
  });

  it('makes a fresh one for anything else', () => {
    for (const value of [undefined, '', 'two words', 'x'.repeat(101), '<script>'])
      expect(correlationIdOf(value)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
