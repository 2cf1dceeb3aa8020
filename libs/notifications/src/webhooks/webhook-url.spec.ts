import { webhookUrlProblem } from './webhook-url';

describe('the receiver URL of a webhook', () => {
  it.each(['https://hooks.example.org/baken', 'https://10.1.2.3:8443/in?source=baken'])(
    'accepts %s in production',
    (url) => {
      expect(webhookUrlProblem(url, true)).toBeNull();
    },
  );

  it('accepts plain http only outside production', () => {
    expect(webhookUrlProblem('http://127.0.0.1:4000/hook', false)).toBeNull();
    expect(webhookUrlProblem('http://hooks.example.org/baken', true)).toBe('must be an https:// URL');
  });

  it.each([
    ['hooks.example.org/baken', 'must be an absolute URL'],
    ['ftp://hooks.example.org', 'must be an https://'],
    ['https:hooks.example.org', 'must be an https://'],
    ['https://user:secret@hooks.example.org', 'must not contain a user name or password'],
    ['https://hooks.example.org/#x', 'must not contain a fragment'],
    ['https://localhost/hook', 'loopback'],
    ['https://127.0.0.1/hook', 'loopback'],
    ['https://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://[::1]/hook', 'loopback'],
    ['https://0.0.0.0/hook', 'unspecified'],
    ['https://hooks.exa\nmple.org/baken', 'control characters'],
    [' https://hooks.example.org/baken', 'spaces'],
    [`https://hooks.example.org/${'a'.repeat(2000)}`, 'at most 2000'],
  ])('refuses %s in production', (url, message) => {
    expect(webhookUrlProblem(url, true)).toContain(message);
  });
});
