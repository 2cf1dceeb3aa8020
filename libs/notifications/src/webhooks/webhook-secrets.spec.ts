import { newSigningSecret, WebhookSecrets } from './webhook-secrets';

describe('signing secrets at rest', () => {
  const secrets = new WebhookSecrets(Buffer.alloc(32, 7));

  it('are sealed without the secret in them and open again for their organisation', () => {
    const secret = newSigningSecret();
    const sealed = secrets.seal('municipality:breda', secret);
    expect(JSON.stringify(sealed)).not.toContain(secret.slice(6));
    expect(secrets.open('municipality:breda', sealed)).toBe(secret);
  });

  it('do not open for another organisation, or under another master key', () => {
    const sealed = secrets.seal('municipality:breda', newSigningSecret());
    expect(() => secrets.open('riec', sealed)).toThrow();
    expect(() => new WebhookSecrets(Buffer.alloc(32, 8)).open('municipality:breda', sealed)).toThrow();
  });

  it('are new every time', () => {
    expect(newSigningSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newSigningSecret()).not.toBe(newSigningSecret());
  });
});
